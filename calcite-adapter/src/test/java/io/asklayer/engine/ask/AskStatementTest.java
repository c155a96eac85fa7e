package io.asklayer.engine.ask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.asklayer.engine.testing.Rows;
import io.asklayer.engine.testing.TestEngine;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ASK}, {@code EXPLAIN ASK} and {@code TABLE(ask(...))} as statements: the same answer as
 * the metric query they mean, composable with SQL, one SQL statement for the warehouse, and
 * malformed statements refused with the form to use.
 */
class AskStatementTest {
  private static Connection analyst;
  private static Connection north;

  @BeforeAll
  static void open() throws SQLException {
    analyst = TestEngine.connect("analyst");
    north = TestEngine.connect("north_manager");
  }

  @AfterAll
  static void close() throws SQLException {
    analyst.close();
    north.close();
  }

  @Test
  void askAnswersAsTheMetricQueryItMeans() throws SQLException {
    List<List<Object>> asked = Rows.query(analyst,
        "ASK 'top 5 products by units sold in Q4 2024'");
    List<List<Object>> meant = Rows.query(analyst, "SELECT * FROM TABLE(metric_query('metrics: "
        + "units_sold | by: sku, product | time: 2024-10-01..2025-01-01 | order: units_sold desc "
        + "| limit: 5')) ORDER BY \"units_sold\" DESC, \"sku\", \"product\"");
    assertThat(asked).hasSize(5).isEqualTo(meant);
  }

  @Test
  void askReachesTheWarehouseAsOneStatement() throws SQLException {
    List<String> sql = TestEngine.warehouseSql(analyst,
        "ASK 'gross margin percentage by channel in 2025'");
    assertThat(sql).hasSize(1);
  }

  @Test
  void anAnswerCanBeJoinedWithOtherSql() throws SQLException {
    List<List<Object>> rows = Rows.query(analyst, "SELECT r.region_id, a.\"revenue\" "
        + "FROM TABLE(ask('revenue by region in 2025')) AS a "
        + "JOIN regions r ON r.region_name = a.\"region\" ORDER BY r.region_id");
    assertThat(rows).hasSize(5);
    assertThat(rows).extracting(r -> ((Number) r.get(0)).intValue())
        .containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void aQuoteInTheQuestionIsWrittenTwice() throws SQLException {
    assertThat(Rows.query(analyst, "ASK 'what''s the revenue in 2024'")).hasSize(1);
  }

  @Test
  void theNorthManagerIsAnsweredFromNorthOnly() throws SQLException {
    List<List<Object>> mine = Rows.query(north, "ASK 'revenue by region in 2025'");
    assertThat(mine).extracting(r -> r.get(0)).containsExactly("North");
    List<List<Object>> all = Rows.query(analyst, "ASK 'revenue by region in 2025'");
    assertThat(all).hasSize(5).contains(mine.get(0));
  }

  @Test
  void malformedAskStatementsSayWhatToWrite() {
    for (String sql : List.of("ASK revenue", "ASK 'revenue' 'units'", "ASK", "EXPLAIN ASK",
        "ASK 'revenue' LIMIT 5")) {
      SQLException e = catchThrowableOfType(SQLException.class,
          () -> Rows.query(analyst, sql));
      assertThat((Throwable) e).as(sql).isNotNull();
      assertThat(e.getMessage()).as(sql).contains("followed by one question in single quotes");
    }
  }

  @Test
  void aSecondStatementBehindTheQuestionIsRefused() {
    SQLException e = catchThrowableOfType(SQLException.class, () -> Rows.query(analyst,
        "ASK 'revenue by region'; DROP TABLE sales_transactions; --'"));
    assertThat(e.getMessage()).contains("One statement per execution");
  }

  @Test
  void aRefusedQuestionFailsTheStatementWithTheReason() {
    SQLException e = catchThrowableOfType(SQLException.class, () -> Rows.query(analyst,
        "SELECT * FROM TABLE(ask('average salary by region'))"));
    assertThat(e.getMessage()).contains("salary").contains("does not cover");
  }
}
