package io.asklayer.bench;

import io.asklayer.engine.retrieval.DocumentIndex;
import io.asklayer.engine.session.EmbeddedDriver;
import io.asklayer.engine.session.Session;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
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

/**
 * Document search latency: one hybrid query (BM25 and sentence vectors, fused, with snippets) over
 * the analyst's index of every review, policy and supplier email, sampled so JMH reports p50 and
 * p99 (target: p50 under 20 ms). Building the index is timed once in the set-up and printed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class DocumentSearchBenchmark {
  static final List<String> QUERIES = List.of("battery drains fast", "zipper broke",
      "kettle leaks from the lid", "strap snapped on a hike", "rash on my skin",
      "wheels fell off", "return policy for electronics", "late delivery", "great value",
      "supplier quality issue");

  /** Warehouse scale: 1 is about ten million sales lines and 141,000 reviews. */
  @Param({"1"})
  public double scale;

  /** A DuckDB file to use instead of generating one at {@code scale}. */
  @Param({""})
  public String warehouse;

  private Connection connection;
  private DocumentIndex index;
  private int next;

  @Setup(Level.Trial)
  public void open() throws Exception {
    String url = "jdbc:duckdb:" + BenchWarehouse.file(scale, warehouse);
    EmbeddedDriver driver = new EmbeddedDriver(() -> url, Clock.systemUTC());
    connection = driver.connect("jdbc:asklayer:user=analyst", new Properties());
    Session session = EmbeddedDriver.sessionOf(connection);
    long t0 = System.nanoTime();
    index = session.documents();
    System.out.printf("%nIndex built: %d documents in %.1f s (%s)%n", index.size(),
        (System.nanoTime() - t0) / 1e9, index.hybrid() ? "full text and vectors"
            : "full text only");
  }

  @TearDown(Level.Trial)
  public void close() throws SQLException {
    connection.close();
  }

  @Benchmark
  public Object search() {
    return index.search(DocumentIndex.Request.of(QUERIES.get(next++ % QUERIES.size()), 10));
  }
}
