package io.asklayer.cli;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.List;

/** Prints a result set as an aligned text table or as CSV (RFC 4180). */
final class ResultPrinter {
  /** Output formats. */
  enum Format {
    TABLE, CSV
  }

  private ResultPrinter() {
  }

  /** Prints all rows; returns how many there were. */
  static long print(ResultSet rs, Format format, PrintStream out) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    List<String> header = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      header.add(md.getColumnLabel(i));
    }
    List<List<String>> rows = new ArrayList<>();
    while (rs.next()) {
      List<String> row = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        Object v = rs.getObject(i);
        row.add(v == null ? (format == Format.CSV ? "" : "NULL") : v.toString());
      }
      rows.add(row);
    }
    if (format == Format.CSV) {
      out.println(csv(header));
      rows.forEach(r -> out.println(csv(r)));
    } else {
      table(header, rows, rightAligned(md), out);
      out.println(rows.size() + (rows.size() == 1 ? " row" : " rows"));
    }
    for (SQLWarning w = rs.getWarnings(); w != null; w = w.getNextWarning()) {
      System.err.println("Warning: " + w.getMessage());
    }
    return rows.size();
  }

  private static boolean[] rightAligned(ResultSetMetaData md) throws SQLException {
    boolean[] right = new boolean[md.getColumnCount()];
    for (int i = 0; i < right.length; i++) {
      switch (md.getColumnType(i + 1)) {
        case java.sql.Types.TINYINT, java.sql.Types.SMALLINT, java.sql.Types.INTEGER,
            java.sql.Types.BIGINT, java.sql.Types.DECIMAL, java.sql.Types.NUMERIC,
            java.sql.Types.REAL, java.sql.Types.FLOAT, java.sql.Types.DOUBLE -> right[i] = true;
        default -> right[i] = false;
      }
    }
    return right;
  }

  private static void table(List<String> header, List<List<String>> rows, boolean[] right,
      PrintStream out) {
    int[] width = new int[header.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = header.get(i).length();
      for (List<String> r : rows) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    StringBuilder rule = new StringBuilder("+");
    for (int w : width) {
      rule.append("-".repeat(w + 2)).append('+');
    }
    out.println(rule);
    out.println(line(header, width, new boolean[width.length]));
    out.println(rule);
    for (List<String> r : rows) {
      out.println(line(r, width, right));
    }
    out.println(rule);
  }

  private static String line(List<String> cells, int[] width, boolean[] right) {
    StringBuilder b = new StringBuilder("|");
    for (int i = 0; i < width.length; i++) {
      String c = cells.get(i);
      String pad = " ".repeat(width[i] - c.length());
      b.append(' ').append(right[i] ? pad + c : c + pad).append(" |");
    }
    return b.toString();
  }

  private static String csv(List<String> cells) {
    List<String> quoted = new ArrayList<>();
    for (String c : cells) {
      boolean quote = c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r");
      quoted.add(quote ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
    }
    return String.join(",", quoted);
  }
}
