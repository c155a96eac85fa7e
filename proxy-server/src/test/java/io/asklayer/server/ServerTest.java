package io.asklayer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.asklayer.demo.TestWarehouse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server as clients meet it, over HTTP on 127.0.0.1: each user sees what its principal may
 * see; a client can claim neither another principal nor another client's connection; wrong
 * passwords, locked names, missing credentials, malformed and oversized requests and warehouse
 * failures get clear errors while other clients carry on; limits on connections per user and idle
 * connections hold; health and metrics answer.
 */
class ServerTest {
  private static AsklayerServer server;
  /** The registry's clock: the idle test moves it on instead of waiting. */
  private static final MutableClock CLOCK = new MutableClock();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    // The demo users, and one more whose name the lockout test may lock.
    java.nio.file.Path users = dir.resolve("users.properties");
    try (java.io.InputStream demo = UserStore.class.getResourceAsStream(
        "/io/asklayer/server/demo-users.properties")) {
      java.nio.file.Files.write(users, demo.readAllBytes());
    }
    java.nio.file.Files.writeString(users, "guesser = " + PasswordHash.hash(
        "right-password".toCharArray()) + "\n", java.nio.file.StandardOpenOption.APPEND);
    server = AsklayerServer.start(ServerOptions.defaults().withPort(0)
        .withWarehouse(TestWarehouse.url(), null, "2025-12-31")
        .withLimits(3, Duration.ofMinutes(10), 64 * 1024),
        UserStore.load(users, Clock.systemUTC()), CLOCK);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static Connection connect(String user, String password) throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl() + ";user=" + user + ";password="
        + password);
  }

  static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static long direct(String sql) throws SQLException {
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    try (Connection c = DriverManager.getConnection(TestWarehouse.url(), p)) {
      return count(c, sql);
    }
  }

  private static HttpResponse<String> post(String user, String password, String body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
        + "/")).POST(HttpRequest.BodyPublishers.ofString(body));
    if (user != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":"
          + password).getBytes(StandardCharsets.UTF_8)));
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void eachUserSeesWhatItsPrincipalMay() throws SQLException {
    try (Connection north = connect("north_manager", "demo");
        Connection analyst = connect("analyst", "demo")) {
      assertThat(count(north, "SELECT COUNT(*) FROM sales_transactions"))
          .isEqualTo(direct("SELECT COUNT(*) FROM sales_transactions WHERE region_id = 1"));
      assertThat(count(analyst, "SELECT COUNT(*) FROM sales_transactions"))
          .isEqualTo(direct("SELECT COUNT(*) FROM sales_transactions"));
      try (Statement s = north.createStatement();
          ResultSet rs = s.executeQuery("ASK 'revenue by region in 2025'")) {
        List<String> regions = new ArrayList<>();
        while (rs.next()) {
          regions.add(rs.getString(1));
        }
        assertThat(regions).containsExactly("North");
      }
      SQLException e = catchThrowableOfType(SQLException.class,
          () -> count(north, "SELECT COUNT(*) FROM employees"));
      assertThat(e.getMessage()).contains("Object 'employees' not found");
      assertThat(e.getSQLState()).isEqualTo("42000");
    }
  }

  @Test
  void aClientCannotClaimAnotherPrincipal() {
    Properties p = new Properties();
    p.setProperty("url", "http://127.0.0.1:" + server.port());
    p.setProperty("authentication", "BASIC");
    p.setProperty("avatica_user", "north_manager");
    p.setProperty("avatica_password", "demo");
    p.setProperty("user", "admin");
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> {
      try (Connection c = new org.apache.calcite.avatica.remote.Driver().connect(
          "jdbc:avatica:remote:", p)) {
        count(c, "SELECT COUNT(*) FROM sales_transactions");
      }
    });
    assertThat(t).as("a connection claiming admin").isNotNull();
    assertThat(t.getMessage()).contains("logged in as 'north_manager'")
        .contains("cannot open a connection as 'admin'");
  }

  /** A plain Avatica client, whose connection id a test can read. */
  private static Connection avatica(String user, String password) throws SQLException {
    Properties p = new Properties();
    p.setProperty("url", "http://127.0.0.1:" + server.port());
    p.setProperty("authentication", "BASIC");
    p.setProperty("avatica_user", user);
    p.setProperty("avatica_password", password);
    return new org.apache.calcite.avatica.remote.Driver().connect("jdbc:avatica:remote:", p);
  }

  @Test
  void aClientCannotUseAnotherClientsConnection() throws Exception {
    try (Connection north = avatica("north_manager", "demo")) {
      String id = ((AvaticaConnection) north).id;
      // The analyst, logged in as itself, names the North manager's connection.
      HttpResponse<String> r = post("analyst", "demo", "{\"request\":\"createStatement\","
          + "\"connectionId\":\"" + id + "\"}");
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.body()).contains("was opened by another user").contains("28000");
      r = post("analyst", "demo", "{\"request\":\"prepareAndExecute\",\"connectionId\":\"" + id
          + "\",\"statementId\":1,\"sql\":\"SELECT COUNT(*) FROM sales_transactions\","
          + "\"maxRowsTotal\":-1,\"maxRowsInFirstFrame\":-1}");
      assertThat(r.body()).contains("was opened by another user").doesNotContain("rows");
      // Its owner goes on using it.
      assertThat(count(north, "SELECT COUNT(*) FROM regions")).isEqualTo(5);
    }
  }

  @Test
  void wrongPasswordsAreRefusedThenTheNameIsLocked() throws Exception {
    for (int i = 1; i < UserStore.MAX_FAILURES; i++) {
      SQLException e = catchThrowableOfType(SQLException.class,
          () -> connect("guesser", "guess"));
      assertThat(e.getMessage()).isEqualTo("Wrong user name or password for 'guesser'.");
      assertThat(e.getSQLState()).isEqualTo("28000");
    }
    SQLException locked = catchThrowableOfType(SQLException.class,
        () -> connect("guesser", "guess"));
    assertThat(locked.getMessage()).contains("Too many failed logins for 'guesser'");
    SQLException evenRight = catchThrowableOfType(SQLException.class,
        () -> connect("guesser", "right-password"));
    assertThat(evenRight.getMessage()).contains("Too many failed logins for 'guesser'");
    try (Connection other = connect("admin", "demo")) {
      assertThat(count(other, "SELECT COUNT(*) FROM employees")).isPositive();
    }
    SQLException unknown = catchThrowableOfType(SQLException.class,
        () -> connect("mallory", "demo"));
    assertThat(unknown.getMessage()).isEqualTo("Wrong user name or password for 'mallory'.");
  }

  @Test
  void requestsWithoutCredentialsAreChallenged() throws Exception {
    HttpResponse<String> r = post(null, null, "{\"request\":\"openConnection\","
        + "\"connectionId\":\"x\"}");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
        assertThat(v).startsWith("Basic"));
  }

  @Test
  void malformedAndOversizedRequestsAreRefusedAndOthersCarryOn() throws Exception {
    HttpResponse<String> garbage = post("analyst", "demo", "{this is not json");
    assertThat(garbage.statusCode()).isEqualTo(500);
    assertThat(garbage.body()).contains("errorMessage");
    HttpResponse<String> unknown = post("analyst", "demo", "{\"request\":\"dropEverything\"}");
    assertThat(unknown.statusCode()).isEqualTo(500);
    String big = "{\"request\":\"prepareAndExecute\",\"sql\":\"SELECT '" + "x".repeat(70_000)
        + "'\"}";
    HttpResponse<String> large = post("analyst", "demo", big);
    assertThat(large.body()).contains("this server accepts at most 65536");
    try (Connection c = connect("analyst", "demo")) {
      assertThat(count(c, "SELECT COUNT(*) FROM regions")).isEqualTo(5);
    }
  }

  @Test
  void aFailingWarehouseQueryIsAnErrorForThatStatementOnly() throws SQLException {
    try (Connection c = connect("analyst", "demo")) {
      SQLException e = catchThrowableOfType(SQLException.class,
          () -> count(c, "SELECT CAST(region_name AS INTEGER) FROM regions"));
      assertThat((Throwable) e).isNotNull();
      assertThat(e.getMessage()).doesNotContain("Remote driver error");
      assertThat(count(c, "SELECT COUNT(*) FROM regions")).isEqualTo(5);
    }
  }

  @Test
  void connectionsPerUserAreCappedAndIdleOnesClose() throws Exception {
    List<Connection> open = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        Connection c = connect("hr", "demo");
        count(c, "SELECT 1");
        open.add(c);
      }
      SQLException e = catchThrowableOfType(SQLException.class, () -> connect("hr", "demo"));
      assertThat(e.getMessage()).contains("'hr' already has 3 connections open");
      open.remove(0).close();
      try (Connection again = connect("hr", "demo")) {
        assertThat(count(again, "SELECT 1")).isEqualTo(1);
      }
    } finally {
      for (Connection c : open) {
        c.close();
      }
    }
    // A client that walks away mid-fetch: its connection closes when idle.
    Connection abandoned = connect("hr", "demo");
    Statement s = abandoned.createStatement();
    s.setFetchSize(10);
    ResultSet rs = s.executeQuery("SELECT * FROM sales_transactions");
    rs.next();
    assertThat(server.connections()).isPositive();
    CLOCK.advance(Duration.ofMinutes(9));
    server.closeIdleConnections();
    assertThat(server.connections()).as("connections used within the limit stay").isPositive();
    CLOCK.advance(Duration.ofMinutes(2));
    server.closeIdleConnections();
    assertThat(server.connections()).as("idle connections closed").isZero();
    SQLException gone = catchThrowableOfType(SQLException.class,
        () -> count(abandoned, "SELECT 1"));
    assertThat((Throwable) gone).isNotNull();
  }

  @Test
  void healthAndMetricsAnswer() throws Exception {
    HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + server.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body().strip()).isEqualTo("{\"status\":\"ok\"}");
    try (Connection c = connect("analyst", "demo")) {
      count(c, "SELECT COUNT(*) FROM regions");
      count(c, "SELECT COUNT(*) FROM regions");
      catchThrowableOfType(SQLException.class, () -> count(c, "DELETE FROM regions"));
    }
    HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(
        "http://127.0.0.1:" + server.port() + "/metrics")).header("Authorization", "Basic "
        + Base64.getEncoder().encodeToString("analyst:demo".getBytes(StandardCharsets.UTF_8)))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.body()).contains("asklayer_requests_total")
        .contains("asklayer_request_seconds_bucket{le=\"+Inf\"}")
        .contains("asklayer_open_connections").containsPattern("asklayer_refusals_total [1-9]")
        .containsPattern("asklayer_plan_cache_hits_total [1-9]")
        .contains("asklayer_question_cache_redis_up 1");
  }

  @Test
  void demoPasswordsStayOnLoopback() {
    IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
        () -> AsklayerServer.start(ServerOptions.defaults().withHost("0.0.0.0").withPort(0),
            UserStore.demo(Clock.systemUTC())));
    assertThat(e.getMessage()).contains("Refusing to listen on 0.0.0.0")
        .contains("admin, analyst, hr, north_manager have the demo password");
  }
}
