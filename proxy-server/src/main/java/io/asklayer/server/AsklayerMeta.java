package io.asklayer.server;

import io.asklayer.engine.model.ModelLoader;
import io.asklayer.engine.model.SemanticModel;
import io.asklayer.engine.session.SessionConfig;
import io.asklayer.jdbc.Driver;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.avatica.jdbc.JdbcMeta;

/**
 * Avatica's JDBC-backed {@code Meta} over {@code jdbc:asklayer:}, with the connection's principal
 * taken from authentication: a client's {@code user} property must be left out or name the user it
 * logged in as, and the other session properties (warehouse, model, language model) are the
 * server's. Only {@code today} may come from the client. Each connection is an embedded session, so
 * the row filters, masks and guardrails of the engine hold for it.
 */
final class AsklayerMeta extends JdbcMeta {
  private final ServerOptions options;
  private final ConnectionRegistry registry;

  AsklayerMeta(ServerOptions options, ConnectionRegistry registry) throws SQLException {
    super(Driver.PREFIX, cacheSettings(options));
    this.options = options;
    this.registry = registry;
  }

  /** Avatica's own caches expire later than the registry's sweep, which closes idle ones. */
  private static Properties cacheSettings(ServerOptions o) {
    Properties p = new Properties();
    long minutes = Math.max(1, o.idleTimeout().toMinutes() * 2);
    p.setProperty(ConnectionCacheSettings.EXPIRY_DURATION.key(), String.valueOf(minutes));
    p.setProperty(ConnectionCacheSettings.EXPIRY_UNIT.key(), "MINUTES");
    p.setProperty(StatementCacheSettings.EXPIRY_DURATION.key(), String.valueOf(minutes));
    p.setProperty(StatementCacheSettings.EXPIRY_UNIT.key(), "MINUTES");
    return p;
  }

  @Override public void openConnection(ConnectionHandle ch, Map<String, String> info) {
    String principal = CallContext.principal();
    String asked = info == null ? null : info.get(SessionConfig.USER);
    if (asked != null && !asked.isBlank() && !asked.equals(principal)) {
      throw Errors.refusal("This client logged in as '" + principal + "' and cannot open a "
          + "connection as '" + asked + "'. Leave the user property out, or set it to the name "
          + "you log in with.", "28000");
    }
    // Refuses an id that is open already, whoever holds it, without touching that record.
    ConnectionRegistry.Entry reservation = registry.reserve(ch.id, principal);
    try {
      super.openConnection(ch, info);
    } catch (RuntimeException e) {
      // Only the record made above goes: a failed open must never unguard a live connection.
      registry.abandon(ch.id, reservation);
      throw e;
    }
  }

  /**
   * A session as the principal, described as Avatica's protocol carries results: a time column's
   * precision is its fractional digits (JdbcMeta copies the JDBC precision onto the wire, and
   * Avatica's client would pad a timestamp's text to that many digits).
   */
  @Override protected Connection createConnection(String url, Properties clientInfo)
      throws SQLException {
    return Driver.connectServed(url, sessionProperties(CallContext.principal(), clientInfo));
  }

  /**
   * Starts the warm-up the server was given ({@code warmup_seconds}) now rather than at the first
   * client: a connection as a principal of the model asks for it and is closed at once, and the
   * warm-up plans on a connection of its own (see {@code io.asklayer.engine.session.Warmup}).
   */
  void warmUp() throws SQLException {
    if (!options.sessionProperties().containsKey(SessionConfig.WARMUP)) {
      return;
    }
    SemanticModel model = options.model() != null ? ModelLoader.load(options.model())
        : ModelLoader.loadDemo();
    String principal = model.security() == null || model.security().principals().isEmpty()
        ? "asklayer-warmup" : model.security().principals().keySet().iterator().next();
    try (Connection c = super.createConnection(Driver.PREFIX,
        sessionProperties(principal, new Properties()))) {
      // The warm-up has started; this connection only asked for it.
    }
  }

  private Properties sessionProperties(String principal, Properties clientInfo) {
    Properties p = new Properties();
    p.setProperty(SessionConfig.USER, principal);
    if (options.warehouse() != null) {
      p.setProperty(SessionConfig.WAREHOUSE, options.warehouse());
    }
    if (options.model() != null) {
      p.setProperty(SessionConfig.MODEL, options.model().toString());
    }
    String today = clientInfo.getProperty(SessionConfig.TODAY, options.today());
    if (today != null) {
      p.setProperty(SessionConfig.TODAY, today);
    }
    options.sessionProperties().forEach(p::setProperty);
    return p;
  }

