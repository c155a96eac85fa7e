package io.asklayer.bench.tpcds;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The TPC-DS correctness and overhead run: generates (or reuses) a TPC-DS warehouse of the given
 * scale, runs the 99 queries straight on DuckDB and through Asklayer, prints a table and writes a
 * markdown report. Its last line is the summary: {@code parsed X/99, pushed down Y/99, same rows
 * Z/99, total asklayer/direct = R}. Run it with {@code benchmarks/tpcds} from the repository root.
 *
 * <p>It answers two questions about the engine on a standard workload it was not written for: how
 * much of TPC-DS it can plan, push down whole and answer as DuckDB does, and what it costs in time
 * over DuckDB alone.
 */
public final class TpcdsRun {
  static final String USAGE = """
      Usage: benchmarks/tpcds [options]
        --scale S        TPC-DS scale factor (default 1; 0.01 and 0.1 work too)
        --queries DIR    folder with queries/NN.sql (default ../shared/tpcds)
        --repeat N       timed runs of each side per query after the first (default 3; 0: none)
        --report FILE    markdown report (default benchmarks/target/tpcds/report-sf<scale>.md)
        --data DIR       where generated warehouses are cached (default benchmarks/target/tpcds)
        --warehouse FILE a TPC-DS DuckDB file to use instead of generating one
        --model FILE     semantic model YAML (default: the bundled tpcds.yaml)
        --only LIST      query numbers to run, e.g. 5,14,77 (default: all)
        --timeout S      longest one run of a query may take, in seconds (default 300)
        --memory M       DuckDB's memory limit in each process (default 4GB)
        --heap H         the Asklayer worker's -Xmx (default 6g)
        --plans DIR      also write Asklayer's plan of each query to DIR/NN.txt
      """;

  private TpcdsRun() {
  }

  public static void main(String[] args) throws Exception {
    double scale = 1;
    Path queries = Path.of("..", "shared", "tpcds");
    int repeat = 3;
    Path report = null;
    Path data = Path.of("benchmarks", "target", "tpcds");
    Path warehouse = null;
    Path model = null;
    Set<Integer> only = new TreeSet<>();
    int timeout = 300;
    String memory = "4GB";
    String heap = "6g";
    Path plans = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-h") || a.equals("--help")) {
        System.out.print(USAGE);
        return;
      }
      if (i + 1 >= args.length) {
        fail("option " + a + " needs a value");
      }
      String v = args[++i];
      switch (a) {
        case "--scale" -> scale = Double.parseDouble(v);
        case "--queries" -> queries = Path.of(v);
        case "--repeat" -> repeat = Integer.parseInt(v);
        case "--report" -> report = Path.of(v);
        case "--data" -> data = Path.of(v);
        case "--warehouse" -> warehouse = Path.of(v);
        case "--model" -> model = Path.of(v);
        case "--only" -> {
          for (String n : v.split(",")) {
            only.add(Integer.parseInt(n.strip()));
          }
        }
        case "--timeout" -> timeout = Integer.parseInt(v);
        case "--memory" -> memory = v;
        case "--heap" -> heap = v;
        case "--plans" -> plans = Path.of(v);
        default -> fail("unknown option " + a);
      }
    }
    List<TpcdsQuery> all = TpcdsQuery.load(queries);
    List<TpcdsQuery> selected = new ArrayList<>();
    for (TpcdsQuery q : all) {
      if (only.isEmpty() || only.contains(q.number())) {
        selected.add(q);
      }
    }
    if (warehouse == null) {
      warehouse = TpcdsData.ensure(data, scale, System.err);
    }
    if (model == null) {
      model = TpcdsBenchmark.writeModel(data);
    }
    if (report == null) {
      report = data.resolve("report-" + TpcdsData.scaleName(scale) + ".md");
    }
    System.out.printf("TPC-DS %s: %d queries, warehouse %s, %d timed runs each%n",
        TpcdsData.scaleName(scale), selected.size(), warehouse, repeat);
    long t0 = System.nanoTime();
    List<QueryOutcome> outcomes;
    try (TpcdsBenchmark bench = new TpcdsBenchmark(warehouse, model, repeat, timeout,
        memory, heap)) {
      outcomes = bench.run(selected, System.out);
    }
    if (plans != null) {
      Files.createDirectories(plans);
      for (QueryOutcome o : outcomes) {
        Files.writeString(plans.resolve(String.format("%02d.txt", o.number())),
            o.plan() != null ? o.plan() + "\n" : "not planned: " + o.planError() + "\n",
            StandardCharsets.UTF_8);
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    List<String> preamble = List.of(
        "Run " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " on "
            + Runtime.getRuntime().availableProcessors() + " cores, Java "
            + System.getProperty("java.version") + ", in " + Math.round(seconds) + " s.",
        "",
        "Each query ran once on each side (the rows compared), then " + repeat + " more times "
            + "alternating the two; times are medians of those, in milliseconds, including "
            + "reading every value. *Plans*: `EXPLAIN PLAN FOR` succeeds through Asklayer. "
            + "*Pushed down*: the plan is one `" + TpcdsBenchmark.CONVERTER + "` over warehouse "
            + "(`Jdbc*` and Asklayer's `Warehouse*`) operators only. *Same rows*: Asklayer's rows "
            + "equal DuckDB's as multisets (numbers to 2 decimals or 1e-6 relative). The ratio is "
            + "the sum of Asklayer's times over the sum of DuckDB's, over the queries both "
            + "answered.",
        "",
        "Command: `benchmarks/tpcds --scale " + scale + " --repeat " + repeat
            + (only.isEmpty() ? "" : " --only " + String.join(",",
                only.stream().map(String::valueOf).toList())) + "`");
    String md = TpcdsReport.markdown(outcomes, "TPC-DS through Asklayer, scale "
        + TpcdsData.scaleName(scale).substring(2), preamble);
    if (report.getParent() != null) {
      Files.createDirectories(report.getParent());
    }
    Files.writeString(report, md, StandardCharsets.UTF_8);
    System.out.println("Report: " + report);
    System.out.println(TpcdsReport.summary(outcomes));
  }

  private static void fail(String message) {
    System.err.println(message);
    System.err.print(USAGE);
    System.exit(2);
  }
}
