package io.asklayer.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.remote.Service;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asklayer over the network: Avatica's HTTP protocol (JSON or protobuf) served by Jetty, in front
 * of the embedded engine. Each client connection is an engine session whose principal is the user
 * the request authenticated as ({@link UserStore}); {@link AsklayerMeta} and
 * {@link GuardedService} make sure a client can neither claim another principal nor use another
 * client's connection. Idle connections are closed; stopping lets running requests finish, then
 * closes every session and with them the warehouse connections.
 */
public final class AsklayerServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AsklayerServer.class);

  private final ServerOptions options;
  private final Server jetty;
  private final ServerConnector connector;
  private final AsklayerMeta meta;
  private final ConnectionRegistry registry;
  private final ServerMetrics metrics;
  private final ScheduledExecutorService sweeper;

  private AsklayerServer(ServerOptions options, Authenticator users, Clock clock)
      throws Exception {
    this.options = options;
    this.registry = new ConnectionRegistry(options.maxConnectionsPerUser(),
        options.idleTimeout(), clock);
    this.metrics = new ServerMetrics(registry::size);
    this.meta = new AsklayerMeta(options, registry);
    Service service = GuardedService.wrap(new LocalService(meta), registry, metrics);
    AsklayerHandler handler = new AsklayerHandler(options, users, service, metrics,
        this::cancel);

    QueuedThreadPool threads = new QueuedThreadPool(200, 8);
    threads.setName("asklayer-server");
    this.jetty = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setRequestHeaderSize(64 * 1024);
    if (options.keystore() != null) {
      SslContextFactory.Server tls = new SslContextFactory.Server();
      tls.setKeyStorePath(options.keystore().toAbsolutePath().toString());
      tls.setKeyStorePassword(options.keystorePassword());
      http.addCustomizer(new SecureRequestCustomizer());
      this.connector = new ServerConnector(jetty, new SslConnectionFactory(tls, "http/1.1"),
          new HttpConnectionFactory(http));
    } else {
      this.connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
    }
    connector.setHost(options.host());
    connector.setPort(options.port());
    connector.setIdleTimeout(60_000);
    jetty.addConnector(connector);
    StatisticsHandler stats = new StatisticsHandler();
    stats.setHandler(handler);
    jetty.setHandler(stats);
    jetty.setStopTimeout(options.stopTimeout().toMillis());
    jetty.setStopAtShutdown(false);
    jetty.start();
    handler.setServerRpcMetadata(new Service.RpcMetadataResponse(
        options.host() + ":" + connector.getLocalPort()));

    this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "asklayer-idle-sweeper");
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(1, options.idleTimeout().toMillis() / 4);
    sweeper.scheduleWithFixedDelay(this::closeIdleConnections, every, every,
        TimeUnit.MILLISECONDS);
    try {
      meta.warmUp();
    } catch (java.sql.SQLException | RuntimeException e) {
      LOG.warn("No warm-up: {}", e.getMessage());
    }
  }

  /**
   * Starts a server. Refuses to listen beyond the loopback interface while a user still has the
   * demo password.
   */
  public static AsklayerServer start(ServerOptions options, Authenticator users) throws Exception {
    return start(options, users, Clock.systemUTC());
  }

  /**
   * Starts a server whose idle limit is measured on the given clock, so a test can move time on
   * and {@link #closeIdleConnections sweep} instead of waiting.
   */
  static AsklayerServer start(ServerOptions options, Authenticator users, Clock clock)
      throws Exception {
    if (!isLoopback(options.host())) {
      List<String> demo = users.withDemoPassword();
      if (!demo.isEmpty()) {
        throw new IllegalArgumentException("Refusing to listen on " + options.host() + ": "
            + String.join(", ", demo) + (demo.size() == 1 ? " has" : " have") + " the demo "
            + "password. Give every user a password of their own (bin/asklayer hash-password "
            + "NAME, then --users FILE), or listen on 127.0.0.1.");
      }
    }
    return new AsklayerServer(options, users, clock);
  }

  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Closes the connections idle longer than the limit now; the sweeper calls it regularly. */
  void closeIdleConnections() {
    for (String id : registry.idle()) {
      try {
        meta.closeConnection(new Meta.ConnectionHandle(id));
        LOG.info("closed idle connection {}", id);
      } catch (RuntimeException e) {
        registry.release(id);
      }
    }
  }

  /**
   * Cancels a statement's execution for the user who owns its connection. Another user's
   * statement, or one that is closed, is refused exactly as a statement that never existed.
   */
  private void cancel(String principal, String connectionId, int statementId)
      throws java.sql.SQLException {
    if (!principal.equals(registry.owner(connectionId))
        || !registry.holds(connectionId, statementId)) {
      throw Errors.noSuchStatement(connectionId, statementId);
    }
    metrics.cancels.incrementAndGet();
    meta.cancel(statementId);
  }

  public int port() {
    return connector.getLocalPort();
  }

  /** The URL clients connect to: {@code jdbc:asklayer:remote:url=http://host:port}. */
  public String jdbcUrl() {
    return "jdbc:asklayer:remote:url=" + (options.keystore() != null ? "https" : "http") + "://"
        + options.host() + ":" + port() + (options.serialization()
        == ServerOptions.Serialization.PROTOBUF ? ";serialization=protobuf" : "");
  }

  public ServerOptions options() {
    return options;
  }

  /** Open client connections. */
  public int connections() {
    return registry.size();
  }

  /** Waits for running requests (up to the stop timeout), then closes every session. */
  @Override public void close() throws Exception {
    sweeper.shutdownNow();
    try {
      jetty.stop();
    } finally {
      for (String id : registry.all()) {
        try {
          meta.closeConnection(new Meta.ConnectionHandle(id));
        } catch (RuntimeException e) {
          registry.release(id);
        }
      }
    }
  }

  /** A one-line description for the log and the command line. */
  public String describe(Authenticator users) {
    return String.format(Locale.ROOT, "Asklayer listening on %s (%s, %s); users from %s",
        jdbcUrl(), options.serialization().name().toLowerCase(Locale.ROOT),
        options.keystore() != null ? "TLS" : "plain HTTP", users.source());
  }
}
