package io.asklayer.bench;

import io.asklayer.engine.ask.Interpreter;
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
 * order; no cache is involved (each call reads the question afresh).
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
      "revenue for the Antarctica region in 2024");

  /** Warehouse scale whose values ground the questions: 1 is about ten million sales lines. */
  @Param({"1"})
  public double scale;

  /** A DuckDB file to use instead of generating one at {@code scale}. */
  @Param({""})
  public String warehouse;

  private Connection connection;
  private Interpreter interpreter;
  private final LocalDate today = LocalDate.of(2025, 12, 31);
  private int next;

  @Setup(Level.Trial)
  public void open() throws Exception {
    String url = "jdbc:duckdb:" + BenchWarehouse.file(scale, warehouse);
    EmbeddedDriver driver = new EmbeddedDriver(() -> url, Clock.systemUTC());
    connection = driver.connect("jdbc:asklayer:user=analyst", new Properties());
    Session session = EmbeddedDriver.sessionOf(connection);
    interpreter = new Interpreter(session.model(), session.metadata());
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
