package io.asklayer.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;

/**
 * The demo warehouse a connection without a {@code warehouse} property uses: a DuckDB file under
 * {@code ~/.asklayer/demo/}, generated (scale 0.1, seed 42) by the first process that needs it while
 * others wait on a file lock.
 */
public final class DemoWarehouse {
  /** System property that moves Asklayer's home (default {@code ~/.asklayer}). */
  public static final String HOME_PROPERTY = "asklayer.home";
  /** Environment variable that moves Asklayer's home when the system property is not set. */
  public static final String HOME_ENV = "ASKLAYER_HOME";

  private DemoWarehouse() {
  }

  /** Asklayer's home directory. */
  public static Path home() {
    String p = System.getProperty(HOME_PROPERTY);
    if (p == null || p.isBlank()) {
      p = System.getenv(HOME_ENV);
    }
    return p == null || p.isBlank()
        ? Paths.get(System.getProperty("user.home"), ".asklayer")
        : Paths.get(p);
  }

  /** Where the default demo file lives. */
  public static Path defaultFile() {
    DemoOptions d = DemoOptions.defaults();
    return home().resolve("demo").resolve("retail-s" + d.scale() + "-seed" + d.seed() + ".duckdb");
  }

  /**
   * Returns the default demo file, generating it first if it does not exist yet.
   *
   * @param progress hears about generation steps, if a generation happens
   */
  public static Path ensureDefault(GenerationProgress progress) {
    Path file = defaultFile();
    if (Files.exists(file)) {
      return file;
    }
    try {
      Files.createDirectories(file.getParent());
      Path lock = file.resolveSibling(file.getFileName() + ".lock");
      try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
          FileLock ignored = ch.lock()) {
        // Another process may have finished it while this one waited for the lock.
        if (!Files.exists(file)) {
          RetailDemoGenerator.generate(file, DemoOptions.defaults(), false, progress);
        }
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create the demo warehouse at " + file
          + ": " + e.getMessage(), e);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not generate the demo warehouse at " + file
          + ": " + e.getMessage(), e);
    }
  }
}
