package io.asklayer.cli;

import io.asklayer.demo.DemoOptions;
import io.asklayer.demo.GenerationProgress;
import io.asklayer.demo.GenerationSummary;
import io.asklayer.demo.RetailDemoGenerator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Generates the retail demo warehouse into a DuckDB file. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    versionProvider = AsklayerCli.Version.class,
    description = "Generate the retail demo warehouse into a DuckDB file.")
final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--scale", defaultValue = "0.1",
      description = "Scale: 1 is about ten million sales lines, 0.01 is for tests "
          + "(default: ${DEFAULT-VALUE}).")
  double scale;

  @Option(names = "--seed", defaultValue = "42",
      description = "Random seed; the same seed and scale give the same data "
          + "(default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE",
      description = "DuckDB file to write.")
  Path out;

  @Option(names = "--force", description = "Replace FILE if it exists.")
  boolean force;

  @Override public Integer call() throws Exception {
    DemoOptions options;
    try {
      options = new DemoOptions(scale, seed);
    } catch (IllegalArgumentException e) {
      System.err.println("Invalid --scale: " + e.getMessage());
      return 2;
    }
    GenerationProgress progress = System.console() != null ? Progress.toStderr()
        : GenerationProgress.NONE;
    try {
      GenerationSummary summary = RetailDemoGenerator.generate(out, options, force, progress);
      System.out.print(summary.describe());
      return 0;
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 1;
    }
  }
}
