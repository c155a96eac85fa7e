package io.asklayer.bench.foodmart;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Result rows in a form two databases can be compared in, and the comparison. Values become
 * {@code null}, {@link Boolean}, {@link BigDecimal} (every number, so an {@code INTEGER} 3 equals a
 * {@code BIGINT} 3 and a {@code DOUBLE} 3.0), {@link String} (text, and dates and times in ISO form),
 * so only the values are compared, not the types a driver chose for them. Results are compared as
 * multisets: SQL promises no order without {@code ORDER BY}, and Mondrian's orderings leave ties.
 * Numbers are equal within a tolerance (see {@link #close}), because a sum of decimals and the same
 * sum of doubles differ in the last digits.
 */
public final class Rows {
  /** Relative tolerance for numbers. */
  static final BigDecimal RELATIVE = new BigDecimal("1e-6");
  /** Absolute tolerance for numbers: half a unit of FoodMart's money scale (4 decimals). */
  static final BigDecimal ABSOLUTE = new BigDecimal("0.00005");
  /** Above this many rows a mismatch found by sorting is not re-checked pair by pair. */
  private static final int GREEDY_LIMIT = 5_000;

  private Rows() {
  }

  /** Reads every row of a result set as driver objects, for {@link #canonical} later. */
  public static List<Object[]> read(ResultSet rs) throws SQLException {
    int n = rs.getMetaData().getColumnCount();
    List<Object[]> rows = new ArrayList<>();
    while (rs.next()) {
      Object[] row = new Object[n];
      for (int i = 0; i < n; i++) {
        row[i] = rs.getObject(i + 1);
      }
      rows.add(row);
    }
    return rows;
  }

  /** Rows of driver objects with every value made canonical. */
  public static List<List<Object>> canonical(List<Object[]> rows) {
    List<List<Object>> out = new ArrayList<>(rows.size());
    for (Object[] r : rows) {
      List<Object> row = new ArrayList<>(r.length);
      for (Object v : r) {
        row.add(value(v));
      }
      out.add(row);
    }
    return out;
  }

  /** Rows already made of JSON values (the expected rows of the query file). */
  public static List<List<Object>> canonicalLists(List<List<Object>> rows) {
    List<List<Object>> out = new ArrayList<>(rows.size());
    for (List<Object> r : rows) {
      List<Object> row = new ArrayList<>(r.size());
      for (Object v : r) {
        row.add(value(v));
      }
      out.add(row);
    }
    return out;
  }

  /** The canonical form of one value. */
  static Object value(Object v) {
    if (v == null || v instanceof Boolean || v instanceof String) {
      return v;
    } else if (v instanceof BigDecimal d) {
      return d;
    } else if (v instanceof BigInteger i) {
      return new BigDecimal(i);
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      return Double.isFinite(d) ? new BigDecimal(Double.toString(d)) : Double.toString(d);
    } else if (v instanceof Number n) {
      return BigDecimal.valueOf(n.longValue());
    } else if (v instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime().toString();
    } else if (v instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    } else if (v instanceof java.sql.Time t) {
      return t.toLocalTime().toString();
    } else if (v instanceof LocalDateTime || v instanceof LocalDate || v instanceof LocalTime
        || v instanceof OffsetDateTime) {
      return v.toString();
    } else if (v instanceof Character c) {
      return c.toString();
    }
    return v.toString();
  }

  /** A total order on canonical values: nulls, booleans, numbers, text. */
  static final Comparator<Object> VALUE_ORDER = (a, b) -> {
    int ra = rank(a);
    int rb = rank(b);
    if (ra != rb) {
      return Integer.compare(ra, rb);
    }
    return switch (ra) {
      case 0 -> 0;
      case 1 -> Boolean.compare((Boolean) a, (Boolean) b);
      case 2 -> ((BigDecimal) a).compareTo((BigDecimal) b);
      default -> a.toString().compareTo(b.toString());
    };
  };

  static final Comparator<List<Object>> ROW_ORDER = (a, b) -> {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = VALUE_ORDER.compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  };

  private static int rank(Object v) {
    if (v == null) {
      return 0;
    } else if (v instanceof Boolean) {
      return 1;
    } else if (v instanceof BigDecimal) {
      return 2;
    }
    return 3;
  }

  /**
   * Whether two canonical values are the same: equal, or numbers within {@link #RELATIVE} of the
   * larger or within {@link #ABSOLUTE}. With {@code lenient}, a number also equals text that reads
   * as that number and a boolean the text {@code true}/{@code false} (the query file's JSON has
   * both for some columns).
   */
  static boolean close(Object a, Object b, boolean lenient) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      BigDecimal diff = x.subtract(y).abs();
      if (diff.compareTo(ABSOLUTE) <= 0) {
        return true;
      }
      BigDecimal scale = x.abs().max(y.abs());
      return diff.compareTo(scale.multiply(RELATIVE, MathContext.DECIMAL64)) <= 0;
    }
    if (lenient && (a instanceof BigDecimal || b instanceof BigDecimal)) {
      BigDecimal x = number(a);
      BigDecimal y = number(b);
      return x != null && y != null && close(x, y, false);
    }
    if (lenient && (a instanceof Boolean || b instanceof Boolean)) {
      return a.toString().equalsIgnoreCase(b.toString());
    }
    return a.equals(b);
  }

  private static BigDecimal number(Object v) {
    if (v instanceof BigDecimal d) {
      return d;
    }
    try {
      return new BigDecimal(v.toString().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static boolean rowsClose(List<Object> a, List<Object> b, boolean lenient) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!close(a.get(i), b.get(i), lenient)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Compares two results as multisets of rows.
   *
   * @return null when they are the same, otherwise a short description of the difference: row
   *     counts, column counts, and up to {@code maxShown} rows only one side has
   */
  public static String diff(List<List<Object>> expected, List<List<Object>> actual,
      boolean lenient, String expectedName, String actualName, int maxShown) {
    int ce = expected.isEmpty() ? -1 : expected.get(0).size();
    int ca = actual.isEmpty() ? -1 : actual.get(0).size();
    if (ce >= 0 && ca >= 0 && ce != ca) {
      return expectedName + " has " + ce + " columns, " + actualName + " " + ca;
    }
    List<List<Object>> e = new ArrayList<>(expected);
    List<List<Object>> a = new ArrayList<>(actual);
    e.sort(ROW_ORDER);
    a.sort(ROW_ORDER);
    if (e.size() == a.size()) {
      boolean same = true;
      for (int i = 0; i < e.size() && same; i++) {
        same = rowsClose(e.get(i), a.get(i), lenient);
      }
      if (same) {
        return null;
      }
    }
    if (e.size() > GREEDY_LIMIT || a.size() > GREEDY_LIMIT) {
      return describe(e, a, onlyIn(e, a, lenient), onlyIn(a, e, lenient), expectedName,
          actualName, maxShown);
    }
    // Pair rows up one by one with the tolerance: sorting can separate rows whose numbers are
    // within the tolerance but order differently, and lenient values have no common order.
    List<List<Object>> onlyE = new ArrayList<>();
    boolean[] used = new boolean[a.size()];
    for (List<Object> row : e) {
      boolean found = false;
      for (int j = 0; j < a.size() && !found; j++) {
        if (!used[j] && rowsClose(row, a.get(j), lenient)) {
          used[j] = true;
          found = true;
        }
      }
      if (!found) {
        onlyE.add(row);
      }
    }
    List<List<Object>> onlyA = new ArrayList<>();
    for (int j = 0; j < a.size(); j++) {
      if (!used[j]) {
        onlyA.add(a.get(j));
      }
    }
    if (onlyE.isEmpty() && onlyA.isEmpty()) {
      return null;
    }
    return describe(e, a, onlyE, onlyA, expectedName, actualName, maxShown);
  }

  /** Rows of {@code from} with no equal row in {@code other}, by a merge of the two sorted lists (large results). */
  private static List<List<Object>> onlyIn(List<List<Object>> from, List<List<Object>> other,
      boolean lenient) {
    List<List<Object>> out = new ArrayList<>();
    int j = 0;
    for (List<Object> row : from) {
      while (j < other.size() && ROW_ORDER.compare(other.get(j), row) < 0
          && !rowsClose(other.get(j), row, lenient)) {
        j++;
      }
      if (j < other.size() && rowsClose(other.get(j), row, lenient)) {
        j++;
      } else {
        out.add(row);
      }
    }
    return out;
  }

  private static String describe(List<List<Object>> e, List<List<Object>> a,
      List<List<Object>> onlyE, List<List<Object>> onlyA, String en, String an, int shown) {
    StringBuilder sb = new StringBuilder();
    sb.append(en).append(' ').append(e.size()).append(" rows, ").append(an).append(' ')
        .append(a.size()).append(" rows; ").append(onlyE.size()).append(" only in ").append(en)
        .append(", ").append(onlyA.size()).append(" only in ").append(an);
    for (int i = 0; i < Math.min(shown, onlyE.size()); i++) {
      sb.append("\n  - ").append(en).append(": ").append(show(onlyE.get(i)));
    }
    for (int i = 0; i < Math.min(shown, onlyA.size()); i++) {
      sb.append("\n  + ").append(an).append(": ").append(show(onlyA.get(i)));
    }
    return sb.toString();
  }

  static String show(List<Object> row) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < row.size(); i++) {
      Object v = row.get(i);
      sb.append(i == 0 ? "" : ", ");
      if (v instanceof String s) {
        sb.append('\'').append(s).append('\'');
      } else if (v instanceof BigDecimal d) {
        sb.append(d.stripTrailingZeros().toPlainString());
      } else {
        sb.append(v);
      }
    }
    return sb.append(']').toString();
  }
}
