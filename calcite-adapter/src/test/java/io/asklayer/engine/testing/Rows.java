package io.asklayer.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Result rows as plain values, and their comparison the way the eval README defines it. */
public final class Rows {
  private Rows() {
  }

  /** Runs a query and returns its rows, each value normalised by {@link #normalize}. */
  public static List<List<Object>> query(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return read(rs);
    }
  }

  public static List<List<Object>> read(ResultSet rs) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      List<Object> row = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        row.add(normalize(rs.getObject(i)));
      }
      out.add(row);
    }
    return out;
  }

  /** Numbers as BigDecimal, dates and times as ISO text, everything else as its string. */
  public static Object normalize(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Number n) {
      return new BigDecimal(n.toString());
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    if (v instanceof java.sql.Timestamp t) {
      java.time.LocalDateTime ldt = t.toLocalDateTime();
      return ldt.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)
          ? ldt.toLocalDate().toString() : ldt.toString();
    }
    if (v instanceof java.time.LocalDate d) {
      return d.toString();
    }
    if (v instanceof java.time.LocalDateTime t) {
      return t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)
          ? t.toLocalDate().toString() : t.toString();
    }
    if (v instanceof java.time.OffsetDateTime t) {
      return normalize(t.toLocalDateTime());
    }
    return v.toString();
  }

  /**
   * Asserts two results hold the same rows: numbers equal to a relative 1e-6 or to the cent, numbers
   * under 1 to 0.1% of their value; in order when {@code ordered}, as multisets otherwise.
   */
  public static void assertSameRows(String what, List<List<Object>> actual,
      List<List<Object>> expected, boolean ordered) {
    assertThat(actual).as("%s: row count", what).hasSameSizeAs(expected);
    List<List<Object>> a = new ArrayList<>(actual);
    List<List<Object>> e = new ArrayList<>(expected);
    if (!ordered) {
      a.sort(ROW_ORDER);
      e.sort(ROW_ORDER);
    }
    for (int i = 0; i < a.size(); i++) {
      List<Object> ar = a.get(i);
      List<Object> er = e.get(i);
      assertThat(ar).as("%s: width of row %d", what, i).hasSameSizeAs(er);
      for (int j = 0; j < ar.size(); j++) {
        if (!same(ar.get(j), er.get(j))) {
          fail("%s: row %d column %d is %s, expected %s%n actual:   %s%n expected: %s", what, i,
              j + 1, ar.get(j), er.get(j), ar, er);
        }
      }
    }
  }

  /** Whether two normalised values match under the tolerances above. */
  public static boolean same(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      double dx = x.doubleValue();
      double dy = y.doubleValue();
      double diff = Math.abs(dx - dy);
      double scale = Math.max(Math.abs(dx), Math.abs(dy));
      if (scale < 1) {
        return diff <= 0.001 * scale + 1e-12;
      }
      return diff <= Math.max(1e-6 * scale, 0.005);
    }
    return a.toString().equals(b.toString());
  }

  private static final Comparator<List<Object>> ROW_ORDER = (x, y) -> {
    for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
      int c = compare(x.get(i), y.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.size(), y.size());
  };

  private static int compare(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y);
    }
    return a.toString().compareTo(b.toString());
  }
}
