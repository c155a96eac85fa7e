package io.asklayer.engine.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.asklayer.engine.testing.Rows;
import io.asklayer.engine.testing.TestEngine;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Metrics from SQL, as people and BI tools write it: {@code AGGREGATE(metric)} (or the
 * {@code SUM(metric)} a tool produces by dragging a column) over {@code semantic} tables is the metric
 * at the query's grouping, so a ratio is right whatever the grouping. Results are compared with
 * hand-written SQL run directly on DuckDB.
 */
class SemanticSqlTest {
  private static Connection asklayer;
  private static Connection duckdb;

  private static final String MARGIN_PCT = "(SUM(s.quantity * s.unit_price * (1 - s.discount) "
      + "* f.usd_per_unit) - SUM(s.quantity * p.unit_cost)) / SUM(s.quantity * s.unit_price "
      + "* (1 - s.discount) * f.usd_per_unit)";
  private static final String SALES = "FROM sales_transactions s JOIN fx_rates f "
      + "ON f.currency = s.currency AND f.rate_date = s.order_date "
      + "JOIN product_master p ON p.sku = s.sku ";

  @BeforeAll
  static void open() throws SQLException {
    asklayer = TestEngine.connect("analyst");
    duckdb = TestEngine.duckdb();
  }

  @AfterAll
  static void close() throws SQLException {
    asklayer.close();
    duckdb.close();
  }

  private static void same(String asklayerSql, String goldSql, boolean ordered)
      throws SQLException {
    Rows.assertSameRows(asklayerSql, Rows.query(asklayer, asklayerSql),
        Rows.query(duckdb, goldSql), ordered);
  }

  private static String refusal(String sql) {
    SQLException e = catchThrowableOfType(SQLException.class, () -> Rows.query(asklayer, sql));
    assertThat((Throwable) e).as(sql).isNotNull();
    return e.getMessage();
  }

  @Test
  void aRatioIsRightByCategoryAndByRegion() throws SQLException {
    same("SELECT category, AGGREGATE(gross_margin_pct) FROM semantic.sales GROUP BY category",
        "SELECT p.category, " + MARGIN_PCT + SALES + "GROUP BY 1", false);
    same("SELECT region, AGGREGATE(gross_margin_pct) FROM semantic.sales GROUP BY region",
        "SELECT r.region_name, " + MARGIN_PCT + SALES
            + "JOIN regions r ON r.region_id = s.region_id GROUP BY 1", false);
  }

  @Test
  void theSumABiToolSendsMeansTheSameAsAggregate() throws SQLException {
    same("SELECT \"region\", SUM(\"gross_margin_pct\") AS \"SUM:gross_margin_pct:ok\", "
            + "AVG(\"average_order_value\"), MAX(\"revenue\") FROM \"semantic\".\"sales\" "
            + "GROUP BY \"region\"",
        "SELECT r.region_name, " + MARGIN_PCT + ", SUM(s.quantity * s.unit_price * "
            + "(1 - s.discount) * f.usd_per_unit) / COUNT(DISTINCT s.order_id), SUM(s.quantity "
            + "* s.unit_price * (1 - s.discount) * f.usd_per_unit) " + SALES
            + "JOIN regions r ON r.region_id = s.region_id GROUP BY 1", false);
  }

  @Test
  void whereHavingOrderAndLimitWorkAsInSql() throws SQLException {
    same("SELECT category AS c, SUM(revenue) AS total FROM semantic.sales "
            + "WHERE order_date >= DATE '2024-01-01' AND order_date < DATE '2025-01-01' "
            + "AND channel IN ('Amazon', 'Shopify') GROUP BY category "
            + "HAVING SUM(revenue) > 1000 ORDER BY total DESC LIMIT 3",
        "SELECT p.category, SUM(s.quantity * s.unit_price * (1 - s.discount) * f.usd_per_unit) "
            + "AS t " + SALES + "WHERE s.order_date >= DATE '2024-01-01' AND s.order_date < "
            + "DATE '2025-01-01' AND s.channel IN ('Amazon', 'Shopify') GROUP BY 1 "
            + "HAVING t > 1000 ORDER BY t DESC LIMIT 3", true);
  }

