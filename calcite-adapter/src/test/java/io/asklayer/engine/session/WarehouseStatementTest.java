package io.asklayer.engine.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.asklayer.engine.testing.Rows;
import io.asklayer.engine.testing.TestEngine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.runtime.Hook;
import org.junit.jupiter.api.Test;

/**
 * Plans the warehouse runs whole are read without generated code: every column type the readers
 * handle, null and not null, comes back as DuckDB gives it, through getObject and getString; and
 * a plan with work left for the proxy still takes the compiled way and agrees.
 */
class WarehouseStatementTest {
  private static final String EVERY_TYPE = "SELECT region_name, "
      + "CASE WHEN region_id = 1 THEN NULL ELSE CAST(region_id AS TINYINT) END AS t, "
      + "CASE WHEN region_id = 1 THEN NULL ELSE CAST(region_id * 100 AS SMALLINT) END AS s, "
      + "CASE WHEN region_id = 1 THEN NULL ELSE region_id * 100000 END AS i, "
      + "CASE WHEN region_id = 1 THEN NULL ELSE CAST(region_id AS BIGINT) * 10000000000 END AS b, "
      + "CASE WHEN region_id = 1 THEN NULL ELSE region_id / 3.0E0 END AS d, "
      + "CASE WHEN region_id = 1 THEN NULL ELSE CAST(region_id / 4.0E0 AS REAL) END AS r, "
      + "CASE WHEN region_id = 1 THEN NULL ELSE CAST(region_id * 1.25 AS DECIMAL(12, 2)) END AS m, "
      + "CASE WHEN region_id = 1 THEN NULL ELSE region_id > 2 END AS flag, "
      + "CASE WHEN region_id = 1 THEN NULL ELSE order_date END AS day, "
      + "CASE WHEN region_id = 1 THEN NULL ELSE TIMESTAMP '2025-03-30 01:30:00' END AS ts, "
      + "CASE WHEN region_id = 1 THEN NULL ELSE TIME '23:59:58' END AS tm "
      + "FROM regions JOIN (SELECT MAX(order_date) AS order_date FROM sales_transactions) m ON TRUE "
      + "ORDER BY region_id";

  @Test
  void everyColumnTypeReadsAsDuckdbGivesIt() throws SQLException {
    try (Connection c = TestEngine.connect("analyst"); Connection d = TestEngine.duckdb()) {
      List<String> warehouse = TestEngine.warehouseSql(c, EVERY_TYPE);
      assertThat(warehouse).as("one warehouse statement").hasSize(1);
      Rows.assertSameRows(EVERY_TYPE, Rows.query(c, EVERY_TYPE), Rows.query(d, EVERY_TYPE),
          true);
      assertThat(strings(c, EVERY_TYPE)).isEqualTo(strings(d, EVERY_TYPE));
    }
  }

  @Test
  void aParameterReachesTheWarehouse() throws SQLException {
    String sql = "SELECT sku, list_price FROM product_master WHERE sku = ? ORDER BY sku";
    try (Connection c = TestEngine.connect("analyst"); Connection d = TestEngine.duckdb();
        PreparedStatement p = c.prepareStatement(sql);
        PreparedStatement q = d.prepareStatement(sql)) {
      for (String sku : List.of("SKU-100", "SKU-101", "SKU-NONE")) {
        p.setString(1, sku);
        q.setString(1, sku);
        assertThat(Rows.read(p.executeQuery())).isEqualTo(Rows.read(q.executeQuery()));
      }
    }
  }

  @Test
  void aSingleColumnIsAValueNotARow() throws SQLException {
    String sql = "SELECT order_date FROM sales_transactions ORDER BY order_date DESC LIMIT 3";
    try (Connection c = TestEngine.connect("analyst"); Connection d = TestEngine.duckdb()) {
      Rows.assertSameRows(sql, Rows.query(c, sql), Rows.query(d, sql), true);
    }
  }

  /**
   * Ordered by an expression it does not select, a statement keeps only some of the warehouse
   * statement's columns; they are read directly too (no Java generated), in DuckDB's order.
   */
  @Test
  void anOrderByAnUnselectedExpressionIsReadWithoutGeneratedCode() throws SQLException {
    String two = "SELECT region_name, region_id FROM regions "
        + "ORDER BY CASE WHEN region_id = 2 THEN 0 ELSE region_id END DESC";
    String one = "SELECT region_name FROM regions ORDER BY region_id DESC";
    try (Connection c = TestEngine.connect("analyst"); Connection d = TestEngine.duckdb()) {
      for (String sql : List.of(two, one)) {
        List<Object> code = new ArrayList<>();
        List<List<Object>> rows;
        try (Hook.Closeable ignored = Hook.JAVA_PLAN.addThread((Object s) -> code.add(s))) {
          rows = Rows.query(c, sql);
        }
        assertThat(code).as("Java generated for %s", sql).isEmpty();
        Rows.assertSameRows(sql, rows, Rows.query(d, sql), true);
      }
    }
  }

  /** Each value as getString gives it; DuckDB and Asklayer must agree on the text too. */
  private static List<List<String>> strings(Connection c, String sql) throws SQLException {
    List<List<String>> out = new ArrayList<>();
    try (var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          String v = rs.getString(i);
          // DuckDB writes reals and doubles with its own shortest form, and whole-second
          // timestamps with ".0" (java.sql.Timestamp's text); compare their values.
          row.add(v == null ? null : v.matches("-?\\d+\\.\\d+(E-?\\d+)?")
              ? String.valueOf(Double.parseDouble(v)).replaceAll("\\.0$", "")
              : v.replaceAll("^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d)\\.0$", "$1"));
        }
        out.add(row);
      }
    }
    return out;
  }
}
