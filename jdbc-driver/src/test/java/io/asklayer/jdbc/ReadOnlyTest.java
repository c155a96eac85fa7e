package io.asklayer.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.asklayer.demo.TestWarehouse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nothing typed through the driver changes the warehouse: every statement that would write, change
 * schema or settings, or smuggle a second statement is refused with a clear message, and the
 * warehouse's checksum is the same afterwards.
 */
class ReadOnlyTest {
  private static Connection connection;
  private static Map<String, String> before;

  @BeforeAll
  static void open() throws SQLException {
    before = checksum();
    connection = DriverManager.getConnection(DriverTest.URL);
  }

  @AfterAll
  static void warehouseIsUnchanged() throws SQLException {
    connection.close();
    assertThat(checksum()).isEqualTo(before);
  }

  /** Row count and order-independent hash of every table, read straight from DuckDB. */
  static Map<String, String> checksum() throws SQLException {
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    Map<String, String> out = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection(TestWarehouse.url(), p);
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT table_name FROM duckdb_tables() ORDER BY 1")) {
        while (rs.next()) {
          out.put(rs.getString(1), null);
        }
      }
      for (String t : out.keySet()) {
        try (ResultSet rs = s.executeQuery("SELECT count(*) || ':' || coalesce(sum(hash(t)), 0) "
            + "FROM \"" + t + "\" t")) {
          rs.next();
          out.put(t, rs.getString(1));
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM duckdb_tables()")) {
        rs.next();
        out.put("#tables", rs.getString(1));
      }
    }
    return out;
  }

  private static SQLException refused(String sql) {
    return catchThrowableOfType(SQLException.class, () -> {
      try (Statement s = connection.createStatement()) {
        s.execute(sql);
      }
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "DELETE FROM returns",
      "DELETE FROM returns WHERE return_date < DATE '2024-01-01'",
      "delete from \"returns\"",
      "UPDATE regions SET region_name = 'X'",
      "INSERT INTO regions VALUES (6, 'Atlantis')",
      "INSERT INTO regions SELECT * FROM regions",
      "MERGE INTO regions r USING regions s ON r.region_id = s.region_id "
          + "WHEN MATCHED THEN UPDATE SET region_name = 'X'",
      "UPSERT INTO regions VALUES (1, 'North')",
      "DROP TABLE sales_transactions",
      "DROP VIEW v",
      "drop schema main cascade",
      "CREATE TABLE t AS SELECT * FROM regions",
      "CREATE VIEW v AS SELECT 1",
      "CREATE OR REPLACE TABLE regions AS SELECT 1 AS x",
      "ALTER TABLE regions ADD COLUMN x INTEGER",
      "ALTER TABLE regions RENAME TO r2",
      "TRUNCATE TABLE returns",
      "TRUNCATE returns",
      "COPY regions TO '/tmp/regions.csv'",
      "COPY regions FROM '/tmp/regions.csv'",
      "ATTACH '/tmp/other.duckdb' AS other",
      "DETACH other",
      "INSTALL httpfs",
      "LOAD httpfs",
      "PRAGMA enable_profiling",
      "SET threads = 1",
      "RESET threads",
      "CALL pragma_version()",
      "EXPORT DATABASE '/tmp/export'",
      "IMPORT DATABASE '/tmp/export'",
      "VACUUM",
      "CHECKPOINT",
      // BEGIN, COMMIT and the other transaction statements are accepted and change nothing
      // (client-conformance's JdbcConformanceTest).
      "GRANT SELECT ON regions TO public",
      "EXPLAIN PLAN FOR DELETE FROM regions",
      "  /* a comment first */ DELETE FROM regions",
      "-- line comment\nDROP TABLE regions",
      "(DELETE FROM regions)",
      "WITH x AS (SELECT 1) DELETE FROM regions",
  })
  void writesAreRefused(String sql) {
    SQLException e = refused(sql);
    assertThat((Throwable) e).as(sql).isNotNull();
    assertThat(e.getSQLState()).as(sql).isIn("0AS01", "42000");
    assertThat(e.getMessage()).as(sql).doesNotStartWith("Error while");
    if (e.getSQLState().equals("0AS01")) {
      assertThat(e.getMessage()).contains("read-only");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT 1; DROP TABLE regions",
      "SELECT * FROM regions; DELETE FROM returns;",
      "SELECT 1;DELETE FROM returns",
      "SELECT 1 /* ; */ ; DROP TABLE x",
      "SELECT ';' AS s; DROP TABLE x",
  })
  void secondStatementsAreRefused(String sql) {
    SQLException e = refused(sql);
    assertThat((Throwable) e).as(sql).isNotNull();
    assertThat(e.getSQLState()).isEqualTo("42000");
    assertThat(e.getMessage()).startsWith("One statement per execution");
  }

  @Test
  void quotesAndCommentsDoNotCountAsSeparators() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT 'a;b' AS x /* ; DROP TABLE regions */ -- ; more\n;")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("a;b");
    }
  }

  @Test
  void everyExecutionPathIsGuarded() {
    assertThat((Throwable) catchThrowableOfType(SQLException.class,
        () -> connection.prepareStatement("DELETE FROM regions WHERE region_id = ?")))
        .hasMessageContaining("read-only");
    assertThat((Throwable) catchThrowableOfType(SQLException.class, () -> {
      try (Statement s = connection.createStatement()) {
        s.executeUpdate("UPDATE regions SET region_name = 'X'");
      }
    })).hasMessageContaining("read-only");
    assertThat((Throwable) catchThrowableOfType(SQLException.class, () -> {
      try (Statement s = connection.createStatement()) {
        s.addBatch("DELETE FROM regions");
        s.addBatch("DELETE FROM stores");
        s.executeBatch();
      }
    })).isNotNull();
    assertThat((Throwable) catchThrowableOfType(SQLException.class, () -> {
      try (PreparedStatement p = connection.prepareStatement("SELECT * FROM regions");
          ResultSet rs = p.executeQuery()) {
        rs.next();
        rs.updateString(2, "X");
        rs.updateRow();
      }
    })).isNotNull();
  }

  @Test
  void connectionStaysUsableAfterRefusals() throws SQLException {
    refused("DROP TABLE regions");
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM regions")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(5);
    }
  }

  @Test
  void theConnectionCannotBeMadeReadWrite() throws SQLException {
    try (Connection c = DriverManager.getConnection(DriverTest.URL)) {
      assertThat(c.isReadOnly()).isTrue();
      c.setReadOnly(true);
      SQLException e = catchThrowableOfType(SQLException.class, () -> c.setReadOnly(false));
      assertThat((Throwable) e).isInstanceOf(java.sql.SQLFeatureNotSupportedException.class);
      assertThat(e.getSQLState()).isEqualTo("0AS01");
      assertThat(e.getMessage()).isEqualTo("Asklayer connections are read-only: "
          + "setReadOnly(false) is refused, and the connection stays read-only. Read data with "
          + "SELECT; changes to the warehouse are made outside Asklayer.");
      assertThat(c.isReadOnly()).as("still read-only").isTrue();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM regions")) {
        rs.next();
        assertThat(rs.getInt(1)).as("the connection still works").isEqualTo(5);
      }
    }
  }

  @Test
  void refreshingWithoutThePrivilegeIsNotAllowed() throws SQLException {
    try (Statement s = connection.createStatement()) {
      SQLException e = catchThrowableOfType(SQLException.class,
          () -> s.execute("REFRESH METADATA"));
      assertThat((Throwable) e).isNotNull();
      assertThat(e.getSQLState()).isEqualTo("42501");
      assertThat(e.getMessage()).startsWith("REFRESH METADATA needs the privilege 'refresh', "
          + "which principal 'analyst' does not have.");
    }
  }
}
