package io.asklayer.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.asklayer.demo.TestWarehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guards of the network server, one mechanism each, over raw Avatica JSON: a statement id is
 * usable only on the connection that made it; a live connection id cannot be opened again; error
 * responses carry a message and SQLState but no stack trace or warehouse SQL; {@code /metrics}
 * needs a login and {@code /health} tells only the status; failed logins lock a name from one
 * address, not everywhere. {@link HostileClientTest} walks every request type.
 */
class NetworkGuardTest {
  private static AsklayerServer server;
  private static RawAvatica raw;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    Path users = dir.resolve("users.properties");
    try (java.io.InputStream demo = UserStore.class.getResourceAsStream(
        "/io/asklayer/server/demo-users.properties")) {
      Files.write(users, demo.readAllBytes());
    }
    Files.writeString(users, "roamer = " + PasswordHash.hash("roamer-password".toCharArray())
        + "\n", StandardOpenOption.APPEND);
    server = AsklayerServer.start(ServerOptions.defaults().withPort(0)
        .withWarehouse(TestWarehouse.url(), null, "2025-12-31"),
        UserStore.load(users, Clock.systemUTC()));
    raw = new RawAvatica(server.port(), ServerOptions.Serialization.JSON);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static String open(String user) throws Exception {
    String id = UUID.randomUUID().toString();
    raw.ok(user, "demo", new Service.OpenConnectionRequest(id, Map.of()),
        Service.OpenConnectionResponse.class);
    return id;
  }

  private static int statement(String user, String connection) throws Exception {
    return raw.ok(user, "demo", new Service.CreateStatementRequest(connection),
        Service.CreateStatementResponse.class).statementId;
  }

