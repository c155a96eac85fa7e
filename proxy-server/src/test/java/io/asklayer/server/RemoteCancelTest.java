package io.asklayer.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code Statement.cancel()} and {@code setQueryTimeout} hold over the network as embedded: the
 * server stops the statement's warehouse query, the execution fails with 57014, and the statement
 * and connection go on. (Avatica's driver only raised a flag on the client: a JDBC client's 2 s
 * timeout let a query run 98 s.) Another user cannot cancel a statement that is not theirs.
 */
class RemoteCancelTest {
  /** A query no warehouse finishes within the model's statement timeout. */
  private static final String ENDLESS = "SELECT SUM(a.quantity * b.quantity * c.quantity) "
      + "FROM sales_transactions a, sales_transactions b, sales_transactions c";

  private static TestServers servers;

  @BeforeAll
  static void start() throws Exception {
    servers = TestServers.start();
  }

  @AfterAll
  static void stop() throws Exception {
    servers.close();
  }

  static java.util.stream.Stream<String> modes() {
    return TestServers.modes();
  }

  /** Runs a statement's execution on another thread; its failure, or null if it returned. */
  private static CompletableFuture<SQLException> runAsync(PreparedStatement s) {
    return CompletableFuture.supplyAsync(() -> {
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return null;
      } catch (SQLException e) {
        return e;
      }
    });
  }

  private static void stillWorks(Connection c) throws SQLException {
    try (Statement again = c.createStatement();
        ResultSet rs = again.executeQuery("SELECT COUNT(*) FROM regions")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(5);
    }
  }

  @ParameterizedTest
  @MethodSource("modes")
  void cancelStopsTheServersWarehouseQuery(String mode) throws Exception {
    try (Connection c = servers.connect(mode, "admin");
        PreparedStatement s = c.prepareStatement(ENDLESS)) {
      CompletableFuture<SQLException> run = runAsync(s);
      // Cancel until the execution ends: the first cancels may come before it has started, and
      // a cancel when nothing runs does nothing.
      SQLException e = null;
      while (e == null && !run.isDone()) {
        s.cancel();
        try {
          e = run.get(200, TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
          // cancel again
        }
      }
      e = e != null ? e : run.get();
      assertThat((Throwable) e).as("the execution must fail, not finish").isNotNull();
      assertThat((Throwable) e).isInstanceOf(SQLTimeoutException.class);
      assertThat(e.getSQLState()).isEqualTo("57014");
      assertThat(e.getMessage()).startsWith("The statement was cancelled (Statement.cancel())");
      stillWorks(c);
      // The cancelled statement runs again (the cancel left nothing raised on it).
      s.setMaxRows(1);
      try (PreparedStatement quick = c.prepareStatement("SELECT region_name FROM regions "
          + "ORDER BY region_name"); ResultSet rs = quick.executeQuery()) {
        assertThat(rs.next()).isTrue();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("modes")
  void queryTimeoutStopsTheServersWarehouseQuery(String mode) throws Exception {
    try (Connection c = servers.connect(mode, "admin");
        PreparedStatement s = c.prepareStatement(ENDLESS)) {
      s.setQueryTimeout(1);
      SQLException e = runAsync(s).get();
      assertThat((Throwable) e).as("the execution must time out, not finish").isNotNull();
      assertThat((Throwable) e).isInstanceOf(SQLTimeoutException.class);
      assertThat(e.getSQLState()).isEqualTo("57014");
      assertThat(e.getMessage()).contains("time limit (1 second, the query timeout it was given)");
      stillWorks(c);
      // A statement with a timeout that finishes in time answers as usual.
      try (Statement quick = c.createStatement()) {
        quick.setQueryTimeout(30);
        try (ResultSet rs = quick.executeQuery("SELECT COUNT(*) FROM regions")) {
          rs.next();
          assertThat(rs.getInt(1)).isEqualTo(5);
        }
      }
    }
  }

  @Test
  void anotherUserCannotCancelAStatementThatIsNotTheirs() throws Exception {
    RawAvatica raw = new RawAvatica(servers.json.port(), ServerOptions.Serialization.JSON);
    String c = java.util.UUID.randomUUID().toString();
    raw.ok("admin", "demo", new Service.OpenConnectionRequest(c, java.util.Map.of()),
        Service.OpenConnectionResponse.class);
    org.apache.calcite.avatica.Meta.StatementHandle prepared = raw.ok("admin", "demo",
        new Service.PrepareRequest(c, "SELECT COUNT(*) FROM regions", -1),
        Service.PrepareResponse.class).statement;
    int statement = prepared.id;
    byte[] body = ("{\"connectionId\":\"" + c + "\",\"statementId\":" + statement + "}")
        .getBytes(StandardCharsets.UTF_8);

    RawAvatica.Reply refused = raw.send("POST", AsklayerHandler.CANCEL_PATH, "analyst", "demo",
        body, "127.0.0.1");
    assertThat(refused.status()).isEqualTo(500);
    assertThat(refused.error().sqlState).isEqualTo("26000");
    assertThat(refused.error().errorMessage).startsWith("No such statement");
    // A statement id of the right connection that it never made: the same refusal.
    RawAvatica.Reply unknown = raw.send("POST", AsklayerHandler.CANCEL_PATH, "admin", "demo",
        ("{\"connectionId\":\"" + c + "\",\"statementId\":" + (statement + 1000) + "}")
            .getBytes(StandardCharsets.UTF_8), "127.0.0.1");
    assertThat(unknown.error().sqlState).isEqualTo("26000");

    RawAvatica.Reply unauthenticated = raw.send("POST", AsklayerHandler.CANCEL_PATH, null, null,
        body, "127.0.0.1");
    assertThat(unauthenticated.status()).isEqualTo(401);

    RawAvatica.Reply malformed = raw.send("POST", AsklayerHandler.CANCEL_PATH, "admin", "demo",
        "{\"statementId\":\"x\"}".getBytes(StandardCharsets.UTF_8), "127.0.0.1");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.error().errorMessage).contains("connectionId");

    // The owner's cancel of a statement that runs nothing is accepted and changes nothing.
    RawAvatica.Reply owner = raw.send("POST", AsklayerHandler.CANCEL_PATH, "admin", "demo",
        body, "127.0.0.1");
    assertThat(owner.status()).as(owner.text()).isEqualTo(200);
    Service.ExecuteResponse ran = raw.ok("admin", "demo", new Service.ExecuteRequest(prepared,
        java.util.List.of(), 10), Service.ExecuteResponse.class);
    assertThat(ran.results.get(0).firstFrame.rows).hasSize(1);
    raw.ok("admin", "demo", new Service.CloseConnectionRequest(c),
        Service.CloseConnectionResponse.class);
  }
}
