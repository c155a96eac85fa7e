package io.asklayer.server;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many clients at once against a server: each its own connection, as one of the demo principals
 * in turn, running a mix of SQL, questions and metadata calls for a while. Reports throughput,
 * latency percentiles and every error.
 */
public final class LoadRun {
  /** What each client runs, in turn. */
  static final List<String> STATEMENTS = List.of(
      "SELECT r.region_name, COUNT(*) FROM sales_transactions s JOIN regions r "
          + "ON r.region_id = s.region_id GROUP BY r.region_name",
      "ASK 'revenue by region in 2025'",
      "SELECT * FROM regions",
      "ASK 'top 5 products by units sold in Q4 2024'",
      "SELECT p.category, SUM(s.quantity) FROM sales_transactions s JOIN product_master p "
          + "ON p.sku = s.sku WHERE s.order_date >= DATE '2025-01-01' GROUP BY p.category",
      "ASK 'gross margin percentage by channel in 2025'",
      "SELECT COUNT(*) FROM customers",
      "EXPLAIN ASK 'monthly revenue by channel in 2025'",
      "SELECT category, AGGREGATE(revenue) FROM semantic.sales GROUP BY category");
  static final List<String> USERS = List.of("analyst", "north_manager", "hr", "admin");

  /** What a run measured. */
  public record Result(int clients, Duration duration, long operations, List<String> errors,
      double p50Millis, double p99Millis) {
    public double perSecond() {
      return operations / (duration.toNanos() / 1e9);
    }

    @Override public String toString() {
      return String.format(Locale.ROOT, "%d clients, %.0f s: %d operations (%.1f/s), p50 %.1f ms, "
          + "p99 %.1f ms, %d errors", clients, duration.toNanos() / 1e9, operations, perSecond(),
          p50Millis, p99Millis, errors.size());
    }
  }

  private LoadRun() {
  }

  /**
   * Runs the load.
   *
   * @param url the server's {@code jdbc:asklayer:remote:} URL
   * @param password every user's password
   */
  public static Result run(String url, String password, int clients, Duration duration)
      throws InterruptedException {
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    AtomicLong operations = new AtomicLong();
    CountDownLatch done = new CountDownLatch(clients);
    long end = System.nanoTime() + duration.toNanos();
    long start = System.nanoTime();
    for (int i = 0; i < clients; i++) {
      int client = i;
      Thread t = new Thread(() -> {
        String user = USERS.get(client % USERS.size());
        try (Connection c = DriverManager.getConnection(url + ";user=" + user + ";password="
            + password)) {
          int n = client;
          while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            try {
              if (n % 10 == 9) {
                metadata(c.getMetaData());
              } else {
                query(c, STATEMENTS.get(n % STATEMENTS.size()));
              }
              latencies.add(System.nanoTime() - t0);
              operations.incrementAndGet();
            } catch (SQLException e) {
              errors.add(user + ": " + e.getMessage());
            }
            n++;
          }
        } catch (SQLException e) {
          errors.add(user + " could not connect: " + e.getMessage());
        } finally {
          done.countDown();
        }
      }, "load-client-" + i);
      t.start();
    }
    done.await();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    return new Result(clients, took, operations.get(), new ArrayList<>(errors),
        percentile(sorted, 0.50), percentile(sorted, 0.99));
  }

  private static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
  }

  private static void query(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        for (int i = 1; i <= md.getColumnCount(); i++) {
          rs.getObject(i);
        }
      }
    }
  }

  private static void metadata(DatabaseMetaData md) throws SQLException {
    for (ResultSet rs : Arrays.asList(md.getTables(null, "retail", "%", null),
        md.getColumns(null, "retail", "sales_transactions", null), md.getSchemas())) {
      try (rs) {
        while (rs.next()) {
          rs.getString(1);
        }
      }
    }
  }
}
