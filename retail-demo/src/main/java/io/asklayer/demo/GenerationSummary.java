package io.asklayer.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What a generation wrote: row counts per table, in the order they were written, and the time taken.
 */
public record GenerationSummary(Path file, DemoOptions options, Map<String, Long> rowCounts,
    Duration took) {
  public GenerationSummary {
    rowCounts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rowCounts));
  }

  /** A table of the row counts, one line per table, for a terminal. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    b.append(String.format("Retail demo warehouse %s (scale %s, seed %d) in %.1f s%n", file,
        options.scale(), options.seed(), took.toMillis() / 1000.0));
    rowCounts.forEach((t, n) -> b.append(String.format("  %-20s %,14d%n", t, n)));
    return b.toString();
  }
}
