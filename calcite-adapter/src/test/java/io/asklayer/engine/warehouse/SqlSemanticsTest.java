package io.asklayer.engine.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.asklayer.engine.testing.GoldenFile;
import io.asklayer.engine.testing.TestEngine;
import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The differential test of SQL semantics: each expression of {@code golden/semantics.txt} must give
 * the case's {@code expect} value three ways: evaluated by Calcite in Java (its variables bound to
 * literals in a {@code VALUES} row), on a warehouse column (the same values produced by a
 * {@code CASE} over a row of {@code regions}, so Calcite cannot fold them and the expression is sent
 * to DuckDB), and by DuckDB direct (the case's {@code duckdb} spelling, or the expression itself when
 * DuckDB reads it the same way). {@code runs} says where the column form is evaluated
 * ({@code warehouse}: the whole plan is pushed down; {@code java}: Calcite computes it over the
 * fetched column), and {@code pushed} pins the select list sent to DuckDB.
 */
class SqlSemanticsTest {
  private static final GoldenFile GOLDEN = GoldenFile.read("semantics.txt");
  private static final List<String> VARIABLES = List.of("x", "y", "z");
  private static final java.time.format.DateTimeFormatter TIMESTAMP =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
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
  void sameValueInJavaInTheWarehouseAndInDuckDb(GoldenFile.Case c) throws SQLException {
    List<String> names = new ArrayList<>();
    List<String> literals = new ArrayList<>();
    for (String v : VARIABLES) {
      if (c.get(v) != null) {
        names.add(v);
        literals.add(c.get(v));
      }
    }
    String expr = c.input();
    String javaSql = names.isEmpty() ? "SELECT " + expr + " AS v"
        : "SELECT " + expr + " AS v FROM (VALUES (" + String.join(", ", literals) + ")) AS t ("
            + String.join(", ", names) + ")";
    StringBuilder columns = new StringBuilder();
    StringBuilder direct = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      columns.append(i > 0 ? ", " : "").append("CASE WHEN region_id = 1 THEN ")
          .append(literals.get(i)).append(" END AS ").append(names.get(i));
      direct.append(i > 0 ? ", " : "").append(literals.get(i)).append(" AS ").append(names.get(i));
    }
    String columnSql = "SELECT " + expr + " AS v FROM (SELECT " + (names.isEmpty() ? "region_id"
        : columns) + " FROM regions WHERE region_name = 'North') AS t";
    String duckExpr = c.get("duckdb") != null ? c.get("duckdb") : expr;
    String duckSql = "SELECT " + duckExpr + " AS v"
        + (names.isEmpty() ? "" : " FROM (SELECT " + direct + ") AS t");

    String expect = c.get("expect");
    String inJava = matching(value(asklayer, javaSql), expected(c, "in-java"));
    String onColumn = matching(value(asklayer, columnSql), expected(c, "on-column"));
    String inDuckDb = matching(value(duckdb, duckSql), expected(c, "in-duckdb"));
    assertThat(List.of(inJava, onColumn, inDuckDb))
        .as("%s: [in Java, on a column, DuckDB direct] for%n  %s%n  %s%n  %s", c.name(), javaSql,
            columnSql, duckSql)
        .containsExactly(expected(c, "in-java"), expected(c, "on-column"),
            expected(c, "in-duckdb"));
    if (c.get("on-column") != null && c.get("on-column").startsWith("error:")) {
      return;
    }

