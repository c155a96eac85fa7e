package io.asklayer.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
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
 * What planning a statement never seen before costs, with nothing executed: each call prepares a
 * new text through {@code jdbc:asklayer:} ({@code prepareStatement} parses, checks, validates,
 * optimizes and writes the warehouse SQL), so the plan cache never answers. {@code program}
 * chooses the optimizer: {@code short}, the default, tries the warehouse program first
 * ({@code io.asklayer.engine.warehouse.WarehouseProgram}); {@code full} forces Calcite's whole
 * Volcano search, through the {@code asklayer.planner} system property. Both in one run compare
 * the two under the same conditions.
 *
 * <ul>
 *   <li>{@code aggregate}: {@link QueryOverheadBenchmark}'s three-table revenue aggregate with a
 *       new {@code HAVING} bound.</li>
 *   <li>{@code join4}: a four-table aggregate written with commas, as Mondrian writes them, grouped
 *       by one of several columns and filtered by a new year.</li>
 *   <li>{@code lookup}: one customer by a key not asked for before.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class PlanningBenchmark {
  private static final String[] GROUPS = {"r.region_name", "p.category", "p.brand",
      "s.channel", "p.subcategory"};

  /** Warehouse scale; planning reads only row counts, so a small one serves. */
  @Param({"0.01"})
  public double scale;

  /** A DuckDB file to use instead of generating one at {@code scale}. */
  @Param({""})
  public String warehouse;

  /** {@code short} (the warehouse program, falling back to Volcano) or {@code full} (Volcano). */
  @Param({"short", "full"})
  public String program;

  /** Seconds of {@link io.asklayer.engine.session.Warmup} before measuring, as {@code serve}. */
  @Param({"20"})
  public int warmupSeconds;

  private Connection asklayer;
  private long fresh = System.nanoTime() % 1_000_000_000L;

  @Setup(Level.Trial)
  public void open() throws Exception {
    if (!program.equals("short") && !program.equals("full")) {
      throw new IllegalArgumentException("program must be short or full, not " + program);
    }
    System.setProperty("asklayer.planner", program);
    String url = "jdbc:duckdb:" + BenchWarehouse.file(scale, warehouse);
    asklayer = DriverManager.getConnection("jdbc:asklayer:user=analyst;warmup_seconds="
        + warmupSeconds + ";warehouse=" + url);
    if (warmupSeconds > 0) {
      System.out.println("warm-up: "
          + io.asklayer.engine.session.Warmup.await(Duration.ofSeconds(warmupSeconds + 60)));
    }
  }

  @TearDown(Level.Trial)
  public void close() throws SQLException {
    asklayer.close();
  }

  @Benchmark
  public void aggregate(Blackhole bh) throws SQLException {
    prepare(QueryOverheadBenchmark.QUERY + " HAVING SUM(s.quantity) > -" + (++fresh), bh);
  }

  @Benchmark
  public void join4(Blackhole bh) throws SQLException {
    long n = ++fresh;
    String group = GROUPS[(int) (n % GROUPS.length)];
    prepare("SELECT " + group + ", SUM(s.quantity) AS units, COUNT(*) AS lines "
        + "FROM sales_transactions s, product_master p, regions r, stores st "
        + "WHERE s.sku = p.sku AND s.region_id = r.region_id AND s.store_id = st.store_id "
        + "AND s.date_key >= " + (20230101 + n) + " GROUP BY " + group, bh);
  }

  @Benchmark
  public void lookup(Blackhole bh) throws SQLException {
    prepare("SELECT customer_id, segment, region_id FROM customers WHERE customer_id = "
        + (++fresh % 100_000), bh);
  }

  private void prepare(String sql, Blackhole bh) throws SQLException {
    try (PreparedStatement s = asklayer.prepareStatement(sql)) {
      bh.consume(s.getMetaData());
    }
  }
}
