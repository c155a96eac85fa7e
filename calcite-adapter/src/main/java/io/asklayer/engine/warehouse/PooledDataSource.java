package io.asklayer.engine.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.commons.dbcp2.BasicDataSource;

/**
 * A pool of connections to a server warehouse (PostgreSQL, Snowflake), each opened read-only; the
 * pool is commons-dbcp2, which Calcite's own JDBC adapter uses.
 */
final class PooledDataSource extends ReadOnlyDataSource {
  private final BasicDataSource pool = new BasicDataSource();

  PooledDataSource(String url, Properties connectionProperties) {
    pool.setUrl(url);
    pool.setDefaultReadOnly(true);
    pool.setMaxTotal(16);
    connectionProperties.forEach((k, v) ->
        pool.addConnectionProperty(String.valueOf(k), String.valueOf(v)));
  }

  @Override public Connection getConnection() throws SQLException {
    return RunningQueries.track(pool.getConnection());
  }

  @Override public void close() throws SQLException {
    pool.close();
  }
}
