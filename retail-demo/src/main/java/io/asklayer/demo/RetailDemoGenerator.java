package io.asklayer.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.duckdb.DuckDBConnection;

/**
 * Writes the retail demo warehouse of DESIGN section 4 into a DuckDB file, deterministically for
 * given {@link DemoOptions}. The file appears whole or not at all: it is built under a temporary
 * name beside the target and moved into place when complete.
 */
public final class RetailDemoGenerator {
  private static final int STEPS = 13;

  private RetailDemoGenerator() {
  }

  /**
   * Generates the warehouse into {@code out}.
   *
   * @throws IllegalArgumentException if {@code out} exists and {@code replace} is false
   */
  public static GenerationSummary generate(Path out, DemoOptions options, boolean replace,
      GenerationProgress progress) throws IOException, SQLException {
    Objects.requireNonNull(options, "options");
    Path target = out.toAbsolutePath();
    if (Files.exists(target) && !replace) {
      throw new IllegalArgumentException(target + " already exists; choose another file or "
          + "allow replacing it (--force)");
    }
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".partial");
    // DuckDB refuses to open an empty file as a database; it must create the file itself.
    Files.delete(temp);
    long started = System.nanoTime();
    Map<String, Long> counts = new LinkedHashMap<>();
    try {
      try (DuckDBConnection c =
          (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + temp)) {
        new Run(c, options, progress, counts).all();
      }
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
      Files.deleteIfExists(temp.resolveSibling(temp.getFileName() + ".wal"));
    }
    return new GenerationSummary(target, options, counts,
        Duration.ofNanos(System.nanoTime() - started));
  }

  /** One generation: the steps in order, each timed and reported. */
  private static final class Run {
    private final DuckDBConnection connection;
    private final GenerationProgress progress;
    private final Map<String, Long> counts;
    private final Dimensions dimensions;
    private final Facts facts;
    private int step;

    Run(DuckDBConnection connection, DemoOptions options, GenerationProgress progress,
        Map<String, Long> counts) {
      this.connection = connection;
      this.progress = progress;
      this.counts = counts;
      this.dimensions = new Dimensions(connection, options);
      this.facts = new Facts(connection, options);
    }

    void all() throws SQLException, IOException {
      createSchema();
      table("regions", dimensions::writeRegions);
      table("stores", dimensions::writeStores);
      table("suppliers", dimensions::writeSuppliers);
      table("product_master", dimensions::writeProducts);
      table("customers", dimensions::writeCustomers);
      table("employees", dimensions::writeEmployees);
      table("fx_rates", dimensions::writeFxRates);
      facts.prepare(dimensions.products());
      work("order lines (staging)", facts::buildLines);
      table("sales_transactions", facts::writeSales);
      table("returns", facts::writeReturns);
      table("product_reviews", facts::writeReviews);
      table("policy_documents", dimensions::writePolicies);
      table("supplier_emails", dimensions::writeSupplierEmails);
      try (Statement s = connection.createStatement()) {
        s.execute("CHECKPOINT");
      }
    }

    private void createSchema() throws IOException, SQLException {
      try (InputStream in = RetailDemoGenerator.class.getResourceAsStream("retail-schema.sql");
          Statement s = connection.createStatement()) {
        s.execute(new String(Objects.requireNonNull(in, "retail-schema.sql").readAllBytes(),
            StandardCharsets.UTF_8));
      }
    }

    private void table(String name, RowWriter writer) throws SQLException {
      long rows = timed(name, writer);
      counts.put(name, rows);
    }

    private void work(String name, RowWriter writer) throws SQLException {
      timed(name, writer);
    }

    private long timed(String name, RowWriter writer) throws SQLException {
      long t0 = System.nanoTime();
      long rows = writer.write();
      progress.finished(++step, STEPS, name, rows, Duration.ofNanos(System.nanoTime() - t0));
      return rows;
    }
  }

  /** A step that writes rows and says how many. */
  @FunctionalInterface
  private interface RowWriter {
    long write() throws SQLException;
  }
}
