package io.asklayer.engine.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
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
    return root.duplicate();
  }

  @Override public void close() throws SQLException {
    root.close();
  }
}
