package io.asklayer.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.asklayer.engine.testing.Rows;
import io.asklayer.engine.testing.TestEngine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The adversarial suite of {@code security/north-manager.sql}: every statement, run as
 * {@code north_manager}, returns exactly what DuckDB returns for the same statement with the North
 * filter applied by hand: no extra rows, no other region's aggregates, masked emails.
 */
class NorthManagerSqlTest {
  /** The North filter written by hand, per secured table, as DuckDB derived tables. */
  static final Map<String, String> BY_HAND = Map.of(
      "{sales}", "(SELECT * FROM sales_transactions WHERE region_id = 1)",
      "{stores}", "(SELECT * FROM stores WHERE region_id = 1)",
      "{customers}", "(SELECT customer_id, customer_name, '***' AS email, segment, region_id, "
          + "signup_date FROM customers WHERE region_id = 1)",
      "{returns}", "(SELECT * FROM \"returns\" WHERE (order_id, line_number) IN (SELECT order_id, "
          + "line_number FROM sales_transactions WHERE region_id = 1))",
      "{reviews}", "(SELECT * FROM product_reviews WHERE customer_id IN (SELECT customer_id FROM "
          + "customers WHERE region_id = 1))",
      "{policies}", "(SELECT * FROM policy_documents WHERE region_id = 1 OR region_id IS NULL)");
  static final Map<String, String> AS_TYPED = Map.of(
      "{sales}", "sales_transactions", "{stores}", "stores", "{customers}", "customers",
      "{returns}", "returns", "{reviews}", "product_reviews", "{policies}", "policy_documents");
  private static final String[] REGIONS = {"North", "South", "East", "West", "Central"};

  private static Connection north;
  private static Connection duckdb;

  /** One statement: what Asklayer runs, and the hand-filtered equivalent DuckDB runs. */
  record Case(String asklayer, String duckdb) {
    @Override public String toString() {
      return asklayer;
    }
  }

  static List<Case> cases() throws IOException {
    String text;
    try (InputStream in = NorthManagerSqlTest.class.getResourceAsStream(
        "/security/north-manager.sql")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<Case> out = new ArrayList<>();
    for (String line : text.lines().toList()) {
      if (line.isBlank() || line.startsWith("--")) {
        continue;
      }
      boolean perRegion = line.contains("{r}") || line.contains("{region}");
      for (int r = 1; r <= (perRegion ? 5 : 1); r++) {
        String l = line.replace("{r}", String.valueOf(r)).replace("{region}", REGIONS[r - 1]);
        String[] parts = l.split("\\|\\|\\|");
        String mine = parts[0].strip();
        String theirs = parts.length > 1 ? parts[1].strip() : mine;
        for (Map.Entry<String, String> e : AS_TYPED.entrySet()) {
          mine = mine.replace(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, String> e : BY_HAND.entrySet()) {
          theirs = theirs.replace(e.getKey(), e.getValue());
        }
        out.add(new Case(mine, theirs));
      }
    }
    return out;
  }

  static Stream<Case> statements() throws IOException {
    return cases().stream();
  }

  @BeforeAll
  static void open() throws SQLException {
    north = TestEngine.connect("north_manager");
    duckdb = TestEngine.duckdb();
  }

  @AfterAll
  static void close() throws SQLException {
    north.close();
    duckdb.close();
  }

  @Test
  void theSuiteHasAtLeastTwoHundredStatements() throws IOException {
    assertThat(cases()).hasSizeGreaterThanOrEqualTo(200);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("statements")
  void seesOnlyWhatTheNorthFilterAllows(Case c) throws SQLException {
    boolean ordered = c.asklayer().toUpperCase().contains("ORDER BY");
    Rows.assertSameRows(c.asklayer(), Rows.query(north, c.asklayer()),
        Rows.query(duckdb, c.duckdb()), ordered);
  }
}
