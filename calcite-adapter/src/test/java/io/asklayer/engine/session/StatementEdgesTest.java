package io.asklayer.engine.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asklayer.engine.testing.Rows;
import io.asklayer.engine.testing.TestEngine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the outside check of the statement path found failing, each answered as DuckDB answers:
 * a bound row limit, a bound value in a grouped expression, text escapes and characters outside
 * Latin-1 in any clause, bytes, counts past an int, and a repeated column past the string bound.
 */
class StatementEdgesTest {
  private static Connection asklayer;
  private static Connection north;
  private static Connection duckdb;

  @BeforeAll
  static void open() throws SQLException {
    asklayer = TestEngine.connect("analyst");
    north = TestEngine.connect("north_manager");
    duckdb = TestEngine.duckdb();
  }

  @AfterAll
  static void close() throws SQLException {
    asklayer.close();
    north.close();
    duckdb.close();
  }

  private static List<List<Object>> prepared(Connection c, String sql, Object... values)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        p.setObject(i + 1, values[i]);
      }
      try (ResultSet rs = p.executeQuery()) {
        return Rows.read(rs);
      }
    }
  }

  @Test
  void aBoundRowLimitLimits() throws SQLException {
    String sql = "SELECT region_name FROM regions ORDER BY region_name LIMIT ?";
    assertThat(prepared(asklayer, sql, 2)).isEqualTo(prepared(duckdb, sql, 2)).hasSize(2);
    String fetch = "SELECT region_name FROM regions ORDER BY region_name "
        + "OFFSET ? ROWS FETCH FIRST ? ROWS ONLY";
    assertThat(prepared(asklayer, fetch, 1, 3)).isEqualTo(prepared(duckdb, fetch, 1, 3))
        .hasSize(3);
  }

  @Test
  void aCountPastAnIntIsANumber() throws SQLException {
    String sql = "SELECT region_name FROM regions ORDER BY region_name LIMIT 3000000000";
    assertThat(Rows.query(asklayer, sql)).isEqualTo(Rows.query(duckdb, sql));
  }

  @Test
  void aBoundValueInAGroupedExpressionIsOneValue() throws SQLException {
    String sql = "SELECT CASE WHEN quantity >= ? THEN 'big' ELSE 'small' END AS b, COUNT(*) "
        + "FROM sales_transactions WHERE store_id = ? GROUP BY 1";
    Rows.assertSameRows(sql, prepared(asklayer, sql, 5, 3), prepared(duckdb, sql, 5, 3), false);
  }

  @Test
  void escapedAndWideTextIsTextAnywhere() throws SQLException {
    assertThat(Rows.query(asklayer, "SELECT U&'\\0041' || region_name AS u FROM regions "
        + "WHERE region_id = 1")).isEqualTo(List.of(List.of("ANorth")));
    for (String sql : List.of(
        "SELECT E'a\\nb' AS x, '\uD83D\uDE00' AS e FROM regions WHERE region_id = 1",
        "SELECT region_name FROM regions WHERE region_name = 'Nor' || E'\\x74h'",
        "SELECT E'x\\'' AS q, E'\\t' || region_name AS t FROM regions WHERE region_id = 2",
        "SELECT '\uD83D\uDE00' || category AS tag, COUNT(*) FROM product_master GROUP BY 1")) {
      Rows.assertSameRows(sql, Rows.query(asklayer, sql), Rows.query(duckdb, sql), false);
    }
  }

  @Test
  void bytesAreBytes() throws SQLException {
    try (java.sql.Statement s = asklayer.createStatement();
        ResultSet rs = s.executeQuery("SELECT X'ABCD' AS b FROM regions WHERE region_id = 1")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getBytes(1)).containsExactly(0xAB, 0xCD);
    }
  }

  @Test
  void aRepeatedColumnIsHeldToTheStringBound() throws SQLException {
    assertThatThrownBy(() -> Rows.query(asklayer,
        "SELECT LENGTH(REPEAT(region_name, 100000)) FROM regions"))
        .hasMessageContaining("more than 100,000 characters");
    String small = "SELECT LENGTH(REPEAT(region_name, 1000)) FROM regions";
    assertThat(Rows.query(asklayer, small)).isEqualTo(Rows.query(duckdb, small));
  }

  @Test
  void aWarehouseFailureNeverQuotesTheGeneratedSql() {
    // DuckDB's message goes on with "LINE 1: SELECT ..." and the statement, row filter included.
    // What a client is told (the driver's boundary classifies every failure).
    assertThatThrownBy(() -> Rows.query(north,
        "SELECT CAST(region_name AS INTEGER) FROM regions"))
        .satisfies(e -> assertThat(io.asklayer.engine.error.Errors.classify(e).getMessage())
            .startsWith("The warehouse could not compute a value: Conversion Error")
            .doesNotContain("LINE 1").doesNotContain("SELECT"));
  }

  @Test
  void aWarehouseFaultIsToldByItsFirstLineOnly() {
    SQLException duckdb = new SQLException("Binder Error: column \"quantity\" must appear in the "
        + "GROUP BY clause\n\nLINE 1: SELECT CASE WHEN CASE WHEN \"region_id\" = 1 THEN ...");
    assertThat(io.asklayer.engine.error.Errors.classify(new RuntimeException(duckdb))
        .getMessage()).contains("Binder Error").doesNotContain("LINE 1")
        .doesNotContain("region_id");
  }

  @Test
  void anAggregateOverAGroupedSemanticQueryIsWrittenOverASubQuery() throws SQLException {
    // Calcite's writer nested SUM in SUM here, which DuckDB refused as an internal fault.
    String direct = "SELECT SUM(u), MAX(u) FROM (SELECT st.store_name, SUM(s.quantity) AS u "
        + "FROM sales_transactions s JOIN stores st ON st.store_id = s.store_id GROUP BY 1) t";
    Rows.assertSameRows("sum of sums", Rows.query(asklayer, "SELECT SUM(u), MAX(u) FROM (SELECT "
        + "store, SUM(units_sold) AS u FROM semantic.sales GROUP BY store) t"),
        Rows.query(duckdb, direct), false);
  }
}
