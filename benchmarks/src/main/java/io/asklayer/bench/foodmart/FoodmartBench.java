package io.asklayer.bench.foodmart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs FoodMart queries twice, on DuckDB directly and through Asklayer
 * ({@code jdbc:asklayer:...;warehouse=jdbc:duckdb:FILE}) on the same file in the same process, and
 * records for each whether each side answered, how long it took (execution and reading every row),
 * and whether the two gave the same rows; also whether DuckDB's rows are the rows Mondrian's own
 * database returned, as recorded in the query file. Used by {@link FoodmartRun} for the whole set
 * and by the smoke test for a sample.
 */
public final class FoodmartBench implements AutoCloseable {
  /** Classpath location of the FoodMart semantic model. */
  public static final String MODEL_RESOURCE = "/io/asklayer/bench/foodmart/foodmart.yaml";
  /** The principal the benchmark connects to Asklayer as (declared in the model). */
  public static final String USER = "mondrian";
  /** Rows of a difference shown in a report. */
  private static final int DIFF_ROWS = 3;

  private final String duckdbUrl;
  private final String asklayerUrl;
  private final int timeoutSeconds;
  private ExecutorService executor = newExecutor();
  private Connection duckdb;
  private Connection asklayer;

  /**
   * One side's run of one query.
   *
   * @param error the first line of the error, normalised into a cause (null when it answered)
   * @param message the error's full first line as the driver gave it (null when it answered)
   * @param rows how many rows it returned
   * @param nanos how long executing and reading every row took
   */
  public record Run(String error, String message, int rows, long nanos) {
    public boolean answered() {
      return error == null;
    }
  }

  /**
   * What happened to one query.
   *
   * @param diff null when both answered with the same rows; otherwise how the rows differ (null
   *     too when either side failed)
   * @param expectedDiff null when DuckDB's rows are the file's expected rows, or when DuckDB
   *     failed; otherwise how they differ
   */
  public record Outcome(int id, String sql, Run direct, Run asklayer, String diff,
      String expectedDiff) {
    public boolean sameRows() {
      return direct.answered() && asklayer.answered() && diff == null;
    }

    public boolean directMatchesExpected() {
      return direct.answered() && expectedDiff == null;
    }
  }

  private FoodmartBench(String duckdbUrl, String asklayerUrl, int timeoutSeconds)
      throws SQLException {
    this.duckdbUrl = duckdbUrl;
    this.asklayerUrl = asklayerUrl;
    this.timeoutSeconds = timeoutSeconds;
    this.duckdb = openDuckdb();
    this.asklayer = DriverManager.getConnection(asklayerUrl);
  }

  /**
   * Makes sure the FoodMart DuckDB file and the model file are in {@code dir}, then opens both
   * connections.
   *
   * @param timeoutSeconds longest one query may take on one side before it is cancelled
   */
  public static FoodmartBench open(Path dir, int timeoutSeconds) throws IOException,
      SQLException {
    Path data = FoodmartData.ensure(dir);
    Path model = writeModel(dir);
    String warehouse = "jdbc:duckdb:" + data;
    return new FoodmartBench(warehouse, asklayerUrl(USER, model, warehouse), timeoutSeconds);
  }

  /** The Asklayer URL for a user, model file and warehouse URL. */
  public static String asklayerUrl(String user, Path model, String warehouse) {
    return "jdbc:asklayer:user=" + user + ";model=" + model + ";warehouse=" + warehouse;
  }

