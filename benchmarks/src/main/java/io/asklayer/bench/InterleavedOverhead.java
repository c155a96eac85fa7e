package io.asklayer.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;

/**
 * What Asklayer adds to a statement, measured so the machine's load falls on both sides alike:
 * each round runs, one after the other, DuckDB directly on a statement, Asklayer on the same
 * statement (a new literal of a shape seen before), and Asklayer on a new shape of it (a new column
 * alias), and reports the medians. JMH runs each kind in its own fork, minutes apart, and on a
 * shared 2-core machine DuckDB's own time moved by half from fork to fork, more than the
 * differences measured.
 *
 * <p>{@code java -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*"
 * io.asklayer.bench.InterleavedOverhead WAREHOUSE.duckdb [statements per round]}: the aggregate and
 * the lookup of {@link QueryOverheadBenchmark}, after the 20 s warm-up {@code serve} does.
 */
public final class InterleavedOverhead {
  private InterleavedOverhead() {
  }

  public static void main(String[] args) throws Exception {
    String file = args[0];
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:" + file, p);
        Connection asklayer = DriverManager.getConnection(
            "jdbc:asklayer:user=analyst;warmup_seconds=20;warehouse=jdbc:duckdb:" + file)) {
      System.out.println("warm-up: " + io.asklayer.engine.session.Warmup.await(
          Duration.ofSeconds(80)));
      String aggregate = QueryOverheadBenchmark.QUERY.replace("r.region_name,",
          "r.region_name AS $A,") + " HAVING MIN(s.quantity) < $N";
      String lookup = "SELECT customer_id AS $A, segment, region_id FROM customers "
          + "WHERE customer_id = $N";
      long fresh = 1_000_000;
      for (String[] kind : new String[][] {{"aggregate", aggregate}, {"lookup", lookup}}) {
        for (int round = 0; round < 3; round++) {
          long[] direct = new long[n];
          long[] seen = new long[n];
          long[] shape = new long[n];
          for (int i = 0; i < n; i++) {
            String base = kind[1].replace("$N", String.valueOf(kind[0].equals("lookup")
                ? ++fresh % 100_000 : ++fresh));
            String literal = base.replace("$A", "x");
            direct[i] = time(duckdb, literal);
            seen[i] = time(asklayer, literal);
            shape[i] = time(asklayer, base.replace("$A", "a" + fresh));
          }
          System.out.printf(Locale.ROOT, "%s, round %d: DuckDB p50 %.2f ms, Asklayer seen shape "
              + "%.2f ms (%+.2f), new shape %.2f ms (%+.2f)%n", kind[0], round, p50(direct),
              p50(seen), p50(seen) - p50(direct), p50(shape), p50(shape) - p50(direct));
        }
      }
    }
  }

  private static double p50(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2] / 1e6;
  }

  private static long time(Connection c, String sql) throws SQLException {
    long t0 = System.nanoTime();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          rs.getObject(i);
        }
      }
    }
    return System.nanoTime() - t0;
  }
}
