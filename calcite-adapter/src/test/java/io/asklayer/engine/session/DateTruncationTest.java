package io.asklayer.engine.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.asklayer.engine.error.AsklayerException;
import io.asklayer.engine.error.ErrorKind;
import io.asklayer.engine.testing.Rows;
import io.asklayer.engine.testing.TestEngine;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code DATE_TRUNC('unit', x)} and Oracle's {@code TRUNC(x, 'format')} as BI tools send them: the
 * types PostgreSQL gives, the rows DuckDB direct gives, the time grain on semantic tables, and
 * refusals that name the units there are. Values for each unit, in Java and in the warehouse, are
 * cases of {@code golden/semantics.txt}.
 */
class DateTruncationTest {
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
  }

  private static List<Integer> columnTypes(String sql) throws SQLException {
    try (Statement s = asklayer.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData m = rs.getMetaData();
      List<Integer> out = new java.util.ArrayList<>();
      for (int i = 1; i <= m.getColumnCount(); i++) {
        out.add(m.getColumnType(i));
      }
      return out;
    }
  }

  @Test
  void dateTruncIsATimestampOfADateOrATimestampAndTruncKeepsItsOperandsType()
      throws SQLException {
    assertThat(columnTypes("SELECT DATE_TRUNC('month', order_date) AS a, "
        + "DATE_TRUNC('hour', CAST(order_date AS TIMESTAMP)) AS b, TRUNC(order_date, 'MM') AS c, "
        + "TRUNC(CAST(order_date AS TIMESTAMP), 'MM') AS d FROM sales_transactions LIMIT 1"))
        .containsExactly(Types.TIMESTAMP, Types.TIMESTAMP, Types.DATE, Types.TIMESTAMP);
    assertThat(columnTypes("SELECT DATE_TRUNC('month', DATE '2024-05-31') AS a"))
        .containsExactly(Types.TIMESTAMP);
  }

  @Test
  void groupingByDateTruncGivesDuckDbsRows() throws SQLException {
    String sql = "SELECT DATE_TRUNC('week', order_date) AS w, COUNT(*) AS n FROM "
        + "sales_transactions WHERE order_date < DATE '2023-03-01' GROUP BY 1 ORDER BY 1";
    Rows.assertSameRows(sql, Rows.query(asklayer, sql), Rows.query(duckdb, sql), true);
    String oracle = "SELECT TRUNC(order_date, 'Q') AS q, COUNT(*) AS n FROM sales_transactions "
        + "GROUP BY TRUNC(order_date, 'Q') ORDER BY 1";
    Rows.assertSameRows(oracle, Rows.query(asklayer, oracle), Rows.query(duckdb, "SELECT "
        + "date_trunc('quarter', order_date) AS q, COUNT(*) FROM sales_transactions GROUP BY 1 "
        + "ORDER BY 1"), true);
  }

  /** What Metabase and Superset send for a monthly chart of a measure. */
  @Test
  void onASemanticTableDateTruncIsTheTimeGrain() throws SQLException {
    String sql = "SELECT DATE_TRUNC('month', \"sales\".\"order_date\") AS \"order_date\", "
        + "SUM(\"sales\".\"units_sold\") AS \"sum\" FROM \"semantic\".\"sales\" \"sales\" "
        + "GROUP BY DATE_TRUNC('month', \"sales\".\"order_date\") ORDER BY 1";
    List<List<Object>> rows = Rows.query(asklayer, sql);
    Rows.assertSameRows(sql, rows, Rows.query(duckdb, "SELECT date_trunc('month', order_date), "
        + "SUM(quantity) FROM sales_transactions GROUP BY 1 ORDER BY 1"), true);
    assertThat(rows).hasSize(36);
    Rows.assertSameRows("the FLOOR spelling", rows, Rows.query(asklayer, "SELECT "
        + "FLOOR(order_date TO MONTH) AS m, AGGREGATE(units_sold) FROM semantic.sales "
        + "GROUP BY 1 ORDER BY 1"), true);
    assertThat(TestEngine.warehouseSql(asklayer, sql)).singleElement().asString()
        .contains("GROUP BY CAST(DATETRUNC('month', \"order_date\") AS TIMESTAMP)");
  }

  @Test
  void weeksOnASemanticTableStartOnMonday() throws SQLException {
    String sql = "SELECT DATE_TRUNC('week', order_date) AS w, AGGREGATE(units_sold) AS u "
        + "FROM semantic.sales WHERE order_date < DATE '2023-02-01' GROUP BY 1 ORDER BY 1";
    Rows.assertSameRows(sql, Rows.query(asklayer, sql), Rows.query(duckdb, "SELECT "
        + "date_trunc('week', order_date), SUM(quantity) FROM sales_transactions WHERE "
        + "order_date < DATE '2023-02-01' GROUP BY 1 ORDER BY 1"), true);
    assertThat(Rows.query(asklayer, sql).get(0).get(0)).isEqualTo("2022-12-26");
  }

  private static AsklayerException refusal(String sql) {
    return engineRefusal(catchThrowableOfType(SQLException.class,
        () -> Rows.query(asklayer, sql)), sql);
  }

  /** The engine's refusal inside the JDBC error of the engine's own driver. */
  private static AsklayerException engineRefusal(SQLException e, String sql) {
    assertThat((Throwable) e).as(sql).isNotNull();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof AsklayerException a) {
        return a;
      }
    }
    throw new AssertionError("no Asklayer refusal in " + e);
  }

  @Test
  void aUnitThatIsNotOneIsRefusedWithTheOnesThereAre() {
    AsklayerException e = refusal("SELECT DATE_TRUNC('decade', order_date) FROM "
        + "sales_transactions");
    assertThat(e.kind()).isEqualTo(ErrorKind.USER);
    assertThat(e.getMessage()).isEqualTo("DATE_TRUNC takes its unit as a string literal, one of "
        + "'year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second'; 'decade' is not "
        + "one of them (line 1, column 19). For example DATE_TRUNC('month', d).");
    assertThat(refusal("SELECT DATE_TRUNC(channel, order_date) FROM sales_transactions")
        .getMessage()).startsWith("DATE_TRUNC takes its unit as a string literal, one of 'year'")
        .contains("(line 1, column 19)");
  }

  @Test
  void oracleFormatsThatAreNoCalendarUnitAreRefusedNamingDateTrunc() {
    AsklayerException e = refusal("SELECT TRUNC(order_date, 'WW') FROM sales_transactions");
    assertThat(e.kind()).isEqualTo(ErrorKind.USER);
    assertThat(e.getMessage()).isEqualTo("TRUNC of a date takes one of the formats 'YYYY', 'Q', "
        + "'MM', 'IW', 'DD', 'HH', 'MI'; 'WW' is not one of them (line 1, column 26). Or write "
        + "DATE_TRUNC('unit', x), for example DATE_TRUNC('week', x) for weeks starting on Monday.");
  }

  /** As in PostgreSQL, which has DATE_TRUNC of several types, a ? is given one by a cast. */
  @Test
  void aParameterToTruncateIsCastAndAUnitIsNeverOne() throws SQLException {
    try (java.sql.PreparedStatement p = asklayer.prepareStatement(
        "SELECT DATE_TRUNC('month', CAST(? AS TIMESTAMP)) AS m")) {
      p.setTimestamp(1, java.sql.Timestamp.valueOf("2024-05-31 13:45:10"));
      assertThat(Rows.read(p.executeQuery())).containsExactly(List.of("2024-05-01"));
    }
    assertThat(preparingRefusal("SELECT DATE_TRUNC('month', ?)").getMessage())
        .contains("write CAST(? AS type) there");
    assertThat(preparingRefusal("SELECT DATE_TRUNC(CAST(? AS VARCHAR), order_date) FROM "
        + "sales_transactions").getMessage())
        .startsWith("DATE_TRUNC takes its unit as a string literal");
  }

  private static AsklayerException preparingRefusal(String sql) {
    return engineRefusal(catchThrowableOfType(SQLException.class,
        () -> asklayer.prepareStatement(sql)), sql);
  }

  @Test
  void operandsOfOtherTypesAreRefusedWithTheSignatures() {
    SQLException e = catchThrowableOfType(SQLException.class, () -> Rows.query(asklayer,
        "SELECT DATE_TRUNC('hour', TIME '10:30:00')"));
    assertThat(e.getMessage()).contains("Cannot apply 'DATE_TRUNC' to arguments of type "
        + "'DATE_TRUNC(<CHAR(4)>, <TIME(0)>)'. Supported form(s): DATE_TRUNC('<unit>', <DATE or "
        + "TIMESTAMP>)");
  }
}
