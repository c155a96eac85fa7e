package io.asklayer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.asklayer.demo.TestWarehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user types it: exit status, what reaches stdout and stderr. */
class AsklayerCliTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream stdout;
  private PrintStream stderr;

  @BeforeEach
  void capture() {
    stdout = System.out;
    stderr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(stdout);
    System.setErr(stderr);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static final String WAREHOUSE = TestWarehouse.file().toString();

  @Test
  void dashEPrintsATable() {
    int status = AsklayerCli.execute("-w", WAREHOUSE, "-e", "SELECT r.region_name, COUNT(*) "
        + "FROM sales_transactions s JOIN regions r ON r.region_id = s.region_id GROUP BY 1");
    assertThat(status).as(err()).isZero();
    assertThat(out()).contains("| region_name |").contains("| North ").contains("5 rows");
    assertThat(out().lines().filter(l -> l.startsWith("| ") && !l.contains("region_name")))
        .hasSize(5);
  }

  @Test
  void queryPrintsCsv() {
    int status = AsklayerCli.execute("query", "-w", WAREHOUSE, "--format", "csv",
        "SELECT region_id, region_name FROM regions WHERE region_id <= 2 ORDER BY 1");
    assertThat(status).as(err()).isZero();
    assertThat(out()).isEqualTo("region_id,region_name\n1,North\n2,South\n");
  }

  @Test
  void refusalsExitWithStatusOneAndTheMessage() {
    int status = AsklayerCli.execute("-w", WAREHOUSE, "-e", "DROP TABLE regions");
    assertThat(status).isEqualTo(1);
    assertThat(err()).startsWith("Error (0AS01): Asklayer is read-only");
    assertThat(out()).isEmpty();
  }

  @Test
  void warningsGoToStderrBesideTheAnswer() {
    int status = AsklayerCli.execute("-w", WAREHOUSE, "-u", "analyst", "-e",
        "ASK 'revenue in 2031'");
    assertThat(status).as(err()).isZero();
    assertThat(out()).contains("revenue").doesNotContain("Warning");
    assertThat(err()).contains("Warning: The data covers 2023-01-01 to 2025-12-31");
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : List.of("serve", "shell", "query", "generate", "eval", "load",
        "hash-password")) {
      out.reset();
      assertThat(AsklayerCli.execute(command, "--help")).as(command).isZero();
      assertThat(out()).as(command).startsWith("Usage: asklayer " + command);
    }
  }

  @Test
  void aServerThatIsNotRunningIsSaidToBeUnreachable() throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    int status = AsklayerCli.execute("--server", "http://127.0.0.1:" + port, "-u", "analyst",
        "--password", "x", "-e", "SELECT 1");
    assertThat(status).isEqualTo(1);
    assertThat(err()).startsWith("Error (08001): The Asklayer server at http://127.0.0.1:" + port
        + " is not reachable").doesNotContain("Internal error");
  }

  @Test
  void aSyntaxErrorNamesAFewContinuationsOnOneLine() {
    int status = AsklayerCli.execute("-w", WAREHOUSE, "-e", "EXPLAIN PLAN AS SQL FOR SELECT 1");
    assertThat(status).isEqualTo(1);
    assertThat(err().strip()).doesNotContain("\n").contains("Encountered \"AS SQL\"")
        .contains("Expected one of \"FOR\"").contains("more)");
  }

  @Test
  void connectionOptionsReachTheDriver() {
    int status = AsklayerCli.execute("-w", WAREHOUSE, "-u", "", "-e", "SELECT 1");
    assertThat(status).isEqualTo(1);
    assertThat(err()).contains("28000").contains("No user");
  }

  @Test
  void generateWritesTheWarehouseAndSummarises(@TempDir Path dir) {
    Path file = dir.resolve("w.duckdb");
    int status = AsklayerCli.execute("generate", "--scale", "0.002", "--seed", "3", "--out",
        file.toString());
    assertThat(status).as(err()).isZero();
    assertThat(file).exists();
    assertThat(out()).contains("scale 0.002, seed 3").contains("sales_transactions");
    assertThat(AsklayerCli.execute("generate", "--scale", "0.002", "--out", file.toString()))
        .isEqualTo(1);
    assertThat(err()).contains("already exists").contains("--force");
  }

  @Test
  void badArgumentsExitWithStatusTwo(@TempDir Path dir) {
    assertThat(AsklayerCli.execute("generate", "--scale", "0", "--out",
        dir.resolve("x.duckdb").toString())).isEqualTo(2);
    assertThat(err()).contains("between 0.001 and 100");
    assertThat(AsklayerCli.execute("--no-such-option")).isEqualTo(2);
    assertThat(AsklayerCli.execute("-w", WAREHOUSE, "-f", "xml", "-e", "SELECT 1")).isEqualTo(2);
  }

  @Test
  void queriesAServerAsTheLoggedInUser() throws Exception {
    try (io.asklayer.server.AsklayerServer server = io.asklayer.server.AsklayerServer.start(
        io.asklayer.server.ServerOptions.defaults().withPort(0)
            .withWarehouse(TestWarehouse.url(), null, "2025-12-31"),
        io.asklayer.server.UserStore.demo(java.time.Clock.systemUTC()))) {
      String address = "http://127.0.0.1:" + server.port();
      int status = AsklayerCli.execute("query", "--server", address, "-u", "north_manager",
          "--password", "demo", "--format", "csv", "SELECT DISTINCT region_id FROM stores");
      assertThat(status).as(err()).isZero();
      assertThat(out()).isEqualTo("region_id\n1\n");
      status = AsklayerCli.execute("-e", "SELECT 1", "--server", address, "-u", "north_manager",
          "--password", "wrong");
      assertThat(status).isEqualTo(1);
      assertThat(err()).startsWith("Error (28000): Wrong user name or password");
    }
  }

  @Test
  void hashPasswordWritesAUsersFileLineTheServerAccepts() throws Exception {
    java.io.InputStream stdin = System.in;
    try {
      System.setIn(new java.io.ByteArrayInputStream("a-long-secret\n".getBytes(
          StandardCharsets.UTF_8)));
      assertThat(AsklayerCli.execute("hash-password", "alice")).as(err()).isZero();
    } finally {
      System.setIn(stdin);
    }
    String line = out().strip();
    assertThat(line).startsWith("alice = pbkdf2-sha256:310000:").doesNotContain("a-long-secret");
    java.nio.file.Path file = java.nio.file.Files.createTempFile("users", ".properties");
    java.nio.file.Files.writeString(file, line + "\n");
    io.asklayer.server.UserStore users = io.asklayer.server.UserStore.load(file,
        java.time.Clock.systemUTC());
    assertThat(users.login("alice", "a-long-secret"))
        .isEqualTo(io.asklayer.server.Authenticator.Outcome.OK);
    assertThat(users.withDemoPassword()).isEmpty();
  }
}
