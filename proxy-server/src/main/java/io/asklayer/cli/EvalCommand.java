package io.asklayer.cli;

import io.asklayer.demo.DemoWarehouse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs question sets with gold SQL and prints PASS or FAIL per question and the accuracy. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    versionProvider = AsklayerCli.Version.class,
    description = "Run question sets (shared/eval format) through ASK and "
    + "compare each answer with its gold SQL run directly on the warehouse.")
final class EvalCommand implements Callable<Integer> {
  @Option(names = {"-w", "--warehouse"}, paramLabel = "FILE|URL",
      description = "DuckDB file or warehouse JDBC URL (default: the demo warehouse).")
  String warehouse;

  @Option(names = {"-m", "--model"}, paramLabel = "FILE",
      description = "Semantic model YAML (default: the bundled retail demo model).")
  Path model;

  @Option(names = {"-v", "--verbose"}, description = "Show the answer or refusal of passes too.")
  boolean verbose;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Question set files.")
  List<Path> files;

  @Override public Integer call() throws IOException {
    String url;
    if (warehouse == null) {
      DemoWarehouse.ensureDefault(Progress.toStderr());
      url = "jdbc:duckdb:" + DemoWarehouse.defaultFile();
    } else {
      url = warehouse.startsWith("jdbc:") ? warehouse
          : "jdbc:duckdb:" + Path.of(warehouse).toAbsolutePath();
    }
    int passed = 0;
    int total = 0;
    // Per file and per kind of question (the optional "kind:" key), so a set's figure is its own.
    java.util.Map<String, int[]> parts = new java.util.LinkedHashMap<>();
    for (Path f : files) {
      for (AskEval.Question q : AskEval.read(f)) {
        AskEval.Outcome o = AskEval.run(q, url, model == null ? null : model.toAbsolutePath());
        total++;
        passed += o.passed() ? 1 : 0;
        count(parts, f.getFileName().toString(), o.passed());
        if (q.get("kind") != null) {
          count(parts, f.getFileName() + " / " + q.get("kind"), o.passed());
        }
        System.out.println((o.passed() ? "PASS " : "FAIL ") + q.id() + "  " + q.get("ask")
            + (o.passed() && !verbose ? "" : "\n     " + o.detail()));
      }
    }
    parts.forEach((name, n) -> System.out.printf(java.util.Locale.ROOT,
        "  %s: %d/%d (%.1f%%)%n", name, n[0], n[1], 100.0 * n[0] / n[1]));
    System.out.printf(java.util.Locale.ROOT, "accuracy: %d/%d (%.1f%%)%n", passed, total,
        total == 0 ? 0.0 : 100.0 * passed / total);
    return passed == total ? 0 : 1;
  }

  private static void count(java.util.Map<String, int[]> parts, String name, boolean passed) {
    int[] n = parts.computeIfAbsent(name, k -> new int[2]);
    n[0] += passed ? 1 : 0;
    n[1]++;
  }
}
