package io.asklayer.jdbc;

/**
 * The SQLStates the driver answers with where the engine's kinds do not say it (see
 * docs/clients.md, "SQLStates and connection pools"). None is one a connection pool takes for a
 * broken connection (class 08, 0A000, 57P01-57P03, 01002): each refuses one call or statement and
 * leaves the connection as good as it was.
 */
final class ErrorStates {
  /** A JDBC method or conversion Asklayer does not support (the engine's unsupported kind). */
  static final String UNSUPPORTED = io.asklayer.engine.error.ErrorKind.UNSUPPORTED.sqlState();
  /** The statement was cancelled, by {@code Statement.cancel()} or at its time limit. */
  static final String CANCELLED = "57014";
  /** A savepoint asked for outside a transaction (PostgreSQL's no_active_sql_transaction). */
  static final String NO_TRANSACTION = "25P01";

  private ErrorStates() {
  }
}
