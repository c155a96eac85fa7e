package io.asklayer.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The plain JDBC surface that pools, ORMs and data tools lean on, through each transport:
 * transactions on a read-only connection, date and time parameters, {@code getObject(i, Class)},
 * fetch sizes and row limits, and errors that keep their reason. Rows are compared with DuckDB
 * direct.
 */
class JdbcConformanceTest {
  /** SQLStates HikariCP 7 takes for a broken connection (ProxyConnection.checkException). */
  static final Set<String> POOL_FATAL = Set.of("0A000", "57P01", "57P02", "57P03", "01002",
      "JZ0C0", "JZ0C1");

  static final String LINES = "SELECT order_id, line_number FROM sales_transactions";

  @AllTransports
  void transactionsOnAReadOnlyConnectionAreAccepted(Transport t) throws SQLException {
    try (Connection c = t.connect("analyst")) {
      assertThat(c.getAutoCommit()).isTrue();
      c.commit();
      c.rollback();
      c.setAutoCommit(false);
      assertThat(c.getAutoCommit()).isFalse();
      assertThat(count(c, "SELECT COUNT(*) FROM regions")).isEqualTo(5);
      Savepoint sp = c.setSavepoint("before");
      assertThat(sp.getSavepointName()).isEqualTo("before");
      c.rollback(sp);
      c.releaseSavepoint(c.setSavepoint());
      c.commit();
      c.rollback();
      assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
      c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
      c.setAutoCommit(true);
      SQLException savepoint = catchThrowableOfType(SQLException.class, c::setSavepoint);
      assertThat(savepoint.getMessage()).contains("setAutoCommit(false)");
      assertThat(POOL_FATAL).doesNotContain(savepoint.getSQLState());
      assertThat(c.isReadOnly()).isTrue();
      SQLException readWrite = catchThrowableOfType(SQLException.class,
          () -> c.setReadOnly(false));
      assertThat(readWrite.getMessage()).contains("read-only");
    }
  }

  @AllTransports
  void transactionStatementsAreAcceptedAsPostgresqlAcceptsThem(Transport t) throws SQLException {
    try (Connection c = t.connect("analyst"); Statement s = c.createStatement()) {
      for (String sql : List.of("BEGIN", "START TRANSACTION", "START TRANSACTION READ ONLY",
          "BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ", "SAVEPOINT a",
          "ROLLBACK TO SAVEPOINT a", "RELEASE SAVEPOINT a", "COMMIT", "ROLLBACK", "END",
          "SET TRANSACTION READ ONLY", "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE")) {
        assertThat(s.execute(sql)).as(sql).isFalse();
        assertThat(s.getUpdateCount()).as(sql).isZero();
        assertThat(s.executeUpdate(sql)).as(sql).isZero();
      }
      try (ResultSet rs = s.executeQuery("SHOW TRANSACTION ISOLATION LEVEL")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("serializable");
      }
      SQLException readWrite = catchThrowableOfType(SQLException.class,
          () -> s.execute("START TRANSACTION READ WRITE"));
      assertThat(readWrite.getMessage()).contains("read-only");
      // The connection carries on.
      assertThat(count(c, "SELECT COUNT(*) FROM regions")).isEqualTo(5);
    }
  }

  @AllTransports
  void dateAndTimeParametersBindAsJdbc42Says(Transport t) throws SQLException {
    String onDay = "SELECT COUNT(*) FROM sales_transactions WHERE order_date = ?";
    String before = "SELECT COUNT(*) FROM sales_transactions WHERE order_date < ?";
    List<List<String>> day = Direct.rows(onDay, LocalDate.of(2025, 3, 1));
    List<List<String>> early = Direct.rows(before, LocalDateTime.of(2023, 1, 3, 0, 0));
    assertThat(day.get(0).get(0)).isNotEqualTo("0");
    try (Connection c = t.connect("analyst")) {
      assertThat(rows(c, onDay, java.sql.Date.valueOf("2025-03-01"))).isEqualTo(day);
      assertThat(rows(c, onDay, LocalDate.of(2025, 3, 1))).isEqualTo(day);
      assertThat(rows(c, before, Timestamp.valueOf("2023-01-03 00:00:00"))).isEqualTo(early);
      assertThat(rows(c, before, LocalDateTime.of(2023, 1, 3, 0, 0))).isEqualTo(early);
      try (PreparedStatement p = c.prepareStatement(onDay)) {
        p.setDate(1, java.sql.Date.valueOf("2025-03-01"));
        try (ResultSet rs = p.executeQuery()) {
          assertThat(Direct.rows(rs)).isEqualTo(day);
        }
      }
    }
  }