  /**
   * Runs a prepared statement. A client's fetch size of 0 means "the driver's choice" in JDBC, but
   * reaches here as a first frame of at most 0 rows, which Avatica's {@code JdbcMeta} answers as
   * a finished, empty result (Spark's JDBC source sets it, and read nothing): here it is the
   * default frame, and the rest follows by fetch.
   */
  @Override public ExecuteResult execute(StatementHandle h,
      java.util.List<org.apache.calcite.avatica.remote.TypedValue> parameterValues,
      int maxRowsInFirstFrame) throws org.apache.calcite.avatica.NoSuchStatementException {
    // Avatica's JdbcMeta failed with a NullPointerException or ClassCastException (an internal
    // error) on a hand-made request: a handle without its signature, or a statement not prepared.
    if (h.signature == null) {
      throw Errors.refusal("An execute request must carry the statement handle that prepare "
          + "returned, signature included.", "26000");
    }
    java.sql.Statement engine = engineStatement(h.id);
    if (engine != null && !(engine instanceof java.sql.PreparedStatement)) {
      throw Errors.refusal("Statement " + h.id + " was not prepared, so it cannot be "
          + "executed with parameters; prepare the SQL, or use prepareAndExecute.", "26000");
    }
    return super.execute(h, parameterValues, maxRowsInFirstFrame == 0 ? -1 : maxRowsInFirstFrame);
  }

  /**
   * The next frame of a result. As for {@link #execute}, a fetch size of 0 is the driver's choice,
   * where Avatica would answer with no rows and the result marked done, cutting it short.
   */
  @Override public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
      throws org.apache.calcite.avatica.NoSuchStatementException,
      org.apache.calcite.avatica.MissingResultsException {
    return super.fetch(h, offset, fetchMaxRowCount == 0
        ? org.apache.calcite.avatica.AvaticaStatement.DEFAULT_FETCH_SIZE : fetchMaxRowCount);
  }

  /** Avatica keeps a statement's {@code java.sql.Statement} in a field it does not expose. */
  private static final java.lang.reflect.Field STATEMENT_FIELD = statementField();

  private static java.lang.reflect.Field statementField() {
    try {
      java.lang.reflect.Field f = org.apache.calcite.avatica.jdbc.StatementInfo.class
          .getDeclaredField("statement");
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // cancel then reports that it cannot, below
    }
  }

  /**
   * Cancels what a statement is running, as {@code Statement.cancel()} on the engine's own
   * statement does: its planning and its warehouse query stop, and its execution fails with
   * 57014. The caller has checked that the statement belongs to the requester's connection.
   * Avatica's protocol has no cancel request, so the server offers one beside it (see
   * {@code AsklayerHandler}); a statement that runs nothing is left as it is.
   */
  void cancel(int statementId) throws SQLException {
    if (STATEMENT_FIELD == null) {
      throw new java.sql.SQLFeatureNotSupportedException("This server cannot reach Avatica's "
          + "statements to cancel them (its Avatica version changed); the model's statement "
          + "timeout still stops long statements.", "0A000");
    }
    java.sql.Statement engine = engineStatement(statementId);
    if (engine != null) {
      engine.cancel();
    }
  }

  /**
   * The engine's statement behind an Avatica statement id, or null when Avatica holds none (or,
   * should its field ever be gone, cannot be reached).
   */
  private java.sql.Statement engineStatement(int statementId) {
    org.apache.calcite.avatica.jdbc.StatementInfo info = getStatementCache()
        .getIfPresent(statementId);
    if (info == null || STATEMENT_FIELD == null) {
      return null;
    }
    try {
      return (java.sql.Statement) STATEMENT_FIELD.get(info);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("the field was made accessible", e);
    }
  }

  /**
   * Closes a connection and the statements it made: Avatica's {@code JdbcMeta} leaves those in
   * its statement cache until they expire, and the registry forgets them here, so no request can
   * reach them afterwards.
   */
  @Override public void closeConnection(ConnectionHandle ch) {
    try {
      for (int id : registry.release(ch.id)) {
        try {
          super.closeStatement(new StatementHandle(ch.id, id, null));
        } catch (RuntimeException e) {
          // The connection is closing anyway; its other statements still get closed.
        }
      }
    } finally {
      super.closeConnection(ch);
    }
  }
}
