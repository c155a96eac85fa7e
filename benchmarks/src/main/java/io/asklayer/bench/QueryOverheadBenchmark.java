package io.asklayer.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
 * The same aggregate query (revenue in USD by region, a join of sales, FX rates and regions over
 * every sales line) through {@code jdbc:asklayer:} and through DuckDB's own driver, on the same file
 * in the same run. The ratio of the two is Asklayer's overhead: planning, code generation and
 * streaming the result through Calcite.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class QueryOverheadBenchmark {
  static final String QUERY = "SELECT r.region_name, "
      + "SUM(s.quantity * s.unit_price * (1 - s.discount) * f.usd_per_unit) AS revenue "
      + "FROM sales_transactions s "
      + "JOIN fx_rates f ON f.currency = s.currency AND f.rate_date = s.order_date "
      + "JOIN regions r ON r.region_id = s.region_id GROUP BY r.region_name";

  /** Warehouse scale: 1 is about ten million sales lines. */
  @Param({"1"})
  public double scale;

  /** A DuckDB file to use instead of generating one at {@code scale}. */
  @Param({""})
  public String warehouse;

  private Connection duckdb;
  private Connection asklayer;

  @Setup(Level.Trial)
  public void open() throws Exception {
    String url = "jdbc:duckdb:" + BenchWarehouse.file(scale, warehouse);
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    duckdb = DriverManager.getConnection(url, p);
    asklayer = DriverManager.getConnection("jdbc:asklayer:user=analyst;warehouse=" + url);
  }

  @TearDown(Level.Trial)
  public void close() throws SQLException {
    asklayer.close();
    duckdb.close();
  }

  @Benchmark
  public void duckdbDirect(Blackhole bh) throws SQLException {
    run(duckdb, bh);
  }

  @Benchmark
  public void asklayer(Blackhole bh) throws SQLException {
    run(asklayer, bh);
  }

  static void run(Connection c, Blackhole bh) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(QUERY)) {
      while (rs.next()) {
        bh.consume(rs.getString(1));
        bh.consume(rs.getDouble(2));
      }
    }
  }
}
