package io.asklayer.engine.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.duckdb.DuckDBConnection;

/**
 * One DuckDB database opened read-only ({@code duckdb.read_only}); each borrowed connection is a
 * cheap {@link DuckDBConnection#duplicate() duplicate} of the root one, sharing its database.
 */
final class DuckDbDataSource extends ReadOnlyDataSource {
  private final DuckDBConnection root;

  DuckDbDataSource(String url) throws SQLException {
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    this.root = (DuckDBConnection) new org.duckdb.DuckDBDriver().connect(url, p);
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
