package io.asklayer.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.asklayer.demo.TestWarehouse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BiFunction;
import org.apache.calcite.avatica.ConnectionPropertiesImpl;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.remote.Service;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A hostile client against a real server on 127.0.0.1, speaking raw Avatica over HTTP in both
 * wire formats (requests built as Avatica's own {@code Service} request objects and serialised by
 * its JSON mapper or {@code ProtobufTranslationImpl}). The victim, logged in as {@code admin},
 * holds a connection with an open result set of salaries and a prepared statement; the attacker,
 * logged in as {@code north_manager}, sends every request type naming the victim's connection, the
 * victim's statements on its own connection, the victim's connection id to open again, and every
 * request type again with no credentials and with wrong ones. Each must be refused with a message
 * and a SQLState, return none of the victim's rows, leak no stack trace or warehouse SQL, and
 * leave the victim's connection and statements working. Nothing here waits or measures time.
 */
@Execution(ExecutionMode.SAME_THREAD)
class HostileClientTest {
  private static final String SALARIES =
      "SELECT employee_name, salary FROM employees ORDER BY employee_id";
  private static final Map<ServerOptions.Serialization, AsklayerServer> SERVERS =
      new EnumMap<>(ServerOptions.Serialization.class);
  private static List<String> employees;

  @BeforeAll
  static void start() throws Exception {
    for (ServerOptions.Serialization s : ServerOptions.Serialization.values()) {
      // The failure delay is spent at once: the wrong-credential cases are many, and the delay
      // itself is UserStoreTest's subject.
      SERVERS.put(s, AsklayerServer.start(ServerOptions.defaults().withPort(0)
          .withSerialization(s).withWarehouse(TestWarehouse.url(), null, "2025-12-31"),
          UserStore.demo(Clock.systemUTC()).withPause(d -> { })));
    }
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    employees = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(TestWarehouse.url(), p);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT employee_name FROM employees ORDER BY "
            + "employee_id LIMIT 3")) {
      while (rs.next()) {
        employees.add(rs.getString(1));
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (AsklayerServer s : SERVERS.values()) {
      s.close();
    }
  }

  /** Every request type, naming a given connection and (where it has one) statement. */
  private static Map<String, BiFunction<String, Integer, Service.Request>> everyRequest() {
    Map<String, BiFunction<String, Integer, Service.Request>> m = new LinkedHashMap<>();
    m.put("connectionSync", (c, s) -> new Service.ConnectionSyncRequest(c,
        new ConnectionPropertiesImpl(false, true, null, null, null)));
    m.put("createStatement", (c, s) -> new Service.CreateStatementRequest(c));
    m.put("prepare", (c, s) -> new Service.PrepareRequest(c, SALARIES, -1));
    m.putAll(statementRequests());
    m.put("commit", (c, s) -> new Service.CommitRequest(c));
    m.put("rollback", (c, s) -> new Service.RollbackRequest(c));
    m.put("getCatalogs", (c, s) -> new Service.CatalogsRequest(c));
    m.put("getSchemas", (c, s) -> new Service.SchemasRequest(c, null, null));
    m.put("getTables", (c, s) -> new Service.TablesRequest(c, null, null, null, null));
    m.put("getColumns", (c, s) -> new Service.ColumnsRequest(c, null, null, "employees", null));
    m.put("getTableTypes", (c, s) -> new Service.TableTypesRequest(c));
    m.put("getTypeInfo", (c, s) -> new Service.TypeInfoRequest(c));
    m.put("databaseProperties", (c, s) -> new Service.DatabasePropertyRequest(c));
    m.put("closeConnection", (c, s) -> new Service.CloseConnectionRequest(c));
    return m;
  }

  /** The request types that name a statement. */
  private static Map<String, BiFunction<String, Integer, Service.Request>> statementRequests() {
    Map<String, BiFunction<String, Integer, Service.Request>> m = new LinkedHashMap<>();
    m.put("prepareAndExecute", (c, s) -> new Service.PrepareAndExecuteRequest(c, s, SALARIES,
        -1, 100));
    m.put("execute", (c, s) -> new Service.ExecuteRequest(new Meta.StatementHandle(c, s, null),
        List.of(), 100));
    m.put("fetch", (c, s) -> new Service.FetchRequest(c, s, 0, 100));
    m.put("syncResults", (c, s) -> new Service.SyncResultsRequest(c, s,
        new QueryState(SALARIES), 0));
    m.put("executeBatch", (c, s) -> new Service.ExecuteBatchRequest(c, s, List.of(List.of())));
    m.put("prepareAndExecuteBatch", (c, s) -> new Service.PrepareAndExecuteBatchRequest(c, s,
        List.of("SELECT 1")));
    m.put("closeStatement", (c, s) -> new Service.CloseStatementRequest(c, s));
    return m;
  }

  /** One victim's connection: an open result set of salaries and a prepared statement. */
  private record Victim(String connection, int results, Meta.StatementHandle preparedHandle) {
    int prepared() {
      return preparedHandle.id;
    }
  }

  private static Victim victim(RawAvatica raw) throws Exception {
    String c = UUID.randomUUID().toString();
    raw.ok("admin", "demo", new Service.OpenConnectionRequest(c, Map.of()),
        Service.OpenConnectionResponse.class);
    int results = raw.ok("admin", "demo", new Service.CreateStatementRequest(c),
        Service.CreateStatementResponse.class).statementId;
    Service.ExecuteResponse first = raw.ok("admin", "demo",
        new Service.PrepareAndExecuteRequest(c, results, SALARIES, -1, 1),
        Service.ExecuteResponse.class);
    assertThat(first.results.get(0).firstFrame.done).as("more rows to fetch").isFalse();
    Meta.StatementHandle prepared = raw.ok("admin", "demo",
        new Service.PrepareRequest(c, SALARIES, -1), Service.PrepareResponse.class).statement;
    return new Victim(c, results, prepared);
  }

  private static void refused(SoftAssertions soft, String what, RawAvatica.Reply r,
      String state, String message) throws Exception {
    soft.assertThat(r.status()).as(what + ": HTTP status").isIn(401, 500);
    String text = r.text();
    for (String name : employees) {
      soft.assertThat(text).as(what + ": the victim's rows").doesNotContain(name);
    }
    soft.assertThat(text).as(what + ": stack trace or warehouse SQL").doesNotContain("at io.")
        .doesNotContain("at org.").doesNotContain("Exception:").doesNotContain("\tat ")
        .doesNotContain("FROM \"");
    Service.Response response = r.response();
    soft.assertThat(response).as(what + ": an error response").isInstanceOf(
        Service.ErrorResponse.class);
    if (response instanceof Service.ErrorResponse e) {
      soft.assertThat(e.sqlState).as(what + ": SQLState").isEqualTo(state);
      soft.assertThat(e.errorMessage).as(what + ": message").contains(message);
      // The refusal's message alone may stand there (Avatica's client reads a failed
      // prepare's reason from it); never a stack trace.
      soft.assertThat(e.exceptions).as(what + ": stack traces").isSubsetOf(e.errorMessage);
    }
  }

  /**
   * Statements left open hold their results: an outside test created statements, ran a 113,600-row
   * query on each and never closed them, and took a server to 6 GB in a minute. A principal may
   * hold {@link ConnectionRegistry#MAX_STATEMENTS_PER_PRINCIPAL} open over all its connections;
   * closing one makes room again.
   */
  @ParameterizedTest
  @EnumSource(ServerOptions.Serialization.class)
  void openStatementsAreCappedPerUser(ServerOptions.Serialization format) throws Exception {
    RawAvatica raw = new RawAvatica(SERVERS.get(format).port(), format);
    String a = UUID.randomUUID().toString();
    String b = UUID.randomUUID().toString();
    List<Integer> made = new ArrayList<>();
    try {
      for (String id : List.of(a, b)) {
        raw.ok("analyst", "demo", new Service.OpenConnectionRequest(id, Map.of()),
            Service.OpenConnectionResponse.class);
      }
      for (int i = 0; i < ConnectionRegistry.MAX_STATEMENTS_PER_PRINCIPAL; i++) {
        made.add(raw.ok("analyst", "demo", new Service.CreateStatementRequest(i % 2 == 0 ? a : b),
            Service.CreateStatementResponse.class).statementId);
      }
      SoftAssertions soft = new SoftAssertions();
      refused(soft, "one statement too many", raw.post("analyst", "demo",
          new Service.CreateStatementRequest(a)), "53000", "statements open, the most one user");
      refused(soft, "one prepare too many", raw.post("analyst", "demo",
          new Service.PrepareRequest(b, "SELECT 1", -1)), "53000", "Close statements");
      soft.assertAll();
      raw.ok("analyst", "demo", new Service.CloseStatementRequest(a, made.remove(0)),
          Service.CloseStatementResponse.class);
      made.add(raw.ok("analyst", "demo", new Service.CreateStatementRequest(a),
          Service.CreateStatementResponse.class).statementId);
      // Another user is not held to this one's statements.
      String c = UUID.randomUUID().toString();
      raw.ok("north_manager", "demo", new Service.OpenConnectionRequest(c, Map.of()),
          Service.OpenConnectionResponse.class);
      raw.ok("north_manager", "demo", new Service.CreateStatementRequest(c),
          Service.CreateStatementResponse.class);
      raw.ok("north_manager", "demo", new Service.CloseConnectionRequest(c),
          Service.CloseConnectionResponse.class);
    } finally {
      for (String id : List.of(a, b)) {
        raw.post("analyst", "demo", new Service.CloseConnectionRequest(id));
      }
    }
  }

  /**
   * Execute requests a client made by hand, on its own connection: a handle without the signature
   * prepare returned, and a statement that was created rather than prepared. Avatica's JdbcMeta
   * failed on both with a NullPointerException or ClassCastException, an internal error.
   */
  @ParameterizedTest
  @EnumSource(ServerOptions.Serialization.class)
  void malformedExecuteRequestsAreRefusedAsTheClients(ServerOptions.Serialization format)
      throws Exception {
    RawAvatica raw = new RawAvatica(SERVERS.get(format).port(), format);
    String c = UUID.randomUUID().toString();
    raw.ok("analyst", "demo", new Service.OpenConnectionRequest(c, Map.of()),
        Service.OpenConnectionResponse.class);
    try {
      Meta.StatementHandle prepared = raw.ok("analyst", "demo", new Service.PrepareRequest(c,
          "SELECT COUNT(*) FROM regions", -1), Service.PrepareResponse.class).statement;
      int created = raw.ok("analyst", "demo", new Service.CreateStatementRequest(c),
          Service.CreateStatementResponse.class).statementId;
      SoftAssertions soft = new SoftAssertions();
      refused(soft, "execute without a signature", raw.post("analyst", "demo",
          new Service.ExecuteRequest(new Meta.StatementHandle(c, prepared.id, null), List.of(),
              10)), "26000", "signature");
      refused(soft, "execute of a statement never prepared", raw.post("analyst", "demo",
          new Service.ExecuteRequest(new Meta.StatementHandle(c, created, prepared.signature),
              List.of(), 10)), "26000", "was not prepared");
      soft.assertAll();
      Service.ExecuteResponse ran = raw.ok("analyst", "demo", new Service.ExecuteRequest(
          prepared, List.of(), 10), Service.ExecuteResponse.class);
      assertThat(ran.results.get(0).firstFrame.rows).hasSize(1);
    } finally {
      raw.post("analyst", "demo", new Service.CloseConnectionRequest(c));
    }
  }

  @ParameterizedTest
  @EnumSource(ServerOptions.Serialization.class)
  void everyHostileRequestIsRefusedAndTheVictimCarriesOn(ServerOptions.Serialization format)
      throws Exception {
    AsklayerServer server = SERVERS.get(format);
    RawAvatica raw = new RawAvatica(server.port(), format);
    Victim v = victim(raw);
    String mine = UUID.randomUUID().toString();
    raw.ok("north_manager", "demo", new Service.OpenConnectionRequest(mine, Map.of()),
        Service.OpenConnectionResponse.class);
    int myStatement = raw.ok("north_manager", "demo", new Service.CreateStatementRequest(mine),
        Service.CreateStatementResponse.class).statementId;
    SoftAssertions soft = new SoftAssertions();

    // The victim's connection, named outright.
    for (var e : everyRequest().entrySet()) {
      refused(soft, "foreign connection, " + e.getKey(), raw.post("north_manager", "demo",
          e.getValue().apply(v.connection(), v.results())), "28000",
          "was opened by another user");
    }
    // The victim's statements, named on the attacker's own connection.
    for (var e : statementRequests().entrySet()) {
      for (int foreign : new int[] {v.results(), v.prepared()}) {
        refused(soft, "foreign statement " + foreign + ", " + e.getKey(), raw.post(
            "north_manager", "demo", e.getValue().apply(mine, foreign)), "26000",
            "No such statement");
      }
    }
    // The victim's connection id, opened again; then still the victim's alone.
    refused(soft, "reopened id", raw.post("north_manager", "demo",
        new Service.OpenConnectionRequest(v.connection(), Map.of())), "08002", "already open");
    refused(soft, "reopened id, then used", raw.post("north_manager", "demo",
        new Service.CreateStatementRequest(v.connection())), "28000",
        "was opened by another user");
    // No credentials, and wrong ones: an unknown name, and the victim's name from elsewhere.
    for (var e : everyRequest().entrySet()) {
      Service.Request r = e.getValue().apply(v.connection(), v.results());
      refused(soft, "no credentials, " + e.getKey(), raw.post(null, null, r), "28000",
          "Log in with a user name and password");
      refused(soft, "unknown user, " + e.getKey(), raw.post("intruder-" + e.getKey(), "demo", r),
          "28000", "Wrong user name or password");
      RawAvatica.Reply guess = raw.post("admin", "guess-" + e.getKey(), r, "127.0.0.2");
      refused(soft, "wrong password, " + e.getKey(), guess, "28000",
          guess.text().contains("Too many failed") ? "Too many failed logins for 'admin'"
              : "Wrong user name or password");
    }
    soft.assertAll();

    // The victim carries on: its result set still has its rows, its prepared statement runs,
    // and the admin still logs in from the address nobody guessed from.
    Service.FetchResponse rest = raw.ok("admin", "demo",
        new Service.FetchRequest(v.connection(), v.results(), 1, 100),
        Service.FetchResponse.class);
    assertThat(rest.frame.rows.iterator().next().toString()).contains(employees.get(1));
    Service.ExecuteResponse again = raw.ok("admin", "demo", new Service.ExecuteRequest(
        v.preparedHandle(), List.of(), 100),
        Service.ExecuteResponse.class);
    assertThat(again.missingStatement).isFalse();
    assertThat(again.results.get(0).firstFrame.rows.iterator().next().toString())
        .contains(employees.get(0));
    // The attacker's own connection and statement were never in doubt.
    raw.ok("north_manager", "demo", new Service.CloseStatementRequest(mine, myStatement),
        Service.CloseStatementResponse.class);
    raw.ok("north_manager", "demo", new Service.CloseConnectionRequest(mine),
        Service.CloseConnectionResponse.class);
    raw.ok("admin", "demo", new Service.CloseConnectionRequest(v.connection()),
        Service.CloseConnectionResponse.class);
    assertThat(server.connections()).isZero();
  }
}