    String plan = TestEngine.plan(asklayer, columnSql);
    boolean pushed = plan.lines().allMatch(l -> l.strip().startsWith("Jdbc")
        || l.strip().startsWith("SecuredScan(") || l.startsWith("WarehouseToEnumerableConverter"));
    String runs = c.get("runs") == null ? "warehouse" : c.get("runs");
    assertThat(pushed ? "warehouse" : "java").as("where %s runs on a column:%n%s", c, plan)
        .isEqualTo(runs);
    String selectList = sentSelectList(columnSql);
    if (GoldenFile.UPDATE) {
      GOLDEN.set(c.name(), "pushed", selectList);
    } else {
      assertThat(selectList).as("select list sent to DuckDB for %s", c).isEqualTo(c.get("pushed"));
    }
  }

  /**
   * What one way of evaluating gives: the case's {@code expect}, unless the case records a known,
   * documented difference for that way ({@code in-java}, {@code on-column}, {@code in-duckdb}).
   */
  private static String expected(GoldenFile.Case c, String way) {
    return c.get(way) != null ? c.get(way) : c.get("expect");
  }

  /**
   * NULL sorts as the largest value, Calcite's default (first when descending, last when
   * ascending), whether Java sorts or DuckDB does; DuckDB's own default puts NULL last both ways,
   * so the statement sent to DuckDB says {@code NULLS FIRST}.
   */
  @org.junit.jupiter.api.Test
  void nullsSortAsTheLargestValueInJavaAndInTheWarehouse() throws SQLException {
    String inJava = "SELECT x FROM (VALUES (1), (CAST(NULL AS INTEGER))) AS t (x) ORDER BY x";
    String onColumn = "SELECT store_id FROM sales_transactions WHERE store_id = 1 "
        + "OR store_id IS NULL ORDER BY store_id";
    for (String order : List.of(" DESC LIMIT 1", " LIMIT 1", " DESC NULLS LAST LIMIT 1",
        " NULLS FIRST LIMIT 1")) {
      String expect = order.contains("NULLS") ? (order.contains("FIRST") ? "NULL" : "1")
          : (order.contains("DESC") ? "NULL" : "1");
      assertThat(List.of(value(asklayer, inJava + order), value(asklayer, onColumn + order)))
          .as("ORDER BY x%s", order).containsExactly(expect, expect);
    }
    assertThat(sentSql(onColumn + " DESC LIMIT 1")).contains("DESC NULLS FIRST");
    assertThat(value(duckdb, onColumn + " DESC LIMIT 1")).as("DuckDB's own default").isEqualTo("1");
  }

  /** CURRENT_SCHEMA is the session's schema, on its own (Java) and beside a warehouse column. */
  @org.junit.jupiter.api.Test
  void currentSchemaIsTheSessionsSchema() throws SQLException {
    assertThat(value(asklayer, "SELECT CURRENT_SCHEMA AS s")).isEqualTo("'retail'");
    assertThat(value(asklayer, "SELECT CURRENT_SCHEMA AS s FROM regions WHERE region_id = 1"))
        .isEqualTo("'retail'");
  }

  private static String sentSql(String sql) throws SQLException {
    return String.join("\n", TestEngine.warehouseSql(asklayer, sql));
  }

  /** The first line of the statement sent to DuckDB, which may fail there. */
  private static String sentSelectList(String sql) throws SQLException {
    List<String> sent = new ArrayList<>();
    try (org.apache.calcite.runtime.Hook.Closeable ignored =
        org.apache.calcite.runtime.Hook.QUERY_PLAN.addThread((Object q) -> sent.add((String) q));
        Statement s = asklayer.createStatement()) {
      s.executeQuery(sql).close();
    } catch (SQLException e) {
      assertThat(sent).as("a statement was sent before %s failed", sql).isNotEmpty();
    }
    return sent.get(0).lines().findFirst().orElseThrow();
  }

  /** An error matches an expected {@code error: text} when its message contains the text. */
  private static String matching(String actual, String expected) {
    return expected.startsWith("error:") && actual.startsWith("error:")
        && actual.toLowerCase(java.util.Locale.ROOT).contains(
            expected.substring(6).strip().toLowerCase(java.util.Locale.ROOT)) ? expected : actual;
  }

  /** The single value a query returns, rendered as a SQL literal, or its error's first line. */
  private static String value(Connection c, String sql) {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).as("a row from %s", sql).isTrue();
      String v = render(rs.getObject(1));
      assertThat(rs.next()).as("one row from %s", sql).isFalse();
      return v;
    } catch (SQLException | RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      // The warehouse's own message is the innermost one.
      String m = String.valueOf(root.getMessage()).replaceAll("\\s*\\n\\s*", " ");
      // Calcite prefixes the warehouse's message with the statements it ran.
      int at = m.lastIndexOf("]: ");
      return "error: " + (at >= 0 ? m.substring(at + 3) : m).lines().findFirst().orElse("");
    }
  }

  /**
   * A value as a SQL literal: numbers of any type by their value (to 12 significant digits),
   * timestamps at midnight as dates (DuckDB truncates dates to timestamps), strings quoted.
   */
  static String render(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof String s) {
      return "'" + s.replace("'", "''") + "'";
    }
    if (v instanceof Boolean b) {
      return b ? "TRUE" : "FALSE";
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return v.toString();
      }
      return new BigDecimal(d).round(new MathContext(12)).stripTrailingZeros().toPlainString();
    }
    if (v instanceof Number n) {
      return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
    }
    if (v instanceof java.sql.Date d) {
      return "DATE '" + d.toLocalDate() + "'";
    }
    if (v instanceof java.sql.Timestamp t) {
      java.time.LocalDateTime ldt = t.toLocalDateTime();
      return ldt.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)
          ? "DATE '" + ldt.toLocalDate() + "'"
          : "TIMESTAMP '" + TIMESTAMP.format(ldt)
              + (ldt.getNano() == 0 ? "" : "." + ldt.getNano()) + "'";
    }
    if (v instanceof java.sql.Time t) {
      return "TIME '" + t.toLocalTime() + "'";
    }
    if (v instanceof java.time.LocalDate d) {
      return "DATE '" + d + "'";
    }
    if (v instanceof java.time.LocalDateTime ldt) {
      return render(java.sql.Timestamp.valueOf(ldt));
    }
    return v.getClass().getSimpleName() + " " + v;
  }
}
