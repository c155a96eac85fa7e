package io.asklayer.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs one statement and prints its result. */
@Command(name = "query", mixinStandardHelpOptions = true,
    versionProvider = AsklayerCli.Version.class,
    description = "Run one statement and print the result as a table or CSV.")
final class QueryCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;

  @Option(names = {"-f", "--format"}, defaultValue = "table",
      description = "Output format: table or csv (default: ${DEFAULT-VALUE}).")
  String format;

  @Parameters(paramLabel = "SQL", description = "The statement to run.")
  String sql;

  @Override public Integer call() {
    return run(connection, sql, format);
  }

  /**
   * Warnings go to stderr, so a CSV on stdout stays clean and an answer that needs a caveat (a
   * time range past the data's end) is never printed without it.
   */
  private static void printWarnings(java.sql.SQLWarning w) {
    for (; w != null; w = w.getNextWarning()) {
      System.err.println("Warning: " + w.getMessage());
    }
  }

  /** Runs {@code sql}; prints the result and its warnings, or the error and exits 1. */
  static int run(ConnectionOptions options, String sql, String format) {
    ResultPrinter.Format f;
    try {
      f = ResultPrinter.Format.valueOf(format.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      System.err.println("Unknown format '" + format + "': use table or csv.");
      return 2;
    }
    options.prepareDemo();
    try (Connection c = DriverManager.getConnection(options.url());
        Statement s = c.createStatement()) {
      if (s.execute(sql)) {
        try (ResultSet rs = s.getResultSet()) {
          ResultPrinter.print(rs, f, System.out);
          printWarnings(rs.getWarnings());
        }
      }
      printWarnings(s.getWarnings());
      return 0;
    } catch (SQLException e) {
      System.err.println("Error (" + e.getSQLState() + "): " + e.getMessage());
      return 1;
    }
  }
}
