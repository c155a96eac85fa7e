package io.asklayer.cli;

import io.asklayer.demo.DemoWarehouse;
import io.asklayer.server.AsklayerServer;
import io.asklayer.server.Authenticator;
import io.asklayer.server.ServerOptions;
import io.asklayer.server.UserStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Serves Asklayer to JDBC clients over the network until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    versionProvider = AsklayerCli.Version.class,
    description = "Serve Asklayer over the network (Avatica HTTP) to BI "
    + "tools and JDBC clients, each user logged in as its own principal.")
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "8765",
      description = "Port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = {"-w", "--warehouse"}, paramLabel = "FILE|URL",
      description = "DuckDB file or warehouse JDBC URL (default: the demo warehouse).")
  String warehouse;

  @Option(names = {"-m", "--model"}, paramLabel = "FILE",
      description = "Semantic model YAML (default: the bundled retail demo model).")
  Path model;

  @Option(names = "--users", paramLabel = "FILE",
      description = "Users and password hashes, 'name = hash' lines written by hash-password "
          + "(default: the demo users, password 'demo', loopback only).")
  Path users;

  @Option(names = "--authenticator", paramLabel = "CLASS",
      description = "Check logins with this io.asklayer.server.Authenticator (a class with a "
          + "public no-argument constructor on the class path) instead of a users file.")
  String authenticator;

  @Option(names = "--today", paramLabel = "DATE",
      description = "Reference date for relative time words, unless a client sets one.")
  String today;

  @Option(names = "--serialization", defaultValue = "json",
      description = "Avatica wire format: json or protobuf (default: ${DEFAULT-VALUE}).")
  String serialization;

  @Option(names = "--tls-keystore", paramLabel = "FILE", description = "Serve HTTPS with the key "
      + "in this keystore (PKCS12 or JKS).")
  Path keystore;

  @Option(names = "--tls-password", paramLabel = "PASSWORD",
      defaultValue = "${env:ASKLAYER_TLS_PASSWORD}",
      description = "The keystore's password (default: $ASKLAYER_TLS_PASSWORD).")
  String keystorePassword;

  @Option(names = "--max-connections-per-user", defaultValue = "16",
      description = "Connections one user may have open (default: ${DEFAULT-VALUE}).")
  int maxConnections;

  @Option(names = "--idle-timeout-minutes", defaultValue = "10",
      description = "Close connections unused this long (default: ${DEFAULT-VALUE}).")
  int idleMinutes;

  @Option(names = "--max-request-bytes", defaultValue = "1048576",
      description = "Largest request accepted (default: ${DEFAULT-VALUE}).")
  long maxRequestBytes;

  @Option(names = "--warmup-seconds", defaultValue = "20",
      description = "At start, plan the model's statements in the "
          + "background for this long, so later new statements are planned by compiled code "
          + "(0: no warm-up; default: ${DEFAULT-VALUE}).")
  int warmupSeconds;

  @Mixin SessionOptions session = new SessionOptions();

  private static Authenticator plugIn(String className) {
    try {
      Object a = Class.forName(className).getConstructor().newInstance();
      if (!(a instanceof Authenticator auth)) {
        throw new IllegalArgumentException(className + " is not an "
            + Authenticator.class.getName());
      }
      return auth;
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("Cannot make the authenticator " + className + ": "
          + e + ". It needs a public no-argument constructor and to be on the class path.");
    }
  }

  private java.util.Map<String, String> sessionProperties() {
    java.util.Map<String, String> p = new java.util.LinkedHashMap<>(session.properties());
    if (warmupSeconds > 0) {
      p.put(io.asklayer.engine.session.SessionConfig.WARMUP, String.valueOf(warmupSeconds));
    }
    return p;
  }

  @Override public Integer call() throws Exception {
    ServerOptions.Serialization wire;
    try {
      wire = ServerOptions.Serialization.valueOf(serialization.toUpperCase(
          java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      System.err.println("Unknown serialization '" + serialization + "': use json or protobuf.");
      return 2;
    }
    if (keystore != null && (keystorePassword == null || keystorePassword.isEmpty())) {
      System.err.println("--tls-keystore needs --tls-password (or ASKLAYER_TLS_PASSWORD).");
      return 2;
    }
    String url = warehouse == null ? null : warehouse.startsWith("jdbc:") ? warehouse
        : "jdbc:duckdb:" + Path.of(warehouse).toAbsolutePath();
    if (url == null) {
      url = "jdbc:duckdb:" + DemoWarehouse.ensureDefault(Progress.toStderr());
    }
    if (warmupSeconds < 0 || warmupSeconds > 600) {
      System.err.println("--warmup-seconds " + warmupSeconds + ": expected 0 to 600.");
      return 2;
    }
    if (session.problem() != null) {
      System.err.println(session.problem());
      return 2;
    }
    Authenticator store;
    try {
      if (authenticator != null && users != null) {
        throw new IllegalArgumentException("Give --users or --authenticator, not both.");
      }
      store = authenticator != null ? plugIn(authenticator) : users == null
          ? UserStore.demo(Clock.systemUTC()) : UserStore.load(users, Clock.systemUTC());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    ServerOptions options = ServerOptions.defaults().withHost(host).withPort(port)
        .withWarehouse(url, model == null ? null : model.toAbsolutePath(), today)
        .withSerialization(wire).withLimits(maxConnections, Duration.ofMinutes(idleMinutes),
            maxRequestBytes).withSessionProperties(sessionProperties());
    if (keystore != null) {
      options = options.withTls(keystore, keystorePassword);
    }
    AsklayerServer server;
    try {
      server = AsklayerServer.start(options, store);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.err.println("Stopping: letting running statements finish, then closing.");
      try {
        server.close();
      } catch (Exception e) {
        System.err.println("Stopping failed: " + e.getMessage());
      }
      stopped.countDown();
    }, "asklayer-stop"));
    System.err.println(server.describe(store));
    System.err.println("Connect with: bin/asklayer shell --server " + (server.options().keystore()
        != null ? "https" : "http") + "://" + server.options().host() + ":" + server.port()
        + (server.options().serialization() == ServerOptions.Serialization.PROTOBUF
            ? " --serialization protobuf" : "") + " -u analyst   (Ctrl-C stops)");
    stopped.await();
    return 0;
  }
}
