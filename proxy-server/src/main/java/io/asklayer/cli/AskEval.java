package io.asklayer.cli;

import io.asklayer.jdbc.Driver;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Runs a question set (the format of {@code shared/eval/README.md}): each question through
 * {@code ASK} on an Asklayer connection as its user and with its today, each gold query directly
 * on the warehouse, and compares the two: every gold column must appear among the answer's columns
 * (matched by values), numbers within a relative 1e-6 or a cent, whichever is looser, numbers under
 * one within 0.1%; row order only where {@code order: exact}. A question marked
 * {@code expect: refuse} passes only when ASK fails with a refusal: an {@link SQLException} of
 * SQLState {@code 42000} or class {@code 0A} (unsupported) whose message explains it, never an
 * internal error or a stack trace. A question with {@code gold_query:} (a metric query's text) is
 * compared with that query's rows through Asklayer as the same user, not with gold SQL: the
 * operator questions' gold is the operator written by hand. Every question also checks that
 * nothing in the warehouse changed:
 * the same tables with the same row counts before and after.
 */
public final class AskEval {
  /** One question of a set. */
  public record Question(String id, Map<String, String> keys, String gold) {
    String get(String key) {
      return keys.get(key);
    }
  }

  /** The outcome of one question. */
  public record Outcome(String id, boolean passed, String detail) {
  }

  /** SQLStates of a refusal: a user error, or something ASK does not support (0A000, 0AS01). */
  static boolean refusalState(String state) {
    return state != null && (state.equals("42000") || state.startsWith("0A"));
  }

  /** Whether a refusal's text reads as one: it explains, and shows no Java internals. */
  static boolean explains(String message) {
    return message != null && message.length() > 20 && !message.contains("Exception")
        && !message.contains("\tat ") && !message.contains("java.");
  }

  private AskEval() {
  }

  /** Reads a question set: blocks from {@code ### id}, {@code key: value} lines, then gold SQL. */
  public static List<Question> read(Path file) throws IOException {
    List<Question> out = new ArrayList<>();
    String id = null;
    Map<String, String> keys = new LinkedHashMap<>();
    StringBuilder gold = null;
    for (String line : Files.readAllLines(file)) {
      if (line.startsWith("### ")) {
        if (id != null) {
          out.add(new Question(id, keys, gold == null ? null : gold.toString().trim()));
        }
        id = line.substring(4).trim();
        keys = new LinkedHashMap<>();
        gold = null;
      } else if (gold != null) {
        gold.append(line).append('\n');
      } else if (line.trim().equals("gold:")) {
        gold = new StringBuilder();
      } else if (id != null && line.contains(":")) {
        int c = line.indexOf(':');
        keys.put(line.substring(0, c).trim(), line.substring(c + 1).trim());
      }
    }
    if (id != null) {
      out.add(new Question(id, keys, gold == null ? null : gold.toString().trim()));
    }
    return out;
  }

  /**
   * Runs one question.
   *
   * @param warehouseUrl the warehouse's JDBC URL, for the gold queries and for Asklayer
   * @param model the semantic model file, or null for the bundled one
   */
  public static Outcome run(Question q, String warehouseUrl, Path model) {
    try {
      Map<String, String> fill = new LinkedHashMap<>();
      if (q.get("setup") != null) {
        List<List<Object>> setup = new ArrayList<>();
        List<String> names = direct(warehouseUrl, q.get("setup"), setup);
        for (int i = 0; i < names.size() && !setup.isEmpty(); i++) {
          fill.put(names.get(i).toLowerCase(java.util.Locale.ROOT),
              String.valueOf(setup.get(0).get(i)));
        }
      }
      String ask = fillIn(q.get("ask"), fill);
      String statement = "true".equals(q.get("raw")) ? "ASK '" + ask + "'"
          : "ASK '" + ask.replace("'", "''") + "'";
      Properties p = new Properties();
      p.setProperty("user", q.keys().getOrDefault("user", "analyst"));
      p.setProperty("warehouse", warehouseUrl);
      if (q.get("today") != null) {
        p.setProperty("today", q.get("today"));
      }
      if (model != null) {
        p.setProperty("model", model.toString());
      }
      List<List<Object>> answer = new ArrayList<>();
      SQLException refusal = null;
      Map<String, Long> before = fingerprint(warehouseUrl);
      try (Connection c = DriverManager.getConnection(Driver.PREFIX, p);
          Statement s = c.createStatement(); ResultSet rs = s.executeQuery(statement)) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<Object> row = new ArrayList<>();
          for (int i = 1; i <= n; i++) {
            row.add(rs.getObject(i));
          }
          answer.add(row);
        }
      } catch (SQLException e) {
        refusal = e;
      }
      Map<String, Long> after = fingerprint(warehouseUrl);
      if (!before.equals(after)) {
        return new Outcome(q.id(), false, "the warehouse changed: tables and row counts were "
            + before + ", are " + after);
      }
      if ("refuse".equals(q.get("expect"))) {
        if (refusal == null) {
          return new Outcome(q.id(), false, "answered with " + answer.size() + " rows; a "
              + "refusal was expected");
        }
        if (!refusalState(refusal.getSQLState())) {
          return new Outcome(q.id(), false, "failed with SQLState " + refusal.getSQLState()
              + ", not a refusal (42000 or 0A): " + refusal.getMessage());
        }
        return new Outcome(q.id(), explains(refusal.getMessage()), "refused: "
            + refusal.getMessage());
      }
      if (refusal != null) {
        return new Outcome(q.id(), false, "refused (" + refusal.getSQLState() + "): "
            + refusal.getMessage());
      }
      List<List<Object>> gold = new ArrayList<>();
      if (q.get("gold_query") != null) {
        // The same operator written as a metric query, run through Asklayer as the same user
        goldQuery(p, fillIn(q.get("gold_query"), fill), gold);
      } else {
        direct(warehouseUrl, fillIn(q.gold(), fill), gold);
      }
      String mismatch = compare(gold, answer, "exact".equals(q.get("order")));
      return new Outcome(q.id(), mismatch == null, mismatch == null ? answer.size() + " rows"
          : mismatch);
    } catch (SQLException | RuntimeException e) {
      return new Outcome(q.id(), false, "could not run: " + e);
    }
  }

  private static String fillIn(String text, Map<String, String> values) {
    String out = text;
    for (Map.Entry<String, String> e : values.entrySet()) {
      out = out.replace("{" + e.getKey() + "}", e.getValue());
    }
    return out;
  }

  /** Every table of the warehouse with its row count, to see that a question changed nothing. */
  static Map<String, Long> fingerprint(String url) throws SQLException {
    Properties p = new Properties();
    if (url.startsWith("jdbc:duckdb:")) {
      p.setProperty("duckdb.read_only", "true");
    }
    Map<String, Long> out = new java.util.TreeMap<>();
    try (Connection c = DriverManager.getConnection(url, p)) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          String schema = rs.getString("TABLE_SCHEM");
          tables.add((schema == null ? "" : "\"" + schema + "\".") + "\""
              + rs.getString("TABLE_NAME") + "\"");
        }
      }
      try (Statement s = c.createStatement()) {
        for (String t : tables) {
          try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + t)) {
            rs.next();
            out.put(t, rs.getLong(1));
          }
        }
      }
    }
    return out;
  }

  private static List<String> direct(String url, String sql, List<List<Object>> rows)
      throws SQLException {
    Properties p = new Properties();
    if (url.startsWith("jdbc:duckdb:")) {
      p.setProperty("duckdb.read_only", "true");
    }
    try (Connection c = DriverManager.getConnection(url, p); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> names = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        names.add(md.getColumnLabel(i));
      }
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
      return names;
    }
  }

  /**
   * The rows of a metric query ({@code metric_query} text) on an Asklayer connection with the
   * question's properties: the gold of an operator question is the operator written by hand.
   */
  private static void goldQuery(Properties p, String query, List<List<Object>> rows)
      throws SQLException {
    try (Connection c = DriverManager.getConnection(Driver.PREFIX, p);
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
            "SELECT * FROM TABLE(metric_query('" + query.replace("'", "''") + "'))")) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
    }
  }

  /** Why an answer differs from the gold rows, or null when it matches. */
  static String compare(List<List<Object>> gold, List<List<Object>> answer, boolean ordered) {
    if (gold.size() != answer.size()) {
      return "expected " + gold.size() + " rows, got " + answer.size() + preview(gold, answer);
    }
    if (gold.isEmpty()) {
      return null;
    }
    int goldColumns = gold.get(0).size();
    int answerColumns = answer.get(0).size();
    // Candidate answer columns for each gold column: equal as multisets of values.
    List<List<Integer>> candidates = new ArrayList<>();
    for (int g = 0; g < goldColumns; g++) {
      List<Integer> c = new ArrayList<>();
      for (int a = 0; a < answerColumns; a++) {
        if (sameColumn(gold, g, answer, a, ordered)) {
          c.add(a);
        }
      }
      if (c.isEmpty()) {
        return "no answer column matches gold column " + (g + 1) + preview(gold, answer);
      }
      candidates.add(c);
    }
    int[] mapping = new int[goldColumns];
    if (!assign(0, mapping, candidates, gold, answer, ordered)) {
      return "the columns match one by one but not row by row" + preview(gold, answer);
    }
    return null;
  }

  private static boolean assign(int g, int[] mapping, List<List<Integer>> candidates,
      List<List<Object>> gold, List<List<Object>> answer, boolean ordered) {
    if (g == mapping.length) {
      return rowsMatch(mapping, gold, answer, ordered);
    }
    for (int a : candidates.get(g)) {
      boolean used = false;
      for (int k = 0; k < g; k++) {
        used |= mapping[k] == a;
      }
      if (!used) {
        mapping[g] = a;
        if (assign(g + 1, mapping, candidates, gold, answer, ordered)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean rowsMatch(int[] mapping, List<List<Object>> gold,
      List<List<Object>> answer, boolean ordered) {
    boolean[] used = new boolean[answer.size()];
    for (int r = 0; r < gold.size(); r++) {
      boolean found = false;
      int from = ordered ? r : 0;
      int to = ordered ? r + 1 : answer.size();
      for (int a = from; a < to && !found; a++) {
        if (used[a]) {
          continue;
        }
        boolean all = true;
        for (int g = 0; g < mapping.length && all; g++) {
          all = same(gold.get(r).get(g), answer.get(a).get(mapping[g]));
        }
        if (all) {
          used[a] = true;
          found = true;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameColumn(List<List<Object>> gold, int g, List<List<Object>> answer,
      int a, boolean ordered) {
    boolean[] used = new boolean[answer.size()];
    for (int r = 0; r < gold.size(); r++) {
      boolean found = false;
      for (int k = ordered ? r : 0; k < (ordered ? r + 1 : answer.size()) && !found; k++) {
        if (!used[k] && same(gold.get(r).get(g), answer.get(k).get(a))) {
          used[k] = true;
          found = true;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  /** Equal values: numbers within the tolerance, dates whatever their type, text exactly. */
  static boolean same(Object gold, Object answer) {
    if (gold == null || answer == null) {
      return gold == answer;
    }
    BigDecimal x = number(gold);
    BigDecimal y = number(answer);
    if (x != null && y != null) {
      double a = x.doubleValue();
      double b = y.doubleValue();
      double diff = Math.abs(a - b);
      if (Math.abs(a) < 1) {
        return diff <= Math.abs(a) * 0.001 + 1e-12;
      }
      return diff <= Math.max(Math.abs(a) * 1e-6, 0.005);
    }
    return text(gold).equals(text(answer));
  }

  private static BigDecimal number(Object o) {
    if (o instanceof Number n) {
      try {
        return new BigDecimal(n.toString());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static String text(Object o) {
    String s = String.valueOf(o);
    // A date and the timestamp of its midnight are the same day.
    if (s.matches("\\d{4}-\\d{2}-\\d{2}[ T]00:00(:00(\\.0+)?)?")) {
      return s.substring(0, 10);
    }
    return s;
  }

  private static String preview(List<List<Object>> gold, List<List<Object>> answer) {
    return "; gold " + gold.subList(0, Math.min(3, gold.size())) + ", answer "
        + answer.subList(0, Math.min(3, answer.size()));
  }
}
