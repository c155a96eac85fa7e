package io.asklayer.engine.session;

import io.asklayer.engine.SqlSettings;
import io.asklayer.engine.error.AsklayerException;
import io.asklayer.engine.error.ErrorKind;
import io.asklayer.engine.guard.RefusalLog;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.ConnectStringParser;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Handler;
import org.apache.calcite.avatica.HandlerImpl;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteFactory;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.Driver;
import org.apache.calcite.schema.SchemaPlus;

/**
 * Calcite's JDBC driver, made Asklayer's: the {@code jdbc:asklayer:} prefix, Asklayer's connection
 * properties instead of Calcite's, a {@link Session} behind every connection, and
 * {@link AsklayerPrepare} as the statement pipeline. Metadata, result sets and prepared statements
 * are Calcite's and Avatica's. Not registered with {@link java.sql.DriverManager}: the driver module
 * registers the public driver, which delegates here.
 */
public class EmbeddedDriver extends Driver {
  public static final String PREFIX = "jdbc:asklayer:";
  public static final String PRODUCT_NAME = "Asklayer";

  private final Supplier<String> defaultWarehouse;
  private final Clock clock;

  /**
   * Creates the driver.
   *
   * @param defaultWarehouse the warehouse URL of connections that name none (the demo warehouse)
   * @param clock the clock whose date {@code today} defaults to
   */
  public EmbeddedDriver(Supplier<String> defaultWarehouse, Clock clock) {
    super(AsklayerPrepare::new);
    this.defaultWarehouse = defaultWarehouse;
    this.clock = clock;
  }

  @Override public CalcitePrepare createPrepare() {
    return new AsklayerPrepare();
  }

  @Override protected String getConnectStringPrefix() {
    return PREFIX;
  }

  @Override protected DriverVersion createDriverVersion() {
    String version = version();
    String[] parts = version.split("[.-]");
    int major = parts.length > 0 ? parseOr(parts[0]) : 0;
    int minor = parts.length > 1 ? parseOr(parts[1]) : 0;
    return new DriverVersion("Asklayer JDBC Driver", version, PRODUCT_NAME, version, false, major,
        minor, major, minor);
  }

  /** Asklayer's version, from the build. */
  public static String version() {
    try (InputStream in = EmbeddedDriver.class.getResourceAsStream("/io/asklayer/engine/asklayer.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "0.0.0");
    } catch (IOException e) {
      return "0.0.0";
    }
  }

  private static int parseOr(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  @Override protected Handler createHandler() {
    Handler calcite = super.createHandler();
    return new HandlerImpl() {
      @Override public void onConnectionInit(AvaticaConnection connection) throws SQLException {
        calcite.onConnectionInit(connection);
      }

      @Override public void onConnectionClose(AvaticaConnection connection) {
        calcite.onConnectionClose(connection);
        Session session = sessionOf(connection);
        if (session != null) {
          session.close();
        }
      }
    };
  }

  /** The session behind an Asklayer connection, or null. */
  public static Session sessionOf(Connection connection) {
    try {
      SchemaPlus root = connection.unwrap(CalciteConnection.class).getRootSchema();
      return Session.of(root.unwrap(org.apache.calcite.jdbc.CalciteSchema.class));
    } catch (SQLException | RuntimeException e) {
      return null;
    }
  }

  @Override public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    Properties all = ConnectStringParser.parse(url.substring(PREFIX.length()), info);
    Session session;
    try {
      SessionConfig config = SessionConfig.parse(all, LocalDate.now(clock));
      String warehouse = config.warehouse() != null ? config.warehouse()
          : defaultWarehouse.get();
      session = Session.open(config, warehouse);
    } catch (AsklayerException e) {
      if (e.kind() != ErrorKind.INTERNAL) {
        RefusalLog.record(String.valueOf(all.getProperty(SessionConfig.USER)), "(connect)",
            e.getMessage());
      }
      throw e;
    }
    try {
      Properties calcite = SqlSettings.calciteProperties();
      calcite.setProperty("user", session.principal());
      AvaticaConnection connection = ((CalciteFactory) factory).newConnection(this, factory, url,
          calcite, session.rootSchema(), null);
      handler.onConnectionInit(connection);
      connection.setSchema(session.defaultSchema());
      if (!session.config().warmup().isZero()) {
        // The warm-up's own connection asks for a warm-up too, which has started by then.
        Warmup.startOnce(() -> {
          try {
            return connect(url, info);
          } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
          }
        }, session.config().warmup());
      }
      return connection;
    } catch (SQLException | RuntimeException e) {
      session.close();
      throw e;
    }
  }
}