  @AllTransports
  void getObjectWithAClassConvertsAsJdbc42Says(Transport t) throws SQLException {
    String sql = "SELECT region_id, region_name, CAST(1.5 AS DECIMAL(5, 2)) AS d, "
        + "DATE '2025-01-02' AS dt, TIMESTAMP '2025-01-02 03:04:05' AS ts, TRUE AS b "
        + "FROM regions WHERE region_id = 2";
    try (Connection c = t.connect("analyst"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getObject(1, String.class)).isEqualTo("2");
      assertThat(rs.getObject(1, Long.class)).isEqualTo(2L);
      assertThat(rs.getObject(1, Integer.class)).isEqualTo(2);
      assertThat(rs.getObject(1, BigDecimal.class)).isEqualByComparingTo("2");
      assertThat(rs.getObject("region_name", String.class)).isEqualTo(
          Direct.rows("SELECT region_name FROM regions WHERE region_id = 2").get(0).get(0));
      assertThat(rs.getObject(3, Double.class)).isEqualTo(1.5);
      assertThat(rs.getObject(3, BigDecimal.class)).isEqualByComparingTo("1.5");
      assertThat(rs.getObject(4, LocalDate.class)).isEqualTo(LocalDate.of(2025, 1, 2));
      assertThat(rs.getObject(4, java.sql.Date.class)).isEqualTo(
          java.sql.Date.valueOf("2025-01-02"));
      assertThat(rs.getObject(5, LocalDateTime.class)).isEqualTo(
          LocalDateTime.of(2025, 1, 2, 3, 4, 5));
      assertThat(rs.getObject(5, Timestamp.class)).isEqualTo(
          Timestamp.valueOf("2025-01-02 03:04:05"));
      assertThat(rs.getObject(6, Boolean.class)).isTrue();
    }
  }

