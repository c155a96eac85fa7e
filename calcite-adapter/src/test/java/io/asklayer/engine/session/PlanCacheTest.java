package io.asklayer.engine.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.asklayer.engine.testing.Rows;
import io.asklayer.engine.testing.TestEngine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plan cache: a statement seen before is not planned again, and keeping plans never changes
 * an answer — not across principals, not across reference dates, not for statements whose
 * planning reads data, and not after the session that made a plan has gone.
 */
class PlanCacheTest {
  private static final String BY_REGION = "SELECT r.region_name, SUM(s.quantity) AS units "
      + "FROM sales_transactions s JOIN regions r ON r.region_id = s.region_id "
      + "GROUP BY r.region_name ORDER BY 1";

  @BeforeEach
  void forget() {
    PlanCache.invalidate();
  }

  private static long hits() {
    return PlanCache.stats().hitCount();
  }

  @Test
  void aRepeatedStatementIsPlannedOnceAndAnswersTheSame() throws SQLException {
    try (Connection c = TestEngine.connect("analyst"); Connection d = TestEngine.duckdb()) {
      List<List<Object>> first = Rows.query(c, BY_REGION);
      long before = hits();
      List<List<Object>> second = Rows.query(c, BY_REGION);
      assertThat(hits() - before).isEqualTo(1);
      assertThat(second).isEqualTo(first);
      Rows.assertSameRows(BY_REGION, second, Rows.query(d, BY_REGION), true);
    }
  }

  @Test
  void aKeptPlanDoesNotKeepItsMakersSchemaAlive() throws Exception {
    java.lang.ref.WeakReference<Object> schema;
    try (Connection c = TestEngine.connect("analyst")) {
      schema = new java.lang.ref.WeakReference<>(EmbeddedDriver.sessionOf(c).rootSchema());
      Rows.query(c, BY_REGION);
    }
    assertThat(PlanCache.size()).as("the plan is kept").isPositive();
    for (int i = 0; i < 50 && schema.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertThat(schema.get()).as("the closed session's root schema, after collection").isNull();
    try (Connection c = TestEngine.connect("analyst")) {
      long before = hits();
      Rows.query(c, BY_REGION);
      assertThat(hits() - before).as("the kept plan serves the next session").isEqualTo(1);
    }
  }

  @Test
  void anotherSessionOfTheSamePolicyUsesThePlanAfterItsMakerClosed() throws SQLException {
    try (Connection c = TestEngine.connect("analyst")) {
      Rows.query(c, BY_REGION);
    }
    long before = hits();
    try (Connection c = TestEngine.connect("analyst"); Connection d = TestEngine.duckdb()) {
      Rows.assertSameRows(BY_REGION, Rows.query(c, BY_REGION), Rows.query(d, BY_REGION), true);
    }
    assertThat(hits() - before).isEqualTo(1);
  }

  @Test
  void aPrincipalWithAnotherPolicyNeverGetsAnotherPrincipalsPlan() throws SQLException {
    try (Connection analyst = TestEngine.connect("analyst");
        Connection north = TestEngine.connect("north_manager")) {
      assertThat(Rows.query(analyst, BY_REGION)).hasSize(5);
      long before = hits();
      List<List<Object>> rows = Rows.query(north, BY_REGION);
      assertThat(hits() - before).isZero();
      assertThat(rows).extracting(r -> r.get(0)).containsExactly("North");
      // and the other way round: the north manager's plan is not the analyst's
      assertThat(Rows.query(north, BY_REGION)).hasSize(1);
      assertThat(Rows.query(analyst, BY_REGION)).hasSize(5);
    }
  }

  @Test
  void questionsAreReadAgainstEachSessionsToday() throws SQLException {
    String ask = "ASK 'units sold last month'";
    try (Connection dec = TestEngine.connect("analyst", "today=2025-12-15");
        Connection jul = TestEngine.connect("analyst", "today=2025-07-15");
        Connection d = TestEngine.duckdb()) {
      Object december = Rows.query(dec, ask).get(0).get(0);
      Object june = Rows.query(jul, ask).get(0).get(0);
      assertThat(december).isEqualTo(Rows.query(d, "SELECT SUM(quantity) FROM "
          + "sales_transactions WHERE order_date BETWEEN '2025-11-01' AND '2025-11-30'").get(0)
          .get(0));
      assertThat(june).isEqualTo(Rows.query(d, "SELECT SUM(quantity) FROM "
          + "sales_transactions WHERE order_date BETWEEN '2025-06-01' AND '2025-06-30'").get(0)
          .get(0));
    }
  }

  @Test
  void questionsThatMeanTheSameShareAPlanAndOnesThatDoNotNever() throws SQLException {
    try (Connection c = TestEngine.connect("analyst")) {
      List<List<Object>> first = Rows.query(c, "ASK 'revenue by region in 2025'");
      long before = hits();
      List<List<Object>> paraphrase = Rows.query(c,
          "ASK 'What was the total revenue for each region in 2025?'");
      assertThat(hits() - before).isEqualTo(1);
      assertThat(paraphrase).isEqualTo(first);
      before = hits();
      List<List<Object>> north = Rows.query(c, "ASK 'revenue by region in 2025 in the North'");
      assertThat(hits() - before).isZero();
      assertThat(north).hasSize(1).isNotEqualTo(first);
    }
  }

  @Test
  void warningsOfAKeptPlanAreGivenEveryTime() throws SQLException {
    String ask = "ASK 'revenue in 2030'";
    try (Connection c = TestEngine.connect("analyst")) {
      Session session = EmbeddedDriver.sessionOf(c);
      Rows.query(c, ask);
      List<String> first = session.drainWarnings();
      assertThat(first).anyMatch(w -> w.contains("no data"));
      long before = hits();
      Rows.query(c, ask);
      assertThat(hits() - before).isEqualTo(1);
      assertThat(session.drainWarnings()).isEqualTo(first);
    }
  }

  @Test
  void statementsThatReadDataWhilePlannedAreNotKept() throws SQLException {
    try (Connection c = TestEngine.connect("analyst")) {
      String search = "SELECT doc_id FROM TABLE(search_documents('battery', 3))";
      for (String sql : List.of("SHOW METRICS", search, "EXPLAIN ASK 'revenue by region'",
          "ASK 'why are customers complaining about SKU-165?'")) {
        Rows.query(c, sql);
        long before = hits();
        Rows.query(c, sql);
        assertThat(hits() - before).as(sql).isZero();
      }
    }
  }

  @Test
  void refreshingMetadataForgetsPlans() throws SQLException {
    try (Connection c = TestEngine.connect("admin")) {
      Rows.query(c, BY_REGION);
      Rows.query(c, "REFRESH METADATA");
      long before = hits();
      Rows.query(c, BY_REGION);
      assertThat(hits() - before).isZero();
    }
  }

  @Test
  void aKeptPreparedStatementTakesNewParameters() throws SQLException {
    String sql = "SELECT COUNT(*) FROM sales_transactions WHERE region_id = ?";
    try (Connection c = TestEngine.connect("analyst"); Connection d = TestEngine.duckdb()) {
      for (int region = 1; region <= 3; region++) {
        try (PreparedStatement p = c.prepareStatement(sql);
            PreparedStatement q = d.prepareStatement(sql)) {
          p.setInt(1, region);
          q.setInt(1, region);
          assertThat(Rows.read(p.executeQuery())).isEqualTo(Rows.read(q.executeQuery()));
        }
      }
    }
  }
}
