package io.asklayer.engine.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.apache.commons.dbcp2.PoolableConnection;
import org.apache.commons.dbcp2.PoolableConnectionFactory;
import org.apache.commons.dbcp2.PoolingDataSource;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.duckdb.DuckDBConnection;

/**
 * One DuckDB database opened read-only ({@code duckdb.read_only}) with a {@code memory_limit} of
 * its own; each borrowed connection is a cheap {@link DuckDBConnection#duplicate() duplicate} of the
 * root one, sharing its database and its limit. DuckDB holds sorts, hash tables and other state
 * within the limit (spilling where it can) and fails a statement that needs more with "Out of
 * Memory Error"; strings a function builds from a count are outside it, which the DuckDB dialect
 * bounds instead.
 *
 * <p>The duplicates are pooled (commons-dbcp2, as for server warehouses), each set up once, with
 * its prepared statements kept by text: a statement of a shape seen before (the proxy's plans by
 * shape send the same text with other values bound) skips DuckDB's parse and planning of it, and
 * no statement pays for a new connection and its setup. A kept statement's parameters are cleared
 * and its results closed when it is returned; its text holds the principal's row filters, so it
 * is only ever the plan of that text.
 */
final class DuckDbDataSource extends ReadOnlyDataSource {
  /** Idle connections kept, and prepared statements kept per connection. */
  private static final int IDLE = 8;
  private static final int STATEMENTS = 64;

  private final DuckDBConnection root;
  private final GenericObjectPool<PoolableConnection> connections;
  private final PoolingDataSource<PoolableConnection> pool;

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
    PoolableConnectionFactory factory = new PoolableConnectionFactory(root::duplicate, null);
    // A sort key that is a constant (a masked column reads as '***') becomes ORDER BY '***',
    // which orders nothing; DuckDB refuses it unless told the no-op is intended. A session
    // setting, because the database may be shared with connections opened elsewhere.
    factory.setConnectionInitSql(List.of("SET order_by_non_integer_literal = true"));
    factory.setPoolStatements(true);
    factory.setMaxOpenPreparedStatements(STATEMENTS);
    factory.setRollbackOnReturn(false);
    GenericObjectPoolConfig<PoolableConnection> config = new GenericObjectPoolConfig<>();
    config.setMaxTotal(-1);
    config.setMaxIdle(IDLE);
    config.setJmxEnabled(false);
    connections = new GenericObjectPool<>(factory, config);
    factory.setPool(connections);
    pool = new PoolingDataSource<>(connections);
  }

  @Override public Connection getConnection() throws SQLException {
    return RunningQueries.track(pool.getConnection());
  }

  @Override public void close() throws SQLException {
    connections.close();
    root.close();
  }
}