  @Test
  void groupingByAnExpressionOfADimension() throws SQLException {
    same("SELECT FLOOR(order_date TO QUARTER) AS q, AGGREGATE(order_count) FROM semantic.sales "
            + "WHERE EXTRACT(YEAR FROM order_date) = 2024 GROUP BY FLOOR(order_date TO QUARTER)",
        "SELECT date_trunc('quarter', order_date), COUNT(DISTINCT order_id) FROM "
            + "sales_transactions WHERE year(order_date) = 2024 GROUP BY 1", false);
  }

  @Test
  void metricsFromSeveralTablesWithoutGrouping() throws SQLException {
    same("SELECT AGGREGATE(units_sold), AGGREGATE(returned_units), AGGREGATE(return_rate) "
            + "FROM semantic.sales",
        "SELECT (SELECT SUM(quantity) FROM sales_transactions), (SELECT SUM(quantity) FROM "
            + "returns), (SELECT SUM(quantity) FROM returns) * 1.0 / (SELECT SUM(quantity) FROM "
            + "sales_transactions)", false);
  }

  @Test
  void anAnswerJoinsWithWarehouseTables() throws SQLException {
    String sql = "SELECT r.region_id, m.rev FROM (SELECT region, AGGREGATE(revenue) AS rev "
        + "FROM semantic.sales GROUP BY region) m JOIN regions r ON r.region_name = m.region";
    same(sql, "SELECT s.region_id, ROUND(SUM(s.quantity * s.unit_price * (1 - s.discount) * "
        + "f.usd_per_unit), 2) FROM sales_transactions s JOIN fx_rates f ON f.currency = "
        + "s.currency AND f.rate_date = s.order_date GROUP BY 1", false);
    assertThat(TestEngine.warehouseSql(asklayer, sql)).hasSize(1);
  }

  @Test
  void distinctDimensionValuesForFilterLists() throws SQLException {
    same("SELECT DISTINCT channel FROM semantic.sales",
        "SELECT DISTINCT channel FROM sales_transactions", false);
  }

  @Test
  void reviewsHaveTheirOwnSemanticTable() throws SQLException {
    same("SELECT category, AGGREGATE(average_rating) FROM semantic.reviews GROUP BY category",
        "SELECT p.category, AVG(v.rating) FROM product_reviews v JOIN product_master p "
            + "ON p.sku = v.sku GROUP BY 1", false);
  }

  /**
   * What Tableau sends while a view is built: Number of Records ({@code SUM(1)}), counts, a
   * dimension's distinct count and a time dimension's range, each over the semantic table's fact
   * rows (here sales lines), beside metrics and by a dimension.
   */
  @Test
  void recordCountsDistinctCountsAndRangesAreTheFactRows() throws SQLException {
    same("SELECT SUM(1), COUNT(1), COUNT(*) FROM semantic.sales",
        "SELECT COUNT(*), COUNT(*), COUNT(*) FROM sales_transactions", false);
    same("SELECT \"region\", SUM(1) AS \"Number of Records\", SUM(\"revenue\"), "
            + "COUNT(DISTINCT \"channel\"), MIN(\"order_date\"), MAX(\"order_date\") "
            + "FROM \"semantic\".\"sales\" GROUP BY \"region\"",
        "SELECT r.region_name, COUNT(*), SUM(s.quantity * s.unit_price * (1 - s.discount) "
            + "* f.usd_per_unit), COUNT(DISTINCT s.channel), MIN(s.order_date), "
            + "MAX(s.order_date) FROM sales_transactions s JOIN fx_rates f "
            + "ON f.currency = s.currency AND f.rate_date = s.order_date "
            + "JOIN regions r ON r.region_id = s.region_id GROUP BY 1", false);
    same("SELECT COUNT(DISTINCT region), COUNT(channel), MIN(order_date), MAX(order_date) "
            + "FROM semantic.sales WHERE channel = 'Amazon'",
        "SELECT COUNT(DISTINCT region_id), COUNT(channel), MIN(order_date), MAX(order_date) "
            + "FROM sales_transactions WHERE channel = 'Amazon'", false);
    same("SELECT category, COUNT(*), AGGREGATE(returned_units) FROM semantic.returns "
            + "GROUP BY category",
        "SELECT p.category, COUNT(*), SUM(t.quantity) FROM returns t "
            + "JOIN product_master p ON p.sku = t.sku GROUP BY 1", false);
  }

