package io.asklayer.bench.tpcds;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Asklayer side of the TPC-DS run, in a JVM of its own that the benchmark can kill.
 *
 * <p>Calcite's planner does not stop for a statement's timeout or for {@code Statement.cancel()}:
 * on some TPC-DS queries (64 among them) its rule search runs for many minutes and fills the heap.
 * In the benchmark's own JVM that would end the whole run. Here such a query costs its time limit
 * and a restart: the parent ({@link Client}) sends one request at a time over this process's
 * standard input and output, and kills the process when an answer is late.
 *
 * <p>Requests are {@link Request}s, answers {@link Reply}s, as serialized Java objects. Logging goes
 * to standard error, which the parent passes through.
 */
public final class AsklayerWorker {
  private AsklayerWorker() {
  }

  /** What the worker is asked to do with a statement. */
  enum Kind {
    /** {@code EXPLAIN PLAN FOR} it; the reply's text is the plan. */
    EXPLAIN,
    /** Run it; the reply has the rows. */
    FETCH,
    /** Run it and read every value; the reply has the time. */
    TIME
  }

  record Request(Kind kind, String sql) implements Serializable {
  }

  /**
   * An answer: a plan's text, rows or a time, or the first line of the error instead.
   */
  record Reply(String text, ResultRows rows, double millis, String error) implements Serializable {
  }

  /** Arguments: warehouse file, model file, per-statement timeout in seconds, DuckDB memory. */
  public static void main(String[] args) throws Exception {
    PrintStream protocol = System.out;
    System.setOut(System.err); // nothing but replies may reach the parent's pipe
    String url = "jdbc:duckdb:" + Path.of(args[0]).toAbsolutePath();
    int timeout = Integer.parseInt(args[2]);
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    // The DuckDB database is one per file and process; Asklayer's connections share its limit.
    try (Connection duckdb = DriverManager.getConnection(url, p)) {
      try (Statement s = duckdb.createStatement()) {
        s.execute("SET memory_limit = '" + args[3].replace("'", "") + "'");
      }
      try (Connection asklayer = DriverManager.getConnection("jdbc:asklayer:user="
              + TpcdsBenchmark.USER + ";model=" + Path.of(args[1]).toAbsolutePath()
              + ";warehouse=" + url);
          ObjectOutputStream out = new ObjectOutputStream(new BufferedOutputStream(protocol));
          ObjectInputStream in = new ObjectInputStream(new BufferedInputStream(System.in))) {
        out.writeObject("ready");
        out.flush();
        while (true) {
          Request r;
          try {
            r = (Request) in.readObject();
          } catch (EOFException e) {
            return;
          }
          out.writeObject(serve(asklayer, r, timeout));
          out.reset(); // no back-references to earlier replies
          out.flush();
        }
      }
    }
  }

  private static Reply serve(Connection c, Request r, int timeout) {
    long t0 = System.nanoTime();
    try (Statement s = c.createStatement()) {
      s.setQueryTimeout(timeout);
      switch (r.kind()) {
        case EXPLAIN -> {
          StringBuilder b = new StringBuilder();
          try (ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + r.sql())) {
            while (rs.next()) {
              b.append(rs.getString(1)).append('\n');
            }
          }
          return new Reply(b.toString().strip(), null, Double.NaN, null);
        }
        case FETCH -> {
          try (ResultSet rs = s.executeQuery(r.sql())) {
            return new Reply(null, ResultRows.read(rs), Double.NaN, null);
          }
        }
        default -> {
          try (ResultSet rs = s.executeQuery(r.sql())) {
            TpcdsBenchmark.readAll(rs);
          }
          return new Reply(null, null, (System.nanoTime() - t0) / 1e6, null);
        }
      }
    } catch (SQLException | RuntimeException | OutOfMemoryError e) {
      return new Reply(null, null, Double.NaN, TpcdsBenchmark.firstLine(e));
    }
  }

  /**
   * Starts worker processes and sends them requests; a request not answered in time kills the
   * worker, and the next request starts a new one.
   */
  static final class Client implements AutoCloseable {
    private final List<String> command;
    private final long deadlineMillis;
    private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "asklayer-worker-reader");
      t.setDaemon(true);
      return t;
    });
    private Process process;
    private ObjectOutputStream out;
    private volatile ObjectInputStream in;

    /**
     * @param timeoutSeconds a statement's time limit inside the worker; the worker is killed when
     *     a reply is half as late again (at least 10 seconds later)
     * @param heap the worker's {@code -Xmx}, such as {@code 4g}
     */
    Client(Path warehouse, Path model, int timeoutSeconds, String duckdbMemory, String heap) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-cp",
          System.getProperty("java.class.path"), AsklayerWorker.class.getName(),
          warehouse.toAbsolutePath().toString(), model.toAbsolutePath().toString(),
          Integer.toString(timeoutSeconds), duckdbMemory));
      this.deadlineMillis = timeoutSeconds * 1000L + Math.max(10_000, timeoutSeconds * 500L);
    }

    /** The reply, or a reply with an error saying the worker was killed after the deadline. */
    Reply call(Request request) {
      try {
        if (process == null) {
          start();
        }
        out.writeObject(request);
        out.reset();
        out.flush();
        Future<Object> f = reader.submit(() -> in.readObject());
        try {
          return (Reply) f.get(deadlineMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          kill();
          return new Reply(null, null, Double.NaN, "no answer in " + deadlineMillis / 1000
              + " s (the planner ignores the statement timeout); worker process killed");
        }
      } catch (Exception e) {
        kill();
        return new Reply(null, null, Double.NaN, "Asklayer worker failed: "
            + TpcdsBenchmark.firstLine(e));
      }
    }

    private void start() throws Exception {
      process = new ProcessBuilder(command)
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      out = new ObjectOutputStream(new BufferedOutputStream(process.getOutputStream()));
      out.flush();
      Process started = process;
      Future<Object> ready = reader.submit(() -> {
        in = new ObjectInputStream(new BufferedInputStream(started.getInputStream()));
        return in.readObject();
      });
      try {
        ready.get(120, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        throw new IOException("the Asklayer worker did not start in 120 s", e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IOException("the Asklayer worker did not start: "
            + TpcdsBenchmark.firstLine(e.getCause()), e);
      }
    }

    private void kill() {
      if (process != null) {
        process.destroyForcibly();
        try {
          process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        process = null;
      }
    }

    @Override public void close() {
      if (process != null) {
        try {
          out.close(); // the worker ends at end of input
          if (!process.waitFor(10, TimeUnit.SECONDS)) {
            kill();
          }
        } catch (IOException e) {
          kill();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          kill();
        }
        process = null;
      }
      reader.shutdownNow();
    }
  }
}
