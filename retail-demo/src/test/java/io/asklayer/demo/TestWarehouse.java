package io.asklayer.demo;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The scale-0.01 retail warehouse tests share: generated once per test JVM into the module's
 * {@code target/} directory (about two seconds), so it always matches the generator being tested.
 */
public final class TestWarehouse {
  public static final DemoOptions OPTIONS = new DemoOptions(0.01, 42);

  private static Path file;

  private TestWarehouse() {
  }

  /** The warehouse file, generated on first call. */
  public static synchronized Path file() {
    if (file == null) {
      Path f = Paths.get("target", "test-warehouse", "retail-s0.01-seed42.duckdb").toAbsolutePath();
      try {
        RetailDemoGenerator.generate(f, OPTIONS, true, GenerationProgress.NONE);
      } catch (Exception e) {
        throw new IllegalStateException("cannot generate the test warehouse at " + f, e);
      }
      file = f;
    }
    return file;
  }

  /** The DuckDB JDBC URL of the warehouse. */
  public static String url() {
    return "jdbc:duckdb:" + file();
  }
}