  /** The name of the second employee, straight from the warehouse. */
  private static String secondEmployee() throws Exception {
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    try (Connection c = DriverManager.getConnection(TestWarehouse.url(), p);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT employee_name FROM employees ORDER BY employee_id "
            + "LIMIT 1 OFFSET 1")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void assertClean(RawAvatica.Reply r) {
    assertThat(r.text()).doesNotContain("at io.").doesNotContain("at org.")
        .doesNotContain("Exception:").doesNotContain("\tat ").doesNotContain("FROM \"");
  }

  @Test
  void aStatementIdIsUsableOnlyOnTheConnectionThatMadeIt() throws Exception {
    String victim = open("admin");
    int salaries = statement("admin", victim);
    raw.ok("admin", "demo", new Service.PrepareAndExecuteRequest(victim, salaries,
        "SELECT employee_name, salary FROM employees ORDER BY employee_id", -1, 1),
        Service.ExecuteResponse.class);
    String attacker = open("north_manager");
    String name = secondEmployee();

    RawAvatica.Reply fetch = raw.post("north_manager", "demo",
        new Service.FetchRequest(attacker, salaries, 1, 100));
    assertThat(fetch.status()).isEqualTo(500);
    assertThat(fetch.text()).doesNotContain(name);
    assertThat(fetch.error().errorMessage).contains("No such statement");
    assertThat(fetch.error().sqlState).isEqualTo("26000");

    RawAvatica.Reply run = raw.post("north_manager", "demo",
        new Service.PrepareAndExecuteRequest(attacker, salaries, "SELECT 1", -1, 10));
    assertThat(run.error().sqlState).isEqualTo("26000");
    RawAvatica.Reply close = raw.post("north_manager", "demo",
        new Service.CloseStatementRequest(attacker, salaries));
    assertThat(close.error().sqlState).isEqualTo("26000");

    // The victim's result set is untouched: its second row is still there to fetch.
    Service.FetchResponse rest = raw.ok("admin", "demo",
        new Service.FetchRequest(victim, salaries, 1, 100), Service.FetchResponse.class);
    assertThat(rest.frame.rows.iterator().next().toString()).contains(name);
    raw.ok("admin", "demo", new Service.CloseConnectionRequest(victim),
        Service.CloseConnectionResponse.class);
    raw.ok("north_manager", "demo", new Service.CloseConnectionRequest(attacker),
        Service.CloseConnectionResponse.class);
    // Closing a connection forgets its statements: its id names nothing any more.
    String again = open("admin");
    RawAvatica.Reply stale = raw.post("admin", "demo",
        new Service.FetchRequest(again, salaries, 0, 100));
    assertThat(stale.error().sqlState).isEqualTo("26000");
    raw.ok("admin", "demo", new Service.CloseConnectionRequest(again),
        Service.CloseConnectionResponse.class);
  }

  @Test
  void aLiveConnectionIdCannotBeOpenedAgain() throws Exception {
    String victim = open("admin");
    RawAvatica.Reply reopen = raw.post("north_manager", "demo",
        new Service.OpenConnectionRequest(victim, Map.of()));
    assertThat(reopen.status()).isEqualTo(500);
    assertThat(reopen.error().errorMessage).contains("is already open");
    assertThat(reopen.error().sqlState).isEqualTo("08002");
    // The failed open left the victim's record alone: still the admin's, and only the admin's.
    RawAvatica.Reply use = raw.post("north_manager", "demo",
        new Service.CreateStatementRequest(victim));
    assertThat(use.error().errorMessage).contains("was opened by another user");
    assertThat(statement("admin", victim)).isNotNegative();
    raw.ok("admin", "demo", new Service.CloseConnectionRequest(victim),
        Service.CloseConnectionResponse.class);
    // An unknown connection is nobody's: refused, not served.
    RawAvatica.Reply unknown = raw.post("north_manager", "demo",
        new Service.CreateStatementRequest(victim));
    assertThat(unknown.error().sqlState).isEqualTo("08003");
  }

  @Test
  void errorsCarryAMessageAndSqlStateButNoStackTraceOrWarehouseSql() throws Exception {
    String c = open("analyst");
    int s = statement("analyst", c);
    // A value the warehouse cannot compute is the user's: DuckDB's first line, never the
    // generated SQL it goes on to quote.
    RawAvatica.Reply data = raw.post("analyst", "demo", new Service.PrepareAndExecuteRequest(
        c, s, "SELECT CAST(region_name AS INTEGER) FROM regions", -1, 10));
    assertClean(data);
    assertThat(data.error().errorMessage).startsWith("The warehouse could not compute a value: "
        + "Conversion Error: Could not convert string").doesNotContain("LINE ")
        .doesNotContain("region_id");
    assertThat(data.error().sqlState).isEqualTo("42000");
    RawAvatica.Reply user = raw.post("analyst", "demo", new Service.PrepareAndExecuteRequest(
        c, s, "SELECT COUNT(*) FROM no_such_table", -1, 10));
    assertClean(user);
    assertThat(user.error().errorMessage).contains("no_such_table");
    assertThat(user.error().sqlState).isEqualTo("42000");
    RawAvatica.Reply garbage = raw.send("POST", "/", "analyst", "demo",
        "{this is not json".getBytes(StandardCharsets.UTF_8), "127.0.0.1");
    assertClean(garbage);
    assertThat(garbage.error().errorMessage).contains("not a well-formed Avatica request");
    RawAvatica.Reply noLogin = raw.post(null, null, new Service.CreateStatementRequest(c));
    assertThat(noLogin.status()).isEqualTo(401);
    assertThat(noLogin.error().sqlState).isEqualTo("28000");
    raw.ok("analyst", "demo", new Service.CloseConnectionRequest(c),
        Service.CloseConnectionResponse.class);
  }

  @Test
  void metricsNeedALoginAndHealthTellsOnlyTheStatus() throws Exception {
    byte[] none = new byte[0];
    RawAvatica.Reply health = raw.send("GET", "/health", null, null, none, "127.0.0.1");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.text().strip()).isEqualTo("{\"status\":\"ok\"}");
    RawAvatica.Reply anonymous = raw.send("GET", "/metrics", null, null, none, "127.0.0.1");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.text()).doesNotContain("asklayer_");
    RawAvatica.Reply wrong = raw.send("GET", "/metrics", "analyst", "wrong", none, "127.0.0.3");
    assertThat(wrong.text()).doesNotContain("asklayer_").contains("Wrong user name or password");
    RawAvatica.Reply metrics = raw.send("GET", "/metrics", "analyst", "demo", none, "127.0.0.1");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.text()).contains("asklayer_login_failures_total");
  }

  @Test
  void failedLoginsLockANameFromOneAddressOnly() throws Exception {
    byte[] open = raw.encode(new Service.OpenConnectionRequest(UUID.randomUUID().toString(),
        Map.of()));
    for (int i = 0; i < UserStore.MAX_FAILURES; i++) {
      raw.send("POST", "/", "roamer", "guess-" + i, open, "127.0.0.2");
    }
    RawAvatica.Reply locked = raw.send("POST", "/", "roamer", "roamer-password", open,
        "127.0.0.2");
    assertThat(locked.text()).contains("Too many failed logins for 'roamer'");
    // The user itself, from an address that has not been failing, still gets in (the server
    // then refuses 'roamer' as a principal the model does not know, which is past the login).
    RawAvatica.Reply home = raw.send("POST", "/", "roamer", "roamer-password", open,
        "127.0.0.1");
    assertThat(home.text()).doesNotContain("Too many failed logins")
        .doesNotContain("Wrong user name or password");
  }
}