  @Test
  void recordCountsFollowThePrincipalsRowFilter() throws SQLException {
    try (Connection north = TestEngine.connect("north_manager")) {
      String sql = "SELECT channel, SUM(1), COUNT(DISTINCT region), MIN(order_date), "
          + "AGGREGATE(units_sold) FROM semantic.sales GROUP BY channel";
      Rows.assertSameRows(sql, Rows.query(north, sql), Rows.query(duckdb,
          "SELECT channel, COUNT(*), COUNT(DISTINCT region_id), MIN(order_date), SUM(quantity) "
              + "FROM sales_transactions WHERE region_id = 1 GROUP BY 1"), false);
    }
  }

  /** Tableau's schema probe: the columns, no rows, no warehouse work; also prepared. */
  @Test
  void anEmptyProbeAnswersTheColumns() throws SQLException {
    for (String sql : List.of("SELECT * FROM semantic.sales WHERE 1 = 0",
        "SELECT * FROM \"semantic\".\"sales\" \"sales\" WHERE (1 = 0)",
        "SELECT region, revenue FROM semantic.sales LIMIT 0")) {
      assertThat(Rows.query(asklayer, sql)).as(sql).isEmpty();
      try (java.sql.PreparedStatement ps = asklayer.prepareStatement(sql)) {
        java.sql.ResultSetMetaData md = ps.getMetaData();
        assertThat(md.getColumnLabel(1)).isIn("order_date", "region");
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isFalse();
        }
      }
    }
    try (java.sql.PreparedStatement ps = asklayer.prepareStatement(
        "SELECT * FROM semantic.sales WHERE 1 = 0")) {
      List<String> names = new ArrayList<>();
      for (int i = 1; i <= ps.getMetaData().getColumnCount(); i++) {
        names.add(ps.getMetaData().getColumnLabel(i));
      }
      assertThat(names).contains("region", "revenue", "gross_margin_pct");
    }
  }

  @Test
  void misuseIsRefusedWithTheWayToDoIt() {
    assertThat(refusal("SELECT * FROM semantic.sales"))
        .contains("semantic.sales answers aggregate queries")
        .contains("SELECT category, AGGREGATE(revenue) FROM semantic.sales GROUP BY category");
    assertThat(refusal("SELECT COUNT(DISTINCT revenue) FROM semantic.sales"))
        .contains("aggregate metric columns with AGGREGATE(metric)");
    assertThat(refusal("SELECT SUM(2) FROM semantic.sales"))
        .contains("SUM(...) takes a metric column as it is");
    assertThat(refusal("SELECT AVG(region) FROM semantic.sales"))
        .contains("AVG(...) takes a metric column as it is");
    assertThat(refusal("SELECT revenue, AGGREGATE(units_sold) FROM semantic.sales "
        + "GROUP BY revenue")).contains("Metric column 'revenue' of semantic.sales can only be "
        + "aggregated");
    assertThat(refusal("SELECT AGGREGATE(quantity) FROM sales_transactions"))
        .contains("AGGREGATE(...) takes a metric column of a semantic table");
    assertThat(refusal("SELECT store, AGGREGATE(average_rating) FROM semantic.sales "
        + "GROUP BY store")).contains("Dimension 'store' cannot be used with average_rating");
    assertThat(refusal("SELECT channel, AGGREGATE(revenue) FROM semantic.reviews "
        + "GROUP BY channel")).contains("Column 'channel' not found");
  }

  @Test
  void semanticTablesAreListedAsViews() throws SQLException {
    DatabaseMetaData md = asklayer.getMetaData();
    List<String> tables = new ArrayList<>();
    try (ResultSet rs = md.getTables(null, "semantic", "%", null)) {
      while (rs.next()) {
        assertThat(rs.getString("TABLE_TYPE")).isEqualTo("VIEW");
        tables.add(rs.getString("TABLE_NAME"));
      }
    }
    assertThat(tables).containsExactlyInAnyOrder("sales", "returns", "reviews");
    List<String> columns = new ArrayList<>();
    try (ResultSet rs = md.getColumns(null, "semantic", "sales", "%")) {
      while (rs.next()) {
        columns.add(rs.getString("COLUMN_NAME"));
      }
    }
    assertThat(columns).contains("order_date", "region", "category", "customer_segment",
        "revenue", "gross_margin_pct", "return_rate", "average_rating")
        .doesNotContain("review_date", "return_reason");
  }
}
