package io.asklayer.jdbc;

import io.asklayer.demo.DemoWarehouse;
import io.asklayer.demo.GenerationProgress;
import io.asklayer.engine.error.AsklayerException;
import io.asklayer.engine.error.ErrorKind;
import io.asklayer.engine.model.Guardrails;
import io.asklayer.engine.session.EmbeddedDriver;
import io.asklayer.engine.session.Session;
import io.asklayer.engine.session.SessionConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The {@code jdbc:asklayer:} JDBC driver. Connections are embedded: the engine runs in this JVM over
 * the warehouse named by the {@code warehouse} property, or over the demo warehouse under
 * {@code ~/.asklayer/demo/}, generated on first use. Properties (DESIGN section 3) come after the
 * prefix as {@code key=value} pairs separated by {@code ;}, or in {@link Properties}.
 */
public final class Driver implements java.sql.Driver {
  /** URLs this driver accepts start with this. */
  public static final String PREFIX = EmbeddedDriver.PREFIX;
  /** The prefix of connections to a proxy server, which come with the server. */
  public static final String REMOTE_PREFIX = PREFIX + "remote:";

  private static final Driver INSTANCE = new Driver();

  static {
    try {
      DriverManager.registerDriver(INSTANCE);
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final EmbeddedDriver embedded = new EmbeddedDriver(Driver::demoWarehouseUrl,
      Clock.systemDefaultZone());

  /** The JDBC URL of the demo warehouse, generating it first if needed. */
  private static String demoWarehouseUrl() {
    return "jdbc:duckdb:" + DemoWarehouse.ensureDefault(GenerationProgress.NONE);
  }

  @Override public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    try {
      if (url.startsWith(REMOTE_PREFIX)) {
        throw new AsklayerException(ErrorKind.UNSUPPORTED, "Connecting to an Asklayer server "
            + "(" + REMOTE_PREFIX + ") is not available in this version; connect embedded with "
            + PREFIX + "user=...");
      }
      Connection c = embedded.connect(url, info == null ? new Properties() : info);
      Session session = EmbeddedDriver.sessionOf(c);
      Guardrails g = session.model().guardrails();
      return JdbcBoundary.wrap(c, new JdbcBoundary.Limits(session.principal(), g.maxRows(),
          g.statementTimeoutSeconds(), session::drainWarnings));
    } catch (SQLException | RuntimeException e) {
      throw JdbcBoundary.toSqlException(e);
    }
  }

  @Override public boolean acceptsURL(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  @Override public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    Properties p = info == null ? new Properties() : info;
    DriverPropertyInfo user = property(p, SessionConfig.USER,
        "The principal to act as, for example analyst.");
    user.required = true;
    return new DriverPropertyInfo[] {
        user,
        property(p, SessionConfig.WAREHOUSE, "JDBC URL of the warehouse (jdbc:duckdb:FILE or "
            + "jdbc:postgresql:...); empty for the demo warehouse."),
        property(p, SessionConfig.MODEL, "Path of the semantic model YAML; empty for the bundled "
            + "retail demo model."),
        property(p, SessionConfig.TODAY, "Reference date for relative time words, ISO "
            + "(2025-12-31); empty for today."),
        property(p, SessionConfig.PASSWORD, "Ignored by embedded connections."),
        property(p, SessionConfig.LLM, "Optional language model for questions ASK cannot read "
            + "itself: openai, ollama or anthropic; empty for none"),
        property(p, SessionConfig.LLM_URL, "The language model endpoint's base URL"),
        property(p, SessionConfig.LLM_MODEL, "The model name the endpoint serves"),
        property(p, SessionConfig.LLM_KEY, "The endpoint's API key, if it needs one"),
        property(p, SessionConfig.LLM_TIMEOUT, "Seconds one answer may take (default 30)")};
  }

  private static DriverPropertyInfo property(Properties p, String name, String description) {
    DriverPropertyInfo i = new DriverPropertyInfo(name, p.getProperty(name));
    i.description = description;
    return i;
  }

  @Override public int getMajorVersion() {
    return versionPart(0);
  }

  @Override public int getMinorVersion() {
    return versionPart(1);
  }

  private static int versionPart(int i) {
    String[] parts = EmbeddedDriver.version().split("[.-]");
    try {
      return i < parts.length ? Integer.parseInt(parts[i]) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  @Override public boolean jdbcCompliant() {
    return false;
  }

  @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("Asklayer logs through SLF4J, not java.util.logging");
  }
}
