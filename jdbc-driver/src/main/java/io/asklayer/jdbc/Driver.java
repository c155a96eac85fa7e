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
 * {@code ~/.asklayer/demo/}, generated on first use. {@code jdbc:asklayer:remote:url=http://...}
 * connects to an Asklayer server instead (Avatica's remote protocol, with user and password). Properties (DESIGN section 3) come after the
 * prefix as {@code key=value} pairs separated by {@code ;}, or in {@link Properties}.
 */
public final class Driver implements java.sql.Driver {
  /** URLs this driver accepts start with this. */
  public static final String PREFIX = EmbeddedDriver.PREFIX;
  /** The prefix of connections to an Asklayer server. */
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
    return connect(url, info, false);
  }

  /**
   * An embedded connection ({@code jdbc:asklayer:...}) for an Avatica server to serve its clients
   * from: as {@link #connect}, except that its result metadata gives a time column's precision as
   * Avatica's protocol carries it, its fractional digits, with which Avatica's client formats the
   * values; the client's driver answers JDBC's precision from it.
   */
  public static Connection connectServed(String url, Properties info) throws SQLException {
    if (url == null || url.startsWith(REMOTE_PREFIX) || !INSTANCE.acceptsURL(url)) {
      throw new SQLException("A served connection is an embedded one (" + PREFIX + "...), not "
          + url, "08001");
    }
    return INSTANCE.connect(url, info, true);
  }

  private Connection connect(String url, Properties info, boolean served) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    try {
      if (url.startsWith(REMOTE_PREFIX)) {
        return remote(url, info == null ? new Properties() : info);
      }
      Connection c = embedded.connect(url, info == null ? new Properties() : info);
      Session session = EmbeddedDriver.sessionOf(c);
      Guardrails g = session.model().guardrails();
      return JdbcBoundary.wrap(c, new JdbcBoundary.Limits(session.principal(), g.maxRows(),
          g.statementTimeoutSeconds(), session::drainWarnings, null, served, null));
    } catch (java.sql.SQLNonTransientConnectionException e) {
      throw e;
    } catch (SQLException | RuntimeException e) {
      throw JdbcBoundary.toSqlException(e);
    }
  }

  /** Keys a {@code jdbc:asklayer:remote:} URL accepts. */
  static final java.util.List<String> REMOTE_KEYS = java.util.List.of("url", "serialization",
      "user", "password", "today", "truststore", "truststore_password");

  /**
   * A connection to an Asklayer server, through Avatica's remote driver with HTTP Basic
   * authentication: the server makes the logged-in user the session's principal.
   */
  private static Connection remote(String url, Properties info) throws SQLException {
    Properties given = org.apache.calcite.avatica.ConnectStringParser.parse(
        url.substring(REMOTE_PREFIX.length()), info);
    for (String key : given.stringPropertyNames()) {
      if (!REMOTE_KEYS.contains(key)) {
        throw io.asklayer.engine.error.Messages.unknownProperty(key, REMOTE_KEYS);
      }
    }
    String server = given.getProperty("url");
    if (server == null || !(server.startsWith("http://") || server.startsWith("https://"))) {
      throw io.asklayer.engine.error.Messages.badProperty("url", server == null ? "" : server,
          "the server's address, for example " + REMOTE_PREFIX + "url=http://127.0.0.1:8765");
    }
    String user = given.getProperty("user");
    if (user == null || user.isBlank() || given.getProperty("password") == null) {
      throw new AsklayerException(ErrorKind.IDENTITY, "Connecting to an Asklayer server needs "
          + "a user and a password (properties user and password).");
    }
    String serialization = given.getProperty("serialization", "json");
    if (!serialization.equalsIgnoreCase("json") && !serialization.equalsIgnoreCase("protobuf")) {
      throw io.asklayer.engine.error.Messages.badProperty("serialization", serialization,
          "json or protobuf, as the server serves");
    }
    Properties p = new Properties();
    p.setProperty("url", server);
    p.setProperty("serialization", serialization.toUpperCase(java.util.Locale.ROOT));
    p.setProperty("authentication", "BASIC");
    p.setProperty("avatica_user", user);
    p.setProperty("avatica_password", given.getProperty("password"));
    p.setProperty("user", user);
    if (given.getProperty("today") != null) {
      p.setProperty("today", given.getProperty("today"));
    }
    if (given.getProperty("truststore") != null) {
      p.setProperty("truststore", given.getProperty("truststore"));
      p.setProperty("truststore_password", given.getProperty("truststore_password", ""));
    }
    try {
      return JdbcBoundary.wrap(new org.apache.calcite.avatica.remote.Driver().connect(
          "jdbc:avatica:remote:", p), JdbcBoundary.remote(user, shownUrl(given),
          RemoteCancel.of(server, user, given.getProperty("password"),
              given.getProperty("truststore"), given.getProperty("truststore_password"))));
    } catch (RuntimeException e) {
      SQLException unreachable = unreachable(server, e);
      throw unreachable != null ? unreachable : JdbcBoundary.toSqlException(e);
    }
  }

  /**
   * The URL a remote connection reports as its own: the keys it was opened with, in the order of
   * {@link #REMOTE_KEYS}, passwords left out, so a tool that reconnects from it finds this driver.
   */
  private static String shownUrl(Properties given) {
    java.util.StringJoiner url = new java.util.StringJoiner(";", REMOTE_PREFIX, "");
    for (String key : REMOTE_KEYS) {
      if (!key.endsWith("password") && given.getProperty(key) != null) {
        url.add(key + "=" + given.getProperty(key));
      }
    }
    return url.toString();
  }

  /**
   * The failure of a connection to a server that could not be reached, in words that say so
   * (Avatica says "Internal error: Connect to ... failed"); null for any other failure.
   */
  static SQLException unreachable(String server, Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof java.net.ConnectException || c instanceof java.net.UnknownHostException
          || c instanceof java.net.NoRouteToHostException
          || c instanceof java.net.SocketTimeoutException) {
        String why = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
        return new java.sql.SQLNonTransientConnectionException("The Asklayer server at " + server
            + " is not reachable (" + why.strip() + "). Check that it is running (bin/asklayer "
            + "serve) and that the address and port are right.", "08001", c);
      }
    }
    return null;
  }

  @Override public boolean acceptsURL(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  @Override public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    Properties p = info == null ? new Properties() : info;
    if (url != null && url.startsWith(REMOTE_PREFIX)) {
      return remoteProperties(p);
    }
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
            + "(2025-12-31); empty for the model's reference_date, else the system date."),
        property(p, SessionConfig.PASSWORD, "Ignored by embedded connections."),
        property(p, SessionConfig.LLM, "Optional language model for questions ASK cannot read "
            + "itself: openai, ollama or anthropic; empty for none"),
        property(p, SessionConfig.LLM_URL, "The language model endpoint's base URL"),
        property(p, SessionConfig.LLM_MODEL, "The model name the endpoint serves"),
        property(p, SessionConfig.LLM_KEY, "The endpoint's API key, if it needs one"),
        property(p, SessionConfig.LLM_TIMEOUT, "Seconds one answer may take (default 30)")};
  }

  /** The properties of a {@code jdbc:asklayer:remote:} URL ({@link #REMOTE_KEYS}). */
  private static DriverPropertyInfo[] remoteProperties(Properties p) {
    DriverPropertyInfo[] all = {
        property(p, "url", "The server's address, http://host:port or https://host:port."),
        property(p, "serialization", "json (the default) or protobuf, as the server serves."),
        property(p, "user", "The user to log in as; the server makes it the principal."),
        property(p, "password", "The user's password."),
        property(p, "today", "Reference date for relative time words in questions, ISO "
            + "(2025-12-31)."),
        property(p, "truststore", "A keystore holding the server's certificate, for HTTPS with a "
            + "certificate the JVM does not already trust."),
        property(p, "truststore_password", "The trust store's password.")};
    for (DriverPropertyInfo i : all) {
      i.required = i.name.equals("url") || i.name.equals("user") || i.name.equals("password");
    }
    return all;
  }

  private static DriverPropertyInfo property(Properties p, String name, String description) {
    DriverPropertyInfo i = new DriverPropertyInfo(name, p.getProperty(name));
    i.description = description;
    return i;
  }

  @Override public int getMajorVersion() {
    return ProductFacts.versionPart(0);
  }

  @Override public int getMinorVersion() {
    return ProductFacts.versionPart(1);
  }

  @Override public boolean jdbcCompliant() {
    return false;
  }

  @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("Asklayer logs through SLF4J, not java.util.logging");
  }
}
