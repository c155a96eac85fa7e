package io.asklayer.bench.tpcds;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The rows of a query's answer, normalised so that two engines' answers can be compared: numbers of
 * any Java type become {@link BigDecimal}, dates and times their ISO text, NULL stays null.
 *
 * <p>Answers are compared as multisets of rows (order is ignored: ties in an {@code ORDER BY} may be
 * broken differently). Numbers are equal when they agree to 2 decimal places (within 0.005) or to
 * one part in a million, whichever is looser: DuckDB sums doubles in whatever order its threads
 * finish, and an average may come back as a DOUBLE from one engine and a DECIMAL from the other.
 * Strings must be equal exactly, so a value padded with blanks counts as different.
 */
public final class ResultRows implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private static final BigDecimal ABSOLUTE = new BigDecimal("0.005");
  private static final BigDecimal RELATIVE = new BigDecimal("1e-6");

  private final ArrayList<String> columns;
  private final ArrayList<List<Object>> rows;

  private ResultRows(ArrayList<String> columns, ArrayList<List<Object>> rows) {
    this.columns = columns;
    this.rows = rows;
  }

  /** Reads every row of a result set. */
  public static ResultRows read(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    ArrayList<String> columns = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      columns.add(md.getColumnLabel(i));
    }
    ArrayList<List<Object>> rows = new ArrayList<>();
    while (rs.next()) {
      List<Object> row = new ArrayList<>(n);
      for (int i = 1; i <= n; i++) {
        row.add(normalise(rs.getObject(i)));
      }
      rows.add(row);
    }
    return new ResultRows(columns, rows);
  }

  static Object normalise(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof BigDecimal d) {
      return d;
    }
    if (v instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      return Double.isFinite(d) ? BigDecimal.valueOf(d) : v.toString();
    }
    if (v instanceof Number n) {
      return BigDecimal.valueOf(n.longValue());
    }
    if (v instanceof String || v instanceof Boolean) {
      return v;
    }
    // java.sql.Date, java.time.LocalDate, timestamps: their ISO text.
    return v.toString();
  }

  public int size() {
    return rows.size();
  }

  public List<String> columns() {
    return columns;
  }

  /**
   * Null when {@code other} holds the same rows, otherwise a short description of the difference:
   * counts, and the first rows found only on one side.
   *
   * @param mine what this side is called in the description
   * @param theirs what the other side is called
   */
  public String diff(ResultRows other, String mine, String theirs) {
    if (columns.size() != other.columns.size()) {
      return mine + " has " + columns.size() + " columns " + columns + ", " + theirs + " has "
          + other.columns.size() + " " + other.columns;
    }
    // Exact matches first, keyed by the rows rounded to 2 decimals; then the rest pairwise.
    Map<List<Object>, List<List<Object>>> left = new HashMap<>();
    for (List<Object> r : rows) {
      left.computeIfAbsent(key(r), k -> new ArrayList<>()).add(r);
    }
    List<List<Object>> onlyTheirs = new ArrayList<>();
    for (List<Object> r : other.rows) {
      List<List<Object>> same = left.get(key(r));
      if (same != null && !same.isEmpty()) {
        same.remove(same.size() - 1);
      } else {
        onlyTheirs.add(r);
      }
    }
    List<List<Object>> onlyMine = new ArrayList<>();
    left.values().forEach(onlyMine::addAll);
    for (Iterator<List<Object>> it = onlyMine.iterator(); it.hasNext(); ) {
      List<Object> r = it.next();
      for (Iterator<List<Object>> jt = onlyTheirs.iterator(); jt.hasNext(); ) {
        if (close(r, jt.next())) {
          jt.remove();
          it.remove();
          break;
        }
      }
    }
    if (onlyMine.isEmpty() && onlyTheirs.isEmpty()) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    b.append(mine).append(' ').append(rows.size()).append(" rows, ").append(theirs).append(' ')
        .append(other.rows.size()).append(" rows; ").append(onlyMine.size()).append(" only in ")
        .append(mine).append(", ").append(onlyTheirs.size()).append(" only in ").append(theirs);
    appendSome(b, mine, onlyMine);
    appendSome(b, theirs, onlyTheirs);
    return b.toString();
  }

  private static void appendSome(StringBuilder b, String side, List<List<Object>> rows) {
    int shown = Math.min(5, rows.size());
    for (int i = 0; i < shown; i++) {
      b.append("\n  only in ").append(side).append(": ").append(rows.get(i));
    }
    if (rows.size() > shown) {
      b.append("\n  ... and ").append(rows.size() - shown).append(" more only in ").append(side);
    }
  }

  private static List<Object> key(List<Object> row) {
    List<Object> k = new ArrayList<>(row.size());
    for (Object v : row) {
      k.add(v instanceof BigDecimal d
          ? d.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros() : v);
    }
    return k;
  }

  private static boolean close(List<Object> a, List<Object> b) {
    for (int i = 0; i < a.size(); i++) {
      Object x = a.get(i);
      Object y = b.get(i);
      if (x instanceof BigDecimal p && y instanceof BigDecimal q) {
        BigDecimal d = p.subtract(q).abs();
        BigDecimal scale = p.abs().max(q.abs());
        if (d.compareTo(ABSOLUTE) > 0 && d.compareTo(scale.multiply(RELATIVE)) > 0) {
          return false;
        }
      } else if (!java.util.Objects.equals(x, y)) {
        return false;
      }
    }
    return true;
  }
}