  /**
   * A division's result has more digits than its declared DECIMAL type: every getter, on every
   * transport, gives the value at the declared scale, rounded (the outside check read 2.140629
   * from getBigDecimal and 2.14062952351479 from getString of one cell, and protobuf clients the
   * cut value from every getter).
   */
  @AllTransports
  void aDecimalIsItsValueAtTheDeclaredScaleFromEveryGetter(Transport t) throws SQLException {
    String sql = "SELECT SUM(quantity) * 1.0 / COUNT(*) AS q FROM sales_transactions";
    BigDecimal exact = new BigDecimal(Direct.rows("SELECT CAST(SUM(quantity) AS DOUBLE) / "
        + "COUNT(*) FROM sales_transactions").get(0).get(0));
    try (Connection c = t.connect("analyst"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      int scale = rs.getMetaData().getScale(1);
      assertThat(scale).as("the declared scale").isPositive();
      BigDecimal rounded = exact.setScale(scale, java.math.RoundingMode.HALF_UP);
      assertThat(exact.scale()).as("the value has more digits than the type").isGreaterThan(scale);
      assertThat(rs.getBigDecimal(1)).isEqualByComparingTo(rounded);
      assertThat((BigDecimal) rs.getObject(1)).isEqualByComparingTo(rounded);
      assertThat(rs.getObject(1, BigDecimal.class)).isEqualByComparingTo(rounded);
      assertThat(new BigDecimal(rs.getString(1))).isEqualByComparingTo(rounded);
      assertThat(rs.getDouble(1)).isEqualTo(rounded.doubleValue());
    }
  }

  /**
   * A batch is for changes, which Asklayer refuses: executing one that holds anything, queries
   * included, fails with a BatchUpdateException in the SQLState a single write gets, with no
   * update counts, and empties the batch (Avatica ran the queries and answered [-1]); an empty
   * batch answers no counts; the statement stays usable.
   */
  @AllTransports
  void aBatchIsRefusedAsAChangeAndAnEmptyOneAnswersNothing(Transport t) throws SQLException {
    try (Connection c = t.connect("analyst"); Statement s = c.createStatement()) {
      String writeState = catchThrowableOfType(SQLException.class,
          () -> s.executeUpdate("DELETE FROM regions")).getSQLState();
      assertThat(s.executeBatch()).isEmpty();
      assertThat(s.executeLargeBatch()).isEmpty();
      s.addBatch("SELECT 1");
      s.addBatch("SELECT * FROM regions");
      java.sql.BatchUpdateException e = catchThrowableOfType(
          java.sql.BatchUpdateException.class, s::executeBatch);
      assertThat(e.getMessage()).contains("batches of changes", "Asklayer refuses",
          "the 2 statements added with addBatch were not run", "executeQuery");
      assertThat(e.getSQLState()).isEqualTo(writeState).isEqualTo("0AS01");
      assertThat(POOL_FATAL).doesNotContain(e.getSQLState());
      assertThat(e.getUpdateCounts()).isEmpty();
      assertThat(s.executeBatch()).as("the batch is emptied").isEmpty();
      s.addBatch("DELETE FROM regions");
      assertThat(catchThrowableOfType(java.sql.BatchUpdateException.class,
          s::executeLargeBatch).getLargeUpdateCounts()).isEmpty();
      s.addBatch("SELECT 1");
      s.clearBatch();
      assertThat(s.executeBatch()).isEmpty();
      assertThat(count(c, "SELECT COUNT(*) FROM regions")).isEqualTo(5);
      for (String sql : List.of("SELECT region_name FROM regions WHERE region_id = ?",
          "SELECT * FROM TABLE(ask(?))")) {
        try (PreparedStatement p = c.prepareStatement(sql)) {
          assertThat(p.executeBatch()).as(sql).isEmpty();
          p.setString(1, "1");
          p.addBatch();
          java.sql.BatchUpdateException prepared = catchThrowableOfType(
              java.sql.BatchUpdateException.class, p::executeBatch);
          assertThat(prepared.getMessage()).as(sql).contains("the 1 statement added with "
              + "addBatch was not run", "executeQuery");
          assertThat(prepared.getSQLState()).isEqualTo(writeState);
        }
      }
    }
  }

  /**
   * A date or time column's result precision and scale are getColumns's COLUMN_SIZE and
   * DECIMAL_DIGITS: its length written out and its fractional digits (the precision was 0 for
   * every DATE and TIMESTAMP, where getColumns said 10).
   */
  @AllTransports
  void dateAndTimePrecisionIsTheirLengthAsGetColumnsSays(Transport t) throws SQLException {
    String sql = "SELECT order_date, CAST(order_date AS TIMESTAMP) AS ts, "
        + "TIMESTAMP '2025-12-31 23:59:59.125' AS ts3, TIME '23:59:59' AS tm, "
        + "CAST(TIME '23:59:59.5' AS TIME(3)) AS tm3 FROM sales_transactions";
    List<String> expected = List.of("order_date 91 10 0", "ts 93 19 0", "ts3 93 23 3",
        "tm 92 8 0", "tm3 92 12 3");
    try (Connection c = t.connect("analyst")) {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql + " LIMIT 1")) {
        assertThat(sizes(rs.getMetaData())).isEqualTo(expected);
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("ts3")).isEqualTo("2025-12-31 23:59:59.125");
      }
      try (PreparedStatement p = c.prepareStatement(sql + " WHERE 1 = 0")) {
        assertThat(sizes(p.getMetaData())).as("prepared").isEqualTo(expected);
      }
      try (ResultSet rs = c.getMetaData().getColumns(null, "retail", "sales_transactions",
          "order_date")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt("COLUMN_SIZE")).isEqualTo(10);
      }
    }
  }

  private static List<String> sizes(java.sql.ResultSetMetaData md) throws SQLException {
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      out.add(md.getColumnLabel(i) + " " + md.getColumnType(i) + " " + md.getPrecision(i) + " "
          + md.getScale(i));
    }
    return out;
  }

  @AllTransports
  void everyFetchSizeAndRowLimitReturnsTheRowsDuckDbReturns(Transport t) throws SQLException {
    int all = Integer.parseInt(Direct.rows("SELECT COUNT(*) FROM sales_transactions").get(0)
        .get(0));
    assertThat(all).isGreaterThan(1000); // several frames over the network
    try (Connection c = t.connect("analyst")) {
      for (int fetch : new int[] {0, 1, 7, 100, 100_000, Integer.MAX_VALUE}) {
        try (PreparedStatement p = c.prepareStatement(LINES)) {
          p.setFetchSize(fetch);
          assertThat(drain(p.executeQuery())).as("prepared, fetch size " + fetch).isEqualTo(all);
        }
        try (Statement s = c.createStatement()) {
          s.setFetchSize(fetch);
          assertThat(drain(s.executeQuery(LINES))).as("statement, fetch size " + fetch)
              .isEqualTo(all);
        }
      }
      try (PreparedStatement p = c.prepareStatement(LINES)) {
        p.setMaxRows(0);
        assertThat(drain(p.executeQuery())).as("maxRows 0: no limit").isEqualTo(all);
        p.setMaxRows(10);
        assertThat(drain(p.executeQuery())).as("maxRows 10, set after prepare").isEqualTo(10);
      }
      try (Statement s = c.createStatement()) {
        s.setLargeMaxRows(5);
        assertThat(drain(s.executeQuery(LINES))).as("largeMaxRows 5").isEqualTo(5);
        s.setMaxRows(0);
        s.setFetchDirection(ResultSet.FETCH_FORWARD);
        try (ResultSet rs = s.executeQuery(LINES)) {
          rs.setFetchDirection(ResultSet.FETCH_FORWARD);
          assertThat(drain(rs)).as("fetch direction forward").isEqualTo(all);
        }
      }
    }
  }

  @AllTransports
  void errorsKeepTheEngineReasonAndStateWhereverTheyHappen(Transport t) throws SQLException {
    try (Connection c = t.connect("analyst")) {
      SQLException prepare = catchThrowableOfType(SQLException.class,
          () -> c.prepareStatement("SELECT * FROM regionz"));
      assertThat(prepare.getMessage()).contains("Object 'regionz' not found")
          .doesNotContain("while preparing");
      assertThat(prepare.getSQLState()).isEqualTo("42000");
      SQLException write = catchThrowableOfType(SQLException.class,
          () -> c.prepareStatement("DELETE FROM regions"));
      assertThat(write.getMessage()).contains("read-only");
      assertThat(write.getSQLState()).startsWith("0A");
      assertThat(POOL_FATAL).doesNotContain(write.getSQLState());
      assertThat(count(c, "SELECT COUNT(*) FROM regions")).isEqualTo(5);
    }
  }

  /**
   * {@code nativeSQL} is the text the engine parses, its JDBC escapes processed, remotely too (where
   * Avatica's connection would answer the text unchanged); a procedure call is refused there as when
   * it runs, and leaves the connection usable.
   */
  @AllTransports
  void nativeSqlIsTheTextWithItsJdbcEscapesProcessed(Transport t) throws SQLException {
    try (Connection c = t.connect("analyst")) {
      assertThat(c.nativeSQL("SELECT r.region_name FROM {oj regions r LEFT OUTER JOIN stores s "
          + "ON r.region_id = s.region_id} WHERE r.region_name LIKE '%\\_' {escape '\\'}"))
          .isEqualTo("SELECT r.region_name FROM (   regions r LEFT OUTER JOIN stores s "
              + "ON r.region_id = s.region_id) WHERE r.region_name LIKE '%\\_'  escape '\\' ");
      assertThat(c.nativeSQL("SELECT '{oj' AS t")).isEqualTo("SELECT '{oj' AS t");
      SQLException call = catchThrowableOfType(SQLException.class, () -> c.nativeSQL("{call p}"));
      assertThat(call.getMessage()).startsWith("JDBC procedure calls ({call ...}");
      assertThat(call.getSQLState()).startsWith("0A");
      assertThat(POOL_FATAL).doesNotContain(call.getSQLState());
      assertThat(count(c, "SELECT COUNT(*) FROM regions")).isEqualTo(5);
    }
  }

  static List<List<String>> rows(Connection c, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        p.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = p.executeQuery()) {
        return Direct.rows(rs);
      }
    }
  }

  static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static int drain(ResultSet rs) throws SQLException {
    try (rs) {
      int n = 0;
      while (rs.next()) {
        n++;
      }
      return n;
    }
  }

  static List<String> column(ResultSet rs) throws SQLException {
    List<String> out = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /** Outside round 2: what a second outside check of the clients found, over every transport. */
  @AllTransports
  void catalogQualifiedNamesClosedObjectsAndTextParameters(Transport t) throws SQLException {
    try (Connection c = t.connect("north_manager"); Statement s = c.createStatement()) {
      // Tableau and SchemaCrawler qualify names with the catalog getCatalogs lists.
      String catalog = c.getCatalog();
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"" + catalog + "\".\"retail\""
          + ".\"regions\"")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(5);
      }
      // A ? beside a text literal is text of any length, not the literal's CHAR(4).
      try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM product_master "
          + "WHERE category = COALESCE(?, 'Toys')")) {
        p.setString(1, "Electronics");
        try (ResultSet rs = p.executeQuery()) {
          rs.next();
          assertThat(rs.getInt(1)).isEqualTo(Integer.parseInt(Direct.rows("SELECT COUNT(*) FROM "
              + "product_master WHERE category = 'Electronics'").get(0).get(0))).isPositive();
        }
        p.setNull(1, java.sql.Types.VARCHAR);
        try (ResultSet rs = p.executeQuery()) {
          rs.next();
          assertThat(rs.getInt(1)).isEqualTo(Integer.parseInt(Direct.rows("SELECT COUNT(*) FROM "
              + "product_master WHERE category = 'Toys'").get(0).get(0)));
        }
      }
      assertThatThrownBy(() -> s.setQueryTimeout(-1)).isInstanceOf(SQLException.class)
          .hasMessageContaining("not -1").extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("22023");
      ResultSet closed = s.executeQuery("SELECT region_name FROM regions");
      closed.close();
      assertThatThrownBy(() -> closed.getObject(1)).isInstanceOf(SQLException.class)
          .hasMessageStartingWith("The result set is closed")
          .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("55000");
    }
  }
}
