package io.asklayer.bench;

import io.asklayer.demo.DemoOptions;
import io.asklayer.demo.GenerationProgress;
import io.asklayer.demo.RetailDemoGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The warehouse file benchmarks run on: the {@code warehouse} parameter if given
 * ({@code -p warehouse=FILE}), otherwise the retail demo at the requested scale under
 * {@code benchmarks/target/bench/}, generated once.
 */
final class BenchWarehouse {
  private BenchWarehouse() {
  }

  static Path file(double scale, String given) throws Exception {
    if (given != null && !given.isBlank()) {
      return Paths.get(given).toAbsolutePath();
    }
    Path f = Paths.get("benchmarks", "target", "bench", "retail-s" + scale + "-seed42.duckdb")
        .toAbsolutePath();
    if (!Files.exists(f)) {
      System.err.println("Generating the scale-" + scale + " warehouse into " + f + " ...");
      RetailDemoGenerator.generate(f, new DemoOptions(scale, 42), false, GenerationProgress.NONE);
    }
    return f;
  }
}
