package io.asklayer.bench.tpcds;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Runs TPC-DS queries on one warehouse file twice over: straight on DuckDB (its own JDBC driver,
 * read-only, in this JVM) and through Asklayer ({@code jdbc:asklayer:}) on the same file, in an
 * {@link AsklayerWorker} process that is killed and restarted when a query outlives its time limit
 * (Calcite's planner does not stop when asked). For each query it records whether Asklayer plans
 * it, whether the plan is a single warehouse statement, whether Asklayer's rows are DuckDB's, and
 * the median time of each side.
 *
 * <p>Each query is run once on each side first (which also fetches the rows compared), then
 * {@code repeat} more times alternating the two sides, so a change in machine load affects both.
 * Asklayer's time is measured inside the worker, so the pipe between the processes is not in it.
 */
public final class TpcdsBenchmark implements AutoCloseable {
  /** The bundled semantic model for TPC-DS warehouses. */
  public static final String MODEL_RESOURCE = "/io/asklayer/bench/tpcds/tpcds.yaml";
  /** The principal of the bundled model, which may read every table. */
  public static final String USER = "bench";
  /** The root operator of a plan that runs entirely in the warehouse. */
  static final String CONVERTER = "WarehouseToEnumerableConverter";

  private final Connection direct;
  private final AsklayerWorker.Client asklayer;
  private final int repeat;
  private final int timeoutSeconds;

  /**
   * Connects DuckDB and prepares the Asklayer worker (started on first use).
   *
   * @param warehouse the DuckDB file
   * @param model the semantic model YAML Asklayer reads the warehouse with
   * @param repeat timed runs of each side per query after the first (0: no timing)
   * @param timeoutSeconds longest one run of a query may take on either side
   * @param duckdbMemory DuckDB's memory limit in each process, such as {@code 4GB}: a plan that
   *     makes DuckDB build a cross product then fails instead of taking the machine's memory
   * @param workerHeap the Asklayer worker's maximum heap, such as {@code 4g}
   */
  public TpcdsBenchmark(Path warehouse, Path model, int repeat, int timeoutSeconds,
      String duckdbMemory, String workerHeap) throws SQLException {
    String url = "jdbc:duckdb:" + warehouse.toAbsolutePath();
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    this.direct = DriverManager.getConnection(url, p);
    try (Statement s = direct.createStatement()) {
      s.execute("SET memory_limit = '" + duckdbMemory.replace("'", "") + "'");
    } catch (SQLException | RuntimeException e) {
      direct.close();
      throw e;
    }
    this.asklayer = new AsklayerWorker.Client(warehouse, model, timeoutSeconds, duckdbMemory,
        workerHeap);
    this.repeat = repeat;
    this.timeoutSeconds = timeoutSeconds;
  }

  /** Writes the bundled model to {@code dir/tpcds.yaml} (Asklayer reads models from files). */
  public static Path writeModel(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("tpcds.yaml");
    try (InputStream in = TpcdsBenchmark.class.getResourceAsStream(MODEL_RESOURCE)) {
      if (in == null) {
        throw new IOException("missing resource " + MODEL_RESOURCE);
      }
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }

  /** Runs every query, printing one line per query to {@code log}. */
  public List<QueryOutcome> run(List<TpcdsQuery> queries, PrintStream log) {
    List<QueryOutcome> out = new ArrayList<>();
    for (TpcdsQuery q : queries) {
      long t0 = System.nanoTime();
      QueryOutcome o = run(q);
      out.add(o);
      log.printf(java.util.Locale.ROOT, "%s  [%.1f s]%n", TpcdsReport.line(o),
          (System.nanoTime() - t0) / 1e9);
    }
    return out;
  }

  /** Runs one query on both sides. */
  public QueryOutcome run(TpcdsQuery q) {
    ResultRows directRows = null;
    String directError = null;
    try {
      directRows = fetch(direct, q.sql());
    } catch (SQLException | RuntimeException e) {
      directError = firstLine(e);
    }
    AsklayerWorker.Reply explained = asklayer.call(
        new AsklayerWorker.Request(AsklayerWorker.Kind.EXPLAIN, q.sql()));
    String plan = explained.text();
    String planError = explained.error();
    List<String> javaOperators = plan == null ? List.of() : javaOperators(plan);
    ResultRows asklayerRows = null;
    String asklayerError;
    if (planError != null && planError.startsWith("no answer in")) {
      asklayerError = planError; // running it would plan it again, as long
    } else {
      AsklayerWorker.Reply fetched = asklayer.call(
          new AsklayerWorker.Request(AsklayerWorker.Kind.FETCH, q.sql()));
      asklayerRows = fetched.rows();
      asklayerError = fetched.error();
    }
    String diff = directRows != null && asklayerRows != null
        ? directRows.diff(asklayerRows, "DuckDB", "Asklayer") : null;
    double directMs = Double.NaN;
    double asklayerMs = Double.NaN;
    if (directRows != null && asklayerRows != null && repeat > 0) {
      double[] d = new double[repeat];
      double[] a = new double[repeat];
      for (int i = 0; i < repeat && asklayerError == null; i++) {
        try {
          d[i] = time(direct, q.sql());
        } catch (SQLException | RuntimeException e) {
          directError = "failed on a timed run: " + firstLine(e);
          break;
        }
        AsklayerWorker.Reply timed = asklayer.call(
            new AsklayerWorker.Request(AsklayerWorker.Kind.TIME, q.sql()));
        if (timed.error() != null) {
          asklayerError = "failed on a timed run: " + timed.error();
        }
        a[i] = timed.millis();
      }
      if (directError == null && asklayerError == null) {
        directMs = median(d);
        asklayerMs = median(a);
      }
    }
    return new QueryOutcome(q.number(), directError, planError, plan,
        plan != null && javaOperators.isEmpty(), javaOperators, asklayerError,
        directRows == null ? -1 : directRows.size(), diff, directMs, asklayerMs);
  }

  private ResultRows fetch(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.setQueryTimeout(timeoutSeconds);
      try (ResultSet rs = s.executeQuery(sql)) {
        return ResultRows.read(rs);
      }
    }
  }

  /** Milliseconds to run a query and read every value of every row. */
  private double time(Connection c, String sql) throws SQLException {
    long t0 = System.nanoTime();
    try (Statement s = c.createStatement()) {
      s.setQueryTimeout(timeoutSeconds);
      try (ResultSet rs = s.executeQuery(sql)) {
        readAll(rs);
      }
    }
    return (System.nanoTime() - t0) / 1e6;
  }

  /** Reads every value of every row, as a client would. */
  static void readAll(ResultSet rs) throws SQLException {
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      for (int i = 1; i <= n; i++) {
        rs.getObject(i);
      }
    }
  }

  /**
   * The operators of a plan that do not run in the warehouse: everything but warehouse operators
   * ({@code Jdbc*}, Asklayer's own {@code Warehouse*} ones, and the secured table scans under
   * them) and the one converter at the root.
   * Empty means the whole query is one warehouse statement.
   */
  static List<String> javaOperators(String plan) {
    Set<String> out = new LinkedHashSet<>();
    List<String> lines = plan.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    for (int i = 0; i < lines.size(); i++) {
      String op = operator(lines.get(i));
      if (i == 0 && op.equals(CONVERTER)) {
        continue;
      }
      boolean warehouse = op.startsWith("Jdbc") || op.equals("SecuredScan")
          || op.startsWith("Warehouse") && !op.equals(CONVERTER);
      if (!warehouse) {
        out.add(op);
      }
    }
    return List.copyOf(out);
  }

  private static String operator(String line) {
    int paren = line.indexOf('(');
    return (paren < 0 ? line : line.substring(0, paren)).strip();
  }

  /**
   * The first line of the innermost message of an error: Calcite's "Error while executing SQL"
   * wrapper repeats the whole statement, and the cause says what went wrong.
   */
  static String firstLine(Throwable e) {
    String message = null;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getClass().getSimpleName() + ": " + t.getMessage();
      }
    }
    if (message == null) {
      return e.getClass().getName();
    }
    return message.strip().lines().findFirst().orElse(message);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  @Override public void close() throws SQLException {
    try {
      asklayer.close();
    } finally {
      direct.close();
    }
  }
}
