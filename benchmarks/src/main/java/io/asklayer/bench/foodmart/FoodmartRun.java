package io.asklayer.bench.foodmart;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The FoodMart benchmark from the command line ({@code benchmarks/foodmart}): every SQL statement
 * Mondrian generated for FoodMart, run on DuckDB directly and through Asklayer, compared row for
 * row and timed. Prints the summary line and the failures by root cause, and writes a markdown
 * report. A real BI workload, not hand-picked queries: what it finds Asklayer cannot plan or gets
 * wrong is what a Mondrian user would hit.
 *
 * <pre>
 * benchmarks/foodmart [--limit N] [--every K] [--ids 1,2,3] [--report FILE] [--dir DIR]
 *                     [--timeout SECONDS] [--warmup N]
 * </pre>
 */
public final class FoodmartRun {
  private FoodmartRun() {
  }

  public static void main(String[] args) throws Exception {
    int limit = Integer.MAX_VALUE;
    int every = 1;
    Set<Integer> ids = null;
    Path report = Path.of("benchmarks", "target", "foodmart", "report.md");
    Path dir = Path.of("benchmarks", "target", "foodmart");
    int timeout = 120;
    int warmup = 100;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--limit" -> limit = Integer.parseInt(value(args, ++i, a));
        case "--every" -> every = Integer.parseInt(value(args, ++i, a));
        case "--ids" -> {
          ids = new HashSet<>();
          for (String s : value(args, ++i, a).split(",")) {
            ids.add(Integer.parseInt(s.trim()));
          }
        }
        case "--report" -> report = Path.of(value(args, ++i, a));
        case "--dir" -> dir = Path.of(value(args, ++i, a));
        case "--timeout" -> timeout = Integer.parseInt(value(args, ++i, a));
        case "--warmup" -> warmup = Integer.parseInt(value(args, ++i, a));
        case "-h", "--help" -> {
          usage();
          return;
        }
        default -> {
          System.err.println("Unknown option " + a);
          usage();
          System.exit(2);
        }
      }
    }
    Set<Integer> only = ids;
    int step = every;
    List<FoodmartQueries.Query> all = FoodmartQueries.load(id -> only == null
        || only.contains(id));
    List<FoodmartQueries.Query> queries = new ArrayList<>();
    for (int i = 0; i < all.size() && queries.size() < limit; i += step) {
      queries.add(all.get(i));
    }
    System.err.printf("FoodMart: %d queries to run (of %d in the file)%n", queries.size(),
        all.size());
    try (FoodmartBench bench = FoodmartBench.open(dir, timeout)) {
      // JIT and caches: run the first queries once, unmeasured, so the timings are steady state.
      int w = Math.min(warmup, queries.size());
      if (w > 0) {
        long t0 = System.nanoTime();
        bench.runAll(queries.subList(0, w), FoodmartBench.Progress.NONE);
        System.err.printf("Warm-up: %d queries in %.1f s%n", w, (System.nanoTime() - t0) / 1e9);
      }
      long t0 = System.nanoTime();
      List<FoodmartBench.Outcome> outcomes = bench.runAll(queries, (done, total, last) -> {
        if (done % 500 == 0 || done == total) {
          System.err.printf("  %d/%d queries (%.0f s)%n", done, total,
              (System.nanoTime() - t0) / 1e9);
        }
      });
      FoodmartReport r = new FoodmartReport(outcomes);
      System.out.println();
      System.out.print(r.console());
      String command = "benchmarks/foodmart " + String.join(" ", args);
      if (report.getParent() != null) {
        Files.createDirectories(report.getParent());
      }
      Files.writeString(report, r.markdown(command.trim()), StandardCharsets.UTF_8);
      System.out.println();
      System.out.println("Report: " + report.toAbsolutePath());
      System.out.println(r.summaryLine());
      System.out.printf(Locale.ROOT, "(run took %.0f s)%n", (System.nanoTime() - t0) / 1e9);
      System.out.println("shapes: " + io.asklayer.engine.session.PlanCache.shapeStats());
    }
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      System.err.println(option + " needs a value");
      usage();
      System.exit(2);
    }
    return args[i];
  }

  private static void usage() {
    System.err.println("""
        Usage: benchmarks/foodmart [options]
          --limit N        run the first N queries (after --every)
          --every K        run every K-th query of the file
          --ids 1,2,3      run these query ids only
          --report FILE    markdown report (default benchmarks/target/foodmart/report.md)
          --dir DIR        where the DuckDB file and model are cached
                           (default benchmarks/target/foodmart)
          --timeout S      seconds one query may take on one side (default 120)
          --warmup N       run the first N queries once, unmeasured, first (default 100)""");
  }
}
