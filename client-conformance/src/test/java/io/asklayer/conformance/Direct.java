package io.asklayer.conformance;

import io.asklayer.demo.TestWarehouse;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * DuckDB direct: the answer a check compares with, from a plain read-only DuckDB JDBC connection to
 * the test warehouse, and the one row form both sides are compared in.
 */
public final class Direct {
  private Direct() {
  }

  /** The rows of {@code sql} with {@code parameters} bound, on DuckDB direct. */
  public static List<List<String>> rows(String sql, Object... parameters) throws SQLException {
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    try (Connection c = DriverManager.getConnection(TestWarehouse.url(), p);
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        return rows(rs);
      }
    }
  }

  /** Every row of a result set, each value in {@link #normal} form. */
  public static List<List<String>> rows(ResultSet rs) throws SQLException {
    List<List<String>> out = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      List<String> row = new ArrayList<>(n);
      for (int i = 1; i <= n; i++) {
        row.add(normal(rs.getObject(i)));
      }
      out.add(row);
    }
    return out;
  }

  /**
   * A value as both sides are compared: numbers by value whatever their Java class or scale
   * (DuckDB's 12.50 and Asklayer's 12.5 are one answer), dates and timestamps by their ISO text,
   * null as null.
   */
  public static String normal(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number n) {
      return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
    }
    return value.toString();
  }
}
