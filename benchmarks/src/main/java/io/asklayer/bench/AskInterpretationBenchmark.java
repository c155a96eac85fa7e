package io.asklayer.bench;

import io.asklayer.engine.ask.Interpretation;
import io.asklayer.engine.ask.Interpreter;
import io.asklayer.engine.cache.SemanticCache;
import java.net.URI;
import java.time.Duration;
import io.asklayer.engine.session.EmbeddedDriver;
import io.asklayer.engine.session.Session;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
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
 * Interpretation latency: question to metric query, without planning or execution, over the demo
 * model and the metadata snapshot of the warehouse (its real values: product names, stores,
 * suppliers, ...). Sampled per question, so JMH reports p50 and p99; the target is p50 under 2 ms and
 * p99 under 10 ms. The questions are the development set's kinds, refusals included, cycled in
 * order.
 *
 * <ul>
 *   <li>{@code interpret}: no cache; each call reads the question afresh.</li>
 *   <li>{@code cachedInProcess}: through the session, as ASK does, every question read before:
 *       the semantic cache's in-process tier (target: under 0.2 ms).</li>
 *   <li>{@code cachedRedis}: the shared tier only: the in-process tier is emptied before each
 *       call, so every answer comes from Redis on 127.0.0.1:6379 and is decoded from JSON
 *       (target: under 2 ms). Needs that Redis running.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class AskInterpretationBenchmark {
  static final List<String> QUESTIONS = List.of(
      "What was total revenue in 2024?",
      "revenue by region in 2025",
      "Show monthly sales for 2024",
      "top 5 products by units sold in Q4 2024",
      "What is the gross margin for Electronics in the North region in 2025?",
      "gross margin percentage by channel in 2025",
      "How many orders came through Amazon in March 2025?",
      "revenue and gross margin by category last year",
      "Which 3 stores had the lowest revenue in 2024?",
      "number of customers by segment in 2025",
      "return rate by category excluding Amazon and Magento last quarter",
      "average order value by month in 2025",
      "best selling brand in Sports in 2023",
      "What are the most common return reasons in 2025?",
      "sales for electornics between March 1, 2025 and May 31, 2025",
      "which supplier's products brought in the most revenue in 2025?",
      "units sold by subcategory for Toys in the first half of 2025",
      "online sales vs in-store sales by quarter since October 2024",
      "What is the average salary of employees in the North region?",
      "revenue for the Antarctica region in 2024",
      // The analysts' kinds (eval/ask-analysts-dev.txt): shorthand, count words, idioms,
      // relations, ranges with the year at the end, typos, rankings, operators refused.
      "rev and qty by region last yr",
      "distinct buyers by region in 2025",
      "how many units were sent back in 2025",
      "revenue from suppliers located in Canada in 2024",
      "units sold from March through May 2024",
      "revneue in Decmber 2024",
      "the 3 stores with the least revenue in 2024",
      "revenue per customer in 2025",
      "gross sales in 2024");

  /** Warehouse scale whose values ground the questions: 1 is about ten million sales lines. */
  @Param({"1"})
  public double scale;

  /** A DuckDB file to use instead of generating one at {@code scale}. */
  @Param({""})
  public String warehouse;

  private Connection connection;
  private Session session;
  private Interpreter interpreter;
  private SemanticCache redis;
  private final List<String> keys = new java.util.ArrayList<>();
  private final List<String> readable = new java.util.ArrayList<>();
  private final LocalDate today = LocalDate.of(2025, 12, 31);
  private int next;

  @Setup(Level.Trial)
  public void open() throws Exception {
    String url = "jdbc:duckdb:" + BenchWarehouse.file(scale, warehouse);
    EmbeddedDriver driver = new EmbeddedDriver(() -> url, Clock.systemUTC());
    connection = driver.connect("jdbc:asklayer:user=analyst", new Properties());
    session = EmbeddedDriver.sessionOf(connection);
    interpreter = new Interpreter(session.model(), session.metadata());
    SemanticCache writer = new SemanticCache(URI.create(REDIS), Duration.ofMinutes(10));
    redis = new SemanticCache(URI.create(REDIS), Duration.ofMinutes(10));
    for (String q : QUESTIONS) {
      try {
        Interpretation i = session.interpret(q);
        String key = SemanticCache.key(session.model().fingerprint(),
            session.policy().fingerprint(), session.metadata().fingerprint(), session.today(),
            "", q);
        writer.put(key, i);
        keys.add(key);
        readable.add(q);
      } catch (RuntimeException refused) {
        // refusals are not cached
      }
    }
    if (redis.get(keys.get(0), readable.get(0)) == null) {
      throw new IllegalStateException("Redis at " + REDIS + " did not keep an entry; start it "
          + "with: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save \"\"");
    }
  }

  static final String REDIS = "redis://127.0.0.1:6379";

  @Benchmark
  public Object cachedInProcess() {
    return session.interpret(readable.get(next++ % readable.size()));
  }

  @Benchmark
  public Object cachedRedis() {
    int i = next++ % keys.size();
    redis.clearLocal();
    return redis.get(keys.get(i), readable.get(i));
  }

  @TearDown(Level.Trial)
  public void close() throws SQLException {
    connection.close();
  }

  @Benchmark
  public Object interpret() {
    String q = QUESTIONS.get(next++ % QUESTIONS.size());
    try {
      return interpreter.interpret(q, today);
    } catch (RuntimeException refused) {
      return refused;
    }
  }
}
