package io.asklayer.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.asklayer.engine.testing.TestEngine;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Errors are no window on hidden rows. For every row-filtered table and every column, as
 * {@code north_manager}: a failing cast quotes no value that only hidden rows hold; and a failure
 * made to happen only on rows holding one chosen value (a failing cast, a failing division, a
 * failing regular expression, in a filter, a derived table's filter or the select list) happens
 * for a value of a visible row and never for a value only hidden rows hold: the yes/no oracle
 * answers "no such row", exactly as for a value no row holds. Hidden and visible values come from
 * DuckDB directly, with the North filter applied by hand ({@link NorthManagerSqlTest#BY_HAND}).
 */
class ErrorOracleTest {
  private static final Pattern QUOTED = Pattern.compile("'((?:[^']|'')*)'");
  /** The three places a probe goes: the table's filter, a derived table's, the select list. */
  private static final String[] SHAPES = {
      "SELECT COUNT(*) FROM %1$s WHERE %2$s = 1",
      "SELECT COUNT(*) FROM (SELECT * FROM %1$s) AS t WHERE %2$s = 1",
      "SELECT SUM(%2$s) FROM %1$s",
  };
  /** Expressions that fail exactly when {@code c} holds the value: a cast, a division, a regex. */
  private static final String[] FAILURES = {
      "CAST(CASE WHEN CAST(%1$s AS VARCHAR) = %2$s THEN 'x' ELSE '1' END AS INTEGER)",
      "CAST(CASE WHEN %1$s = CAST(%2$s AS %3$s) THEN 'x' ELSE '1' END AS INTEGER)",
      "CAST(1 / CASE WHEN CAST(%1$s AS VARCHAR) = %2$s THEN 0 ELSE 1 END AS INTEGER)",
      "CHAR_LENGTH(REGEXP_REPLACE('a', CASE WHEN CAST(%1$s AS VARCHAR) = %2$s THEN '(' "
          + "ELSE 'a' END, 'b')) - 0",
  };

  private static Connection north;
  private static Connection duckdb;

  /** One column of a secured table, with a value only hidden rows hold and one a visible row holds. */
  record Column(String table, String name, String type, String hidden, String visible, Set<String> hiddenOnly) {
    @Override public String toString() {
      return table + "." + name;
    }
  }

  @BeforeAll
  static void open() throws SQLException {
    north = TestEngine.connect("north_manager");
    duckdb = TestEngine.duckdb();
  }

  @AfterAll
  static void close() throws SQLException {
    north.close();
    duckdb.close();
  }

  static Stream<Column> columns() throws SQLException {
    List<Column> out = new ArrayList<>();
    try (Connection d = TestEngine.duckdb()) {
      for (Map.Entry<String, String> e : NorthManagerSqlTest.AS_TYPED.entrySet()) {
        String table = e.getValue();
        String visible = NorthManagerSqlTest.BY_HAND.get(e.getKey());
        for (String described : strings(d, "SELECT column_name || ' ' || data_type FROM "
            + "information_schema.columns WHERE table_name = '" + table + "' ORDER BY "
            + "ordinal_position")) {
          String column = described.substring(0, described.indexOf(' '));
          String type = described.substring(described.indexOf(' ') + 1);
          String v = "CAST(\"" + column + "\" AS VARCHAR)";
          List<String> hiddenOnly = strings(d, "SELECT DISTINCT " + v + " FROM \"" + table
              + "\" WHERE " + v + " IS NOT NULL EXCEPT SELECT " + v + " FROM " + visible
              + " AS v ORDER BY 1");
          List<String> shown = strings(d, "SELECT " + v + " FROM " + visible + " AS v WHERE " + v
              + " IS NOT NULL AND " + v + " <> '***' ORDER BY 1 LIMIT 1");
          out.add(new Column(table, column, type, hiddenOnly.isEmpty() ? null : hiddenOnly.get(0),
              shown.isEmpty() ? null : shown.get(0), new HashSet<>(hiddenOnly)));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("columns")
  void aFailingCastQuotesNoHiddenValue(Column c) {
    String error = error(north, "SELECT COUNT(*) FROM " + c.table() + " WHERE CAST(" + c.name()
        + " AS INTEGER) = 1");
    if (error != null) {
      Matcher m = QUOTED.matcher(error);
      while (m.find()) {
        assertThat(c.hiddenOnly()).as("a value of a hidden row quoted in: %s", error)
            .doesNotContain(m.group(1).replace("''", "'"));
      }
    }
  }

  /** Columns with a value only hidden rows hold (region names, say, are in every region). */
  static Stream<Column> columnsWithHiddenValues() throws SQLException {
    return columns().filter(c -> c.hidden() != null);
  }

  @org.junit.jupiter.api.Test
  void everySecuredTableHasColumnsToProbe() throws SQLException {
    assertThat(columnsWithHiddenValues().map(Column::table).distinct())
        .containsExactlyInAnyOrderElementsOf(NorthManagerSqlTest.AS_TYPED.values());
    assertThat(columnsWithHiddenValues().count()).isGreaterThanOrEqualTo(30);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("columnsWithHiddenValues")
  void aFailureOnOneValueTellsNothingOfHiddenRows(Column c) {
    for (String failure : FAILURES) {
      for (String shape : SHAPES) {
        String absent = probe(shape, failure, c, absent(c));
        String hidden = probe(shape, failure, c, c.hidden());
        assertThat(error(north, hidden)).as("a value only hidden rows hold: %s", hidden)
            .isEqualTo(error(north, absent));
      }
    }
    if (c.visible() != null && !c.name().equals("email")) {
      // The probe is live: on a value a visible row holds, the cast does fail.
      String seen = probe(SHAPES[0], FAILURES[0], c, c.visible());
      assertThat(error(north, seen)).as(seen).isNotNull();
    }
  }

  /**
   * Failures that read no column: the column is only compared, which leaves its guard off so
   * the comparison prunes, and the failing part is a constant the planner may evaluate on rows the
   * filter has not passed yet ({@code returns} and {@code product_reviews} failed exactly when a
   * hidden row matched, and a range comparison then read hidden text a character at a time).
   */
  private static final String[] CONSTANT_FAILURES = {
      "SELECT COUNT(*) FROM %1$s WHERE %2$s = %3$s AND CAST('x' AS INTEGER) = 1",
      "SELECT COUNT(*) FROM %1$s WHERE %2$s = %3$s AND CAST(CASE WHEN %2$s = %2$s THEN 'x' END "
          + "AS INTEGER) = 1",
      "SELECT COUNT(*) FROM regions g LEFT JOIN %1$s t ON t.%2$s = %3$s "
          + "AND CAST('x' AS INTEGER) = 1",
      "SELECT COUNT(*) FROM %1$s WHERE %2$s = %3$s AND CHAR_LENGTH(REGEXP_REPLACE('a', '(', "
          + "'b')) = 1",
      // Not constants, yet reading no column: the current time.
      "SELECT COUNT(*) FROM %1$s WHERE %2$s = %3$s AND CAST('x' || CAST(CURRENT_TIMESTAMP AS "
          + "VARCHAR) AS INTEGER) = 1",
      "SELECT COUNT(*) FROM %1$s WHERE %2$s = %3$s AND 1 / (EXTRACT(YEAR FROM CURRENT_DATE) - "
          + "EXTRACT(YEAR FROM CURRENT_DATE)) = 1",
  };

  @ParameterizedTest(name = "{0}")
  @MethodSource("columnsWithHiddenValues")
  void aFailureThatReadsNoColumnTellsNothingOfHiddenRows(Column c) throws SQLException {
    for (String shape : CONSTANT_FAILURES) {
      String hidden = String.format(shape, c.table(), c.name(), typed(c, c.hidden()));
      String absent = String.format(shape, c.table(), c.name(), typed(c, absent(c)));
      assertThat(error(north, hidden)).as(hidden).isEqualTo(error(north, absent));
    }
    // The same with the failing value bound as a parameter.
    String sql = "SELECT COUNT(*) FROM " + c.table() + " WHERE " + c.name() + " = CAST(? AS "
        + c.type() + ") AND CAST(? AS INTEGER) = 1";
    for (Object failing : new Object[] {"x", 99_999_999_999L}) {
      List<String> outcomes = new ArrayList<>();
      for (String value : new String[] {c.hidden(), absent(c)}) {
        outcomes.add(bound(sql, value, failing));
      }
      assertThat(outcomes.get(0)).as(sql + " with the hidden value, bound " + failing)
          .isEqualTo(outcomes.get(1));
    }
  }

  private static String bound(String sql, String value, Object failing) {
    try (java.sql.PreparedStatement p = north.prepareStatement(sql)) {
      p.setString(1, value);
      p.setObject(2, failing);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          // read every row: a failure may come while fetching
        }
      }
      return "ran";
    } catch (SQLException e) {
      return e.getMessage() == null ? "" : e.getMessage().replaceAll("'[^']*'", "'…'");
    }
  }

  private static String typed(Column c, String value) {
    return "CAST('" + value.replace("'", "''") + "' AS " + c.type() + ")";
  }

  /** A value of the column's type that no row holds. */
  private static String absent(Column c) {
    return c.type().startsWith("VARCHAR") ? "no row holds this value"
        : c.type().equals("DATE") ? "1900-01-01" : "-987654";
  }

  private static String probe(String shape, String failure, Column c, String value) {
    return String.format(shape, c.table(), String.format(failure, c.name(),
        "'" + value.replace("'", "''") + "'", c.type()));
  }

  /** The statement's error message, or null if it ran. */
  private static String error(Connection c, String sql) {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        // read every row: a failure may come while fetching
      }
      return null;
    } catch (SQLException e) {
      // The statement differs in the value only; the message may quote the statement.
      return e.getMessage() == null ? "" : e.getMessage().replaceAll("'[^']*'", "'…'");
    }
  }

  private static List<String> strings(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
