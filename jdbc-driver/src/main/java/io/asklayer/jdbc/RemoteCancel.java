package io.asklayer.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.calcite.avatica.remote.JsonService;

/**
 * Cancels statements running on an Asklayer server. Avatica's protocol has no cancel request and
 * its driver's {@code cancel()} only raises a flag on the client, so the server takes {@code POST
 * /cancel} beside its Avatica requests, with the connection's credentials, and this sends it on a
 * connection of its own while the execute request waits: the server stops the statement's
 * planning and warehouse query, and the execution fails with 57014. A query timeout is this
 * cancel sent when the time has passed, as PostgreSQL's driver times statements out.
 */
final class RemoteCancel {
  /** Timers of query timeouts; daemon, so an application can exit with statements running. */
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
      r -> {
        Thread t = new Thread(r, "asklayer-query-timeout");
        t.setDaemon(true);
        return t;
      });

  private final URI cancelUri;
  private final String authorization;
  private final HttpClient.Builder builder;
  /** Built at the first cancel: an HTTP client holds a thread; most connections never cancel. */
  private HttpClient http;

  private RemoteCancel(URI cancelUri, String authorization, HttpClient.Builder builder) {
    this.cancelUri = cancelUri;
    this.authorization = authorization;
    this.builder = builder;
  }

  private synchronized HttpClient http() {
    if (http == null) {
      http = builder.build();
    }
    return http;
  }

  /**
   * The canceller of a server at {@code url}, logging in as the connection does; with a trust
   * store for a server whose certificate the JVM's default trust does not know.
   */
  static RemoteCancel of(String url, String user, String password, String truststore,
      String truststorePassword) throws SQLException {
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
    if (truststore != null) {
      b.sslContext(sslContext(Path.of(truststore), truststorePassword));
    }
    return new RemoteCancel(URI.create(url).resolve("/cancel"), "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)), b);
  }

  private static SSLContext sslContext(Path truststore, String password) throws SQLException {
    try (InputStream in = Files.newInputStream(truststore)) {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(in, password == null ? new char[0] : password.toCharArray());
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(
          TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      throw new java.sql.SQLNonTransientConnectionException("Cannot read the trust store "
          + truststore + ": " + e.getMessage() + ". Give truststore (a file the JVM's KeyStore "
          + "reads) and truststore_password.", "08001", e);
    }
  }

  /**
   * Asks the server to cancel what the statement runs; returns once the server has acted. A
   * failure says why (the server unreachable, or the statement not this connection's).
   */
  void cancel(String connectionId, int statementId) throws SQLException {
    String body;
    try {
      body = JsonService.MAPPER.writeValueAsString(java.util.Map.of("connectionId", connectionId,
          "statementId", statementId));
    } catch (IOException e) {
      throw new SQLException("cannot write a cancel request", "XX000", e);
    }
    HttpRequest request = HttpRequest.newBuilder(cancelUri).timeout(Duration.ofSeconds(30))
        .header("Authorization", authorization).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    HttpResponse<String> response;
    try {
      response = http().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.sql.SQLNonTransientConnectionException("Could not reach the Asklayer server "
          + "at " + cancelUri + " to cancel the statement (" + e.getMessage() + ").", "08006", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("Interrupted while cancelling the statement.", "57014", e);
    }
    if (response.statusCode() != 200) {
      throw new SQLException("The server did not cancel the statement: "
          + errorMessage(response.body()), "HY008");
    }
  }

  /** Cancels the statement once {@code seconds} have passed, unless the returned task is. */
  ScheduledFuture<?> after(int seconds, Runnable onTimeout) {
    return TIMER.schedule(onTimeout, seconds, TimeUnit.SECONDS);
  }

  /** The message of an Avatica error response, or the body as it came. */
  private static String errorMessage(String body) {
    try {
      com.fasterxml.jackson.databind.JsonNode n = JsonService.MAPPER.readTree(body);
      return n.path("errorMessage").asText(body);
    } catch (IOException | RuntimeException e) {
      return body;
    }
  }
}
