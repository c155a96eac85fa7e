package io.asklayer.cli;

import io.asklayer.server.AsklayerServer;
import io.asklayer.server.ServerOptions;
import io.asklayer.server.UserStore;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The training run of the class-data archive ({@link ClassDataArchive} runs it in a JVM that writes
 * the archive at exit): the command line's common work against a tiny demo warehouse, so the
 * classes a real {@code bin/asklayer -e}, {@code shell} or {@code serve} loads are the ones the
 * archive holds. What it runs is what users run first: a lookup, a three-table aggregate, a
 * question, CSV output, and a server answering a remote client.
 */
final class ClassDataTraining {
  static final String LOOKUP = "SELECT sku, product_name, brand, category, list_price "
      + "FROM product_master WHERE sku = 'SKU-123'";
  static final String AGGREGATE = "SELECT r.region_name, "
      + "SUM(s.quantity * s.unit_price * (1 - s.discount) * f.usd_per_unit) AS revenue "
      + "FROM sales_transactions s "
      + "JOIN fx_rates f ON f.currency = s.currency AND f.rate_date = s.order_date "
      + "JOIN regions r ON r.region_id = s.region_id GROUP BY r.region_name";
  static final String QUESTION = "ASK 'revenue by region in 2025'";

  private ClassDataTraining() {}

  /** Trains in the folder {@code args[0]}; exit status 0 only if every step answered. */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    String warehouse = dir.resolve("retail.duckdb").toString();
    PrintStream out = System.out;
    // The answers are not the point; the build log stays readable without them.
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    int failed = 0;
    try {
      failed += status(AsklayerCli.execute("generate", "--scale", "0.001", "--force", "--out",
          warehouse));
      failed += status(AsklayerCli.execute("-e", LOOKUP, "--warehouse", warehouse));
      failed += status(AsklayerCli.execute("-e", AGGREGATE, "--warehouse", warehouse));
      failed += status(AsklayerCli.execute("-e", QUESTION, "--warehouse", warehouse,
          "--format", "csv"));
      try (AsklayerServer server = AsklayerServer.start(ServerOptions.defaults().withPort(0)
          .withWarehouse("jdbc:duckdb:" + warehouse, null, null), UserStore.demo(
              Clock.systemUTC()))) {
        failed += status(AsklayerCli.execute("-e", AGGREGATE, "--server",
            "http://127.0.0.1:" + server.port(), "--password", "demo"));
      }
    } finally {
      System.setOut(out);
    }
    System.exit(failed == 0 ? 0 : 1);
  }

  private static int status(int exit) {
    return exit == 0 ? 0 : 1;
  }
}
