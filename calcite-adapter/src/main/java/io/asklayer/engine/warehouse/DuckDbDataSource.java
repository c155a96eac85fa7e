package io.asklayer.engine.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.duckdb.DuckDBConnection;

/**
 * One DuckDB database opened read-only ({@code duckdb.read_only}) with a {@code memory_limit} of
 * its own; each borrowed connection is a cheap {@link DuckDBConnection#duplicate() duplicate} of the
 * root one, sharing its database and its limit. DuckDB holds sorts, hash tables and other state
 * within the limit (spilling where it can) and fails a statement that needs more with "Out of
 * Memory Error"; strings a function builds from a count are outside it, which the DuckDB dialect
 * bounds instead.
 */
final class DuckDbDataSource extends ReadOnlyDataSource {
  private final DuckDBConnection root;

  DuckDbDataSource(String url, String memoryLimit) throws SQLException {
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    this.root = (DuckDBConnection) new org.duckdb.DuckDBDriver().connect(url, p);
    // A setting of the database, not of the connection: DuckDB refuses a second connection to a
    // file open in this process with other connection properties (a test's or a benchmark's
    // direct connection), while SET applies to the database they share.
    try (Statement s = root.createStatement()) {
      s.execute("SET memory_limit = '" + memoryLimit.replace("'", "''") + "'");
    } catch (SQLException e) {
      root.close();
      throw e;
    }
  }

  @Override public Connection getConnection() throws SQLException {
    Connection c = root.duplicate();
    try (Statement s = c.createStatement()) {
      // A sort key that is a constant (a masked column reads as '***') becomes ORDER BY '***',
      // which orders nothing; DuckDB refuses it unless told the no-op is intended. A session
      // setting, because the database may be shared with connections opened elsewhere.
      s.execute("SET order_by_non_integer_literal = true");
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return RunningQueries.track(c);
  }

  @Override public void close() throws SQLException {
    root.close();
  }
}
