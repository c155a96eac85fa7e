package io.asklayer.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How a server runs.
 *
 * @param host the address to listen on; loopback unless said otherwise
 * @param port the port, or 0 for any free one
 * @param warehouse the warehouse JDBC URL, or null for the demo warehouse
 * @param model the semantic model file, or null for the bundled one
 * @param today the reference date sessions use unless a client sets one, or null for the date
 * @param sessionProperties connection properties every session gets: the language model
 *     ({@code llm}, ...) and the shared semantic cache ({@code cache}); may be empty
 * @param keystore a keystore for TLS, or null for plain HTTP
 * @param maxConnectionsPerUser how many connections one principal may have open
 * @param idleTimeout a connection unused this long is closed
 * @param maxRequestBytes the largest request body accepted
 * @param stopTimeout how long stopping waits for running requests
 */
public record ServerOptions(String host, int port, String warehouse, Path model, String today,
    Map<String, String> sessionProperties, Serialization serialization, Path keystore,
    String keystorePassword, int maxConnectionsPerUser, Duration idleTimeout,
    long maxRequestBytes, Duration stopTimeout) {
  /** Avatica's two wire formats. */
  public enum Serialization {
    JSON, PROTOBUF
  }

  public ServerOptions {
    sessionProperties = Map.copyOf(sessionProperties);
  }

  /** The defaults: the demo on 127.0.0.1:8765, JSON, 16 connections per user. */
  public static ServerOptions defaults() {
    return new ServerOptions("127.0.0.1", 8765, null, null, null, Map.of(), Serialization.JSON,
        null, null, 16, Duration.ofMinutes(10), 1_048_576, Duration.ofSeconds(30));
  }

  public ServerOptions withPort(int p) {
    return new ServerOptions(host, p, warehouse, model, today, sessionProperties,
        serialization, keystore,
        keystorePassword, maxConnectionsPerUser, idleTimeout, maxRequestBytes, stopTimeout);
  }

  public ServerOptions withHost(String h) {
    return new ServerOptions(h, port, warehouse, model, today, sessionProperties,
        serialization, keystore,
        keystorePassword, maxConnectionsPerUser, idleTimeout, maxRequestBytes, stopTimeout);
  }

  public ServerOptions withWarehouse(String w, Path m, String t) {
    return new ServerOptions(host, port, w, m, t, sessionProperties, serialization, keystore,
        keystorePassword, maxConnectionsPerUser, idleTimeout, maxRequestBytes, stopTimeout);
  }

  public ServerOptions withSerialization(Serialization s) {
    return new ServerOptions(host, port, warehouse, model, today, sessionProperties, s, keystore,
        keystorePassword, maxConnectionsPerUser, idleTimeout, maxRequestBytes, stopTimeout);
  }

  public ServerOptions withTls(Path k, String password) {
    return new ServerOptions(host, port, warehouse, model, today, sessionProperties,
        serialization, k,
        password, maxConnectionsPerUser, idleTimeout, maxRequestBytes, stopTimeout);
  }

  public ServerOptions withLimits(int connections, Duration idle, long requestBytes) {
    return new ServerOptions(host, port, warehouse, model, today, sessionProperties,
        serialization, keystore,
        keystorePassword, connections, idle, requestBytes, stopTimeout);
  }

  public ServerOptions withSessionProperties(Map<String, String> properties) {
    return new ServerOptions(host, port, warehouse, model, today, properties, serialization,
        keystore, keystorePassword, maxConnectionsPerUser, idleTimeout, maxRequestBytes,
        stopTimeout);
  }
}
