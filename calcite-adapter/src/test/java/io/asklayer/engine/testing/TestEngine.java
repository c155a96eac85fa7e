package io.asklayer.engine.testing;

import io.asklayer.demo.TestWarehouse;
import io.asklayer.engine.session.EmbeddedDriver;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.runtime.Hook;

/**
 * Connections for engine tests: through the embedded driver to the shared scale-0.01 warehouse, and
 * directly to DuckDB on the same file, the baseline results are compared with.
 */
public final class TestEngine {
  /** A fixed clock: 2025-12-31, the last day of the demo data. */
  public static final Clock CLOCK = Clock.fixed(Instant.parse("2025-12-31T12:00:00Z"),
      ZoneOffset.UTC);

  /** The warehouse URL connections use when they name none: the test warehouse. */
  public static final java.util.function.Supplier<String> DRIVER_WAREHOUSE = TestWarehouse::url;

  public static final EmbeddedDriver DRIVER = new EmbeddedDriver(DRIVER_WAREHOUSE, CLOCK);

  private TestEngine() {
  }

  /** An Asklayer connection as {@code user}, with extra URL properties ({@code k=v;...}). */
  public static Connection connect(String user, String extra) throws SQLException {
    String url = "jdbc:asklayer:user=" + user + (extra.isEmpty() ? "" : ";" + extra);
    return DRIVER.connect(url, new Properties());
  }

  public static Connection connect(String user) throws SQLException {
    return connect(user, "");
  }

  /** The text of the demo model, for tests that write a variant of it. */
  public static String demoModel() {
    try (java.io.InputStream in = io.asklayer.engine.model.ModelLoader.class.getResourceAsStream(
        io.asklayer.engine.model.ModelLoader.DEMO_MODEL)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A read-only connection straight to the test warehouse in DuckDB. */
  public static Connection duckdb() throws SQLException {
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    return DriverManager.getConnection(TestWarehouse.url(), p);
  }

  /** The SQL statements the engine generated for the warehouse while running {@code sql}. */
  public static List<String> warehouseSql(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Hook.Closeable ignored = Hook.QUERY_PLAN.addThread((Object s) -> out.add((String) s));
        Statement s = c.createStatement()) {
      s.executeQuery(sql).close();
    }
    return out;
  }

  /**
   * Asserts a plan runs as one warehouse statement: one converter at the root, warehouse operators
   * (and secured scans) below it.
   */
  public static void assertFullyPushedDown(String what, String plan) {
    List<String> lines = plan.lines().toList();
    org.assertj.core.api.Assertions.assertThat(lines.get(0)).as("plan root of %s:%n%s", what, plan)
        .isEqualTo("WarehouseToEnumerableConverter");
    org.assertj.core.api.Assertions.assertThat(lines.subList(1, lines.size()))
        .as("operators of %s:%n%s", what, plan)
        .allMatch(l -> l.strip().startsWith("Jdbc") || l.strip().startsWith("SecuredScan(")
            || l.strip().startsWith("WarehouseAggregate(")
            || l.strip().startsWith("WarehouseWindow("));
  }

  /** The plan Calcite chose, as {@code EXPLAIN PLAN FOR} prints it. */
  public static String plan(Connection c, String sql) throws SQLException {
    StringBuilder b = new StringBuilder();
    for (List<Object> row : Rows.query(c, "EXPLAIN PLAN FOR " + sql)) {
      b.append(row.get(0));
    }
    return b.toString().strip();
  }
}