  /** Copies the bundled model to {@code dir/foodmart.yaml} (a model is named by its path). */
  static Path writeModel(Path dir) throws IOException {
    byte[] text;
    try (InputStream in = FoodmartBench.class.getResourceAsStream(MODEL_RESOURCE)) {
      if (in == null) {
        throw new IOException(MODEL_RESOURCE + " is not on the class path");
      }
      text = in.readAllBytes();
    }
    Path file = dir.resolve("foodmart.yaml").toAbsolutePath();
    if (!Files.exists(file) || !Arrays.equals(Files.readAllBytes(file), text)) {
      Files.createDirectories(dir);
      Path tmp = dir.resolve("foodmart.yaml.tmp-" + ProcessHandle.current().pid());
      Files.write(tmp, text);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
    return file;
  }

  public String asklayerUrl() {
    return asklayerUrl;
  }

  private Connection openDuckdb() throws SQLException {
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    return DriverManager.getConnection(duckdbUrl, p);
  }

  /** Runs every query, reporting progress to {@code progress} after each. */
  public List<Outcome> runAll(List<FoodmartQueries.Query> queries, Progress progress) {
    List<Outcome> out = new ArrayList<>(queries.size());
    for (FoodmartQueries.Query q : queries) {
      Outcome o = run(q);
      out.add(o);
      progress.done(out.size(), queries.size(), o);
    }
    return out;
  }

  /** Told after each query. */
  @FunctionalInterface
  public interface Progress {
    Progress NONE = (done, total, last) -> { };

    void done(int done, int total, Outcome last);
  }

  /** Runs one query on both sides and compares. */
  public Outcome run(FoodmartQueries.Query q) {
    Side d = execute(false, q.sql());
    Side a = execute(true, q.sql());
    String diff = null;
    List<List<Object>> direct = d.rows == null ? null : Rows.canonical(d.rows);
    if (direct != null && a.rows != null) {
      diff = Rows.diff(direct, Rows.canonical(a.rows), false, "duckdb", "asklayer", DIFF_ROWS);
    }
    String expectedDiff = null;
    if (direct != null) {
      expectedDiff = Rows.diff(Rows.canonicalLists(q.rows()), direct, true, "expected", "duckdb",
          DIFF_ROWS);
    }
    return new Outcome(q.id(), q.sql(), d.run, a.run, diff, expectedDiff);
  }

  /** A side's run with the rows it read (null when it failed). */
  private record Side(Run run, List<Object[]> rows) {
  }

  private Side execute(boolean viaAsklayer, String sql) {
    Connection c = viaAsklayer ? asklayer : duckdb;
    Statement[] holder = new Statement[1];
    long t0 = System.nanoTime();
    Future<List<Object[]>> f = executor.submit(() -> {
      try (Statement s = c.createStatement()) {
        holder[0] = s;
        try (ResultSet rs = s.executeQuery(sql)) {
          return Rows.read(rs);
        }
      }
    });
    try {
      List<Object[]> rows = f.get(timeoutSeconds, TimeUnit.SECONDS);
      long nanos = System.nanoTime() - t0;
      return new Side(new Run(null, null, rows.size(), nanos), rows);
    } catch (TimeoutException e) {
      long nanos = System.nanoTime() - t0;
      abandon(viaAsklayer, holder[0], f);
      String m = "timed out after " + timeoutSeconds + " s";
      return new Side(new Run(m, m, 0, nanos), null);
    } catch (ExecutionException e) {
      long nanos = System.nanoTime() - t0;
      Throwable cause = e.getCause() == null ? e : e.getCause();
      reopenIfClosed(viaAsklayer);
      return new Side(new Run(Failures.cause(cause), Failures.firstLine(cause), 0, nanos), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Cancels a query that ran too long and gives its side a fresh connection. */
  private void abandon(boolean viaAsklayer, Statement s, Future<?> f) {
    try {
      if (s != null) {
        s.cancel();
      }
    } catch (SQLException | RuntimeException ignored) {
      // the connection is replaced below either way
    }
    try {
      f.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException ignored) {
      // cancelled or failed: the thread is free again
    } catch (TimeoutException stuck) {
      // The thread does not answer cancellation: leave it (a daemon) and use a new one.
      executor.shutdownNow();
      executor = newExecutor();
    }
    try {
      Connection old = viaAsklayer ? asklayer : duckdb;
      Connection fresh = viaAsklayer ? DriverManager.getConnection(asklayerUrl) : openDuckdb();
      if (viaAsklayer) {
        asklayer = fresh;
      } else {
        duckdb = fresh;
      }
      closeQuietly(old);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reconnect after a timeout: " + e.getMessage(), e);
    }
  }

  private static ExecutorService newExecutor() {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "foodmart-query");
      t.setDaemon(true);
      return t;
    });
  }

  private void reopenIfClosed(boolean viaAsklayer) {
    try {
      Connection c = viaAsklayer ? asklayer : duckdb;
      if (c.isClosed()) {
        if (viaAsklayer) {
          asklayer = DriverManager.getConnection(asklayerUrl);
        } else {
          duckdb = openDuckdb();
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reconnect: " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException | RuntimeException ignored) {
      // closing a connection that a cancelled query left behind
    }
  }

  @Override public void close() {
    executor.shutdownNow();
    closeQuietly(asklayer);
    closeQuietly(duckdb);
  }
}
