package io.asklayer.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Asklayer's overhead: the same statements through {@code jdbc:asklayer:} and through DuckDB's own
 * driver, on the same file in the same run, sampled so JMH reports p50 and p99 per statement kind.
 * The difference between a pair is what the proxy adds: planning, code generation and streaming
 * the result through Calcite.
 *
 * <ul>
 *   <li>{@code aggregate*}: revenue in USD by region, a join of sales, FX rates and regions over
 *       every sales line (the analytic case, hundreds of milliseconds in DuckDB). The same text
 *       every time, so Asklayer answers it from its plan cache after the first call.</li>
 *   <li>{@code aggregateNew*}: the same work, but each call's text is new in a literal (a
 *       different, always-true {@code HAVING} bound): a statement of a shape seen before, which
 *       Asklayer answers from the shape's plan with the new value bound.</li>
 *   <li>{@code aggregateNewShape*}: the same work, each call's text a new shape (a new column
 *       alias), so every call is planned from scratch.</li>
 *   <li>{@code lookup*}: one product by key, the same text every time (a trivial lookup, where
 *       overhead is all there is).</li>
 *   <li>{@code lookupNew*}: one customer by key, a key not asked for before on every call (a seen
 *       shape).</li>
 *   <li>{@code lookupNewShape*}: the lookup with a new column alias on every call (a new
 *       shape).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class QueryOverheadBenchmark {
  static final String QUERY = "SELECT r.region_name, "
      + "SUM(s.quantity * s.unit_price * (1 - s.discount) * f.usd_per_unit) AS revenue "
      + "FROM sales_transactions s "
      + "JOIN fx_rates f ON f.currency = s.currency AND f.rate_date = s.order_date "
      + "JOIN regions r ON r.region_id = s.region_id GROUP BY r.region_name";
  static final String LOOKUP = "SELECT sku, product_name, brand, category, list_price "
      + "FROM product_master WHERE sku = 'SKU-123'";

  /** Warehouse scale: 1 is about ten million sales lines. */
  @Param({"1"})
  public double scale;

  /** A DuckDB file to use instead of generating one at {@code scale}. */
  @Param({""})
  public String warehouse;

  /**
   * Seconds of {@link io.asklayer.engine.session.Warmup} before measuring ({@code warmup_seconds}, as {@code serve} sets when
   * it starts: 20): the planner is then compiled code, as in a server that has been
   * running. 0 measures a JVM that has planned only the benchmark's own warm-up statements.
   */
  @Param({"20"})
  public int warmupSeconds;

  private Connection duckdb;
  private Connection asklayer;
  /** Makes each "new" statement's text one not seen before in this run. */
  private long fresh = System.nanoTime() % 1_000_000_000L;

  @Setup(Level.Trial)
  public void open() throws Exception {
    String url = "jdbc:duckdb:" + BenchWarehouse.file(scale, warehouse);
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    duckdb = DriverManager.getConnection(url, p);
    asklayer = DriverManager.getConnection("jdbc:asklayer:user=analyst;warmup_seconds="
        + warmupSeconds + ";warehouse=" + url);
    if (warmupSeconds > 0) {
      System.out.println("warm-up: " + io.asklayer.engine.session.Warmup.await(Duration.ofSeconds(warmupSeconds + 60)));
    }
  }

  @TearDown(Level.Trial)
  public void close() throws SQLException {
    asklayer.close();
    duckdb.close();
  }

  @Benchmark
  public void aggregateDuckdb(Blackhole bh) throws SQLException {
    run(duckdb, QUERY, bh);
  }

  @Benchmark
  public void aggregateAsklayer(Blackhole bh) throws SQLException {
    run(asklayer, QUERY, bh);
  }

  @Benchmark
  public void aggregateNewDuckdb(Blackhole bh) throws SQLException {
    run(duckdb, newAggregate(), bh);
  }

  @Benchmark
  public void aggregateNewAsklayer(Blackhole bh) throws SQLException {
    run(asklayer, newAggregate(), bh);
  }

  @Benchmark
  public void aggregateNewShapeDuckdb(Blackhole bh) throws SQLException {
    run(duckdb, newAggregateShape(), bh);
  }

  @Benchmark
  public void aggregateNewShapeAsklayer(Blackhole bh) throws SQLException {
    run(asklayer, newAggregateShape(), bh);
  }

  @Benchmark
  public void lookupNewShapeDuckdb(Blackhole bh) throws SQLException {
    run(duckdb, newLookupShape(), bh);
  }

  @Benchmark
  public void lookupNewShapeAsklayer(Blackhole bh) throws SQLException {
    run(asklayer, newLookupShape(), bh);
  }

  @Benchmark
  public void lookupDuckdb(Blackhole bh) throws SQLException {
    run(duckdb, LOOKUP, bh);
  }

  @Benchmark
  public void lookupAsklayer(Blackhole bh) throws SQLException {
    run(asklayer, LOOKUP, bh);
  }

  @Benchmark
  public void lookupNewDuckdb(Blackhole bh) throws SQLException {
    run(duckdb, newLookup(), bh);
  }

  @Benchmark
  public void lookupNewAsklayer(Blackhole bh) throws SQLException {
    run(asklayer, newLookup(), bh);
  }

  /** A bound no line's quantity reaches, new each call. */
  private String newAggregate() {
    return QUERY + " HAVING MIN(s.quantity) < " + (1_000_000 + ++fresh);
  }

  private String newAggregateShape() {
    return QUERY.replace("AS revenue", "AS revenue_" + (++fresh));
  }

  private String newLookup() {
    return "SELECT customer_id, segment, region_id FROM customers WHERE customer_id = "
        + (++fresh % 100_000);
  }

  private String newLookupShape() {
    ++fresh;
    return "SELECT customer_id AS id_" + fresh + ", segment, region_id FROM customers "
        + "WHERE customer_id = " + (fresh % 100_000);
  }

  static void run(Connection c, String sql, Blackhole bh) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= n; i++) {
          bh.consume(rs.getObject(i));
        }
      }
    }
  }
}
