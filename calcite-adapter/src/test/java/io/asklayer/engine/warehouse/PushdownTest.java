package io.asklayer.engine.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.asklayer.engine.testing.GoldenFile;
import io.asklayer.engine.testing.Rows;
import io.asklayer.engine.testing.TestEngine;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole queries reach DuckDB as one statement: for each case of {@code golden/pushdown.txt} the plan
 * is a single JDBC subtree under one converter, the SQL sent to DuckDB is the golden SQL, and the
 * rows equal DuckDB's own answer to the query (or to the case's {@code direct} section).
 */
class PushdownTest {
  private static final GoldenFile GOLDEN = GoldenFile.read("pushdown.txt");
  private static Connection asklayer;
  private static Connection duckdb;

  @BeforeAll
  static void open() throws SQLException {
    asklayer = TestEngine.connect("analyst");
    duckdb = TestEngine.duckdb();
  }

  @AfterAll
  static void close() throws SQLException {
    asklayer.close();
    duckdb.close();
    if (GoldenFile.UPDATE) {
      GOLDEN.write();
    }
  }

  static Stream<GoldenFile.Case> cases() {
    return GOLDEN.cases().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void runsAsOneWarehouseStatement(GoldenFile.Case c) throws SQLException {
    TestEngine.assertFullyPushedDown(c.name(), TestEngine.plan(asklayer, c.input()));

    List<String> sql = TestEngine.warehouseSql(asklayer, c.input());
    assertThat(sql).as("statements sent for %s", c).hasSize(1);
    if (GoldenFile.UPDATE) {
      GOLDEN.set(c.name(), "duckdb", sql.get(0));
    } else {
      assertThat(sql.get(0)).as("SQL sent to DuckDB for %s", c).isEqualTo(c.get("duckdb"));
    }

    String direct = c.get("direct") != null ? c.get("direct") : c.input();
    boolean ordered = c.input().toUpperCase().contains("ORDER BY");
    Rows.assertSameRows(c.name(), Rows.query(asklayer, c.input()), Rows.query(duckdb, direct),
        ordered);
  }

  /**
   * A subtree shared as a CTE keeps the row filter of the principal whose plan it is: a regional
   * manager's CTE reads only the region's lines, and the rows are DuckDB's over that region.
   */
  @org.junit.jupiter.api.Test
  void aSharedSubtreeKeepsThePrincipalsRowFilter() throws SQLException {
    String sql = "WITH by_channel AS (SELECT channel, SUM(quantity) AS units "
        + "FROM sales_transactions GROUP BY channel) "
        + "SELECT a.channel, a.units, b.units AS other FROM by_channel a "
        + "JOIN by_channel b ON a.channel <> b.channel";
    String direct = sql.replace("FROM sales_transactions",
        "FROM sales_transactions WHERE region_id = 1");
    try (Connection north = TestEngine.connect("north_manager")) {
      TestEngine.assertFullyPushedDown("shared subtree", TestEngine.plan(north, sql));
      List<String> sent = TestEngine.warehouseSql(north, sql);
      assertThat(sent).hasSize(1);
      String cte = sent.get(0).substring(0, sent.get(0).indexOf(") SELECT"));
      assertThat(cte).startsWith("WITH \"cte_0\"").contains("\"region_id\" = 1");
      assertThat(sent.get(0).substring(cte.length())).doesNotContain("sales_transactions");
      Rows.assertSameRows("north", Rows.query(north, sql), Rows.query(duckdb, direct), false);
      // The analyst's plan of the same text shares its own subtree, with no filter in it.
      List<String> analyst = TestEngine.warehouseSql(asklayer, sql);
      assertThat(analyst.get(0)).startsWith("WITH \"cte_0\"").doesNotContain("region_id");
      Rows.assertSameRows("analyst", Rows.query(asklayer, sql), Rows.query(duckdb, sql), false);
    }
  }

  @org.junit.jupiter.api.Test
  void aScalarSubQueryOfMoreThanOneRowFailsInTheWarehouseToo() throws SQLException {
    String sql = "SELECT region_name FROM regions WHERE region_id = "
        + "(SELECT region_id FROM customers WHERE customer_id <= 2)";
    TestEngine.assertFullyPushedDown("scalar sub-query", TestEngine.plan(asklayer, sql));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Rows.query(asklayer, sql))
        .hasStackTraceContaining("more than one row returned by a sub-query");
    String one = "SELECT region_name FROM regions WHERE region_id = "
        + "(SELECT region_id FROM customers WHERE customer_id = 1)";
    Rows.assertSameRows("one row", Rows.query(asklayer, one), Rows.query(duckdb, one), false);
  }
}
