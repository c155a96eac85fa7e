package io.asklayer.bench.foodmart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The results of a FoodMart run, summed up: the one-line summary, the failures grouped by root
 * cause, and a markdown report with the same and more (rows that differ, DuckDB against the rows
 * Mondrian recorded, timings).
 */
public final class FoodmartReport {
  private final List<FoodmartBench.Outcome> outcomes;
  private final int total;
  private final int directAnswered;
  private final int asklayerAnswered;
  private final int sameRows;
  private final int asklayerOnlyAnswered;
  private final int expectedMatched;
  private final long directNanos;
  private final long asklayerNanos;

  public FoodmartReport(List<FoodmartBench.Outcome> outcomes) {
    this.outcomes = List.copyOf(outcomes);
    int d = 0;
    int a = 0;
    int same = 0;
    int only = 0;
    int expected = 0;
    long dn = 0;
    long an = 0;
    for (FoodmartBench.Outcome o : outcomes) {
      if (o.direct().answered()) {
        d++;
        if (o.directMatchesExpected()) {
          expected++;
        }
        if (o.asklayer().answered()) {
          a++;
          dn += o.direct().nanos();
          an += o.asklayer().nanos();
          if (o.sameRows()) {
            same++;
          }
        }
      } else if (o.asklayer().answered()) {
        only++;
      }
    }
    this.total = outcomes.size();
    this.directAnswered = d;
    this.asklayerAnswered = a;
    this.sameRows = same;
    this.asklayerOnlyAnswered = only;
    this.expectedMatched = expected;
    this.directNanos = dn;
    this.asklayerNanos = an;
  }

  public int total() {
    return total;
  }

  public int directAnswered() {
    return directAnswered;
  }

  /** Queries DuckDB answers that Asklayer answers too. */
  public int asklayerAnswered() {
    return asklayerAnswered;
  }

  /** Queries both answer with the same rows. */
  public int sameRows() {
    return sameRows;
  }

  /** Total Asklayer time over total DuckDB time, over the queries both answer. */
  public double ratio() {
    return directNanos == 0 ? Double.NaN : (double) asklayerNanos / directNanos;
  }

  /** The summary line. */
  public String summaryLine() {
    return String.format(Locale.ROOT, "duckdb answers %d/%d, asklayer answers %d of those, "
        + "same rows %d, total asklayer/direct = %.2f", directAnswered, total, asklayerAnswered,
        sameRows, ratio());
  }

  /** Asklayer's failures on queries DuckDB answers, by cause. */
  public List<Failures.Group> asklayerFailures() {
    return Failures.group(outcomes, o -> o.direct().answered() ? o.asklayer() : null);
  }

  /** DuckDB's own failures, by cause. */
  public List<Failures.Group> directFailures() {
    return Failures.group(outcomes, FoodmartBench.Outcome::direct);
  }

  /** Queries both answered with different rows. */
  public List<FoodmartBench.Outcome> mismatches() {
    return outcomes.stream().filter(o -> o.direct().answered() && o.asklayer().answered()
        && o.diff() != null).toList();
  }

  /** The summary and the failure breakdown, for the console. */
  public String console() {
    StringBuilder sb = new StringBuilder();
    sb.append(summaryLine()).append('\n');
    sb.append(String.format(Locale.ROOT, "(DuckDB time %.1f s, Asklayer time %.1f s over the %d "
        + "queries both answer; DuckDB matches the file's expected rows on %d of its %d)%n",
        directNanos / 1e9, asklayerNanos / 1e9, asklayerAnswered, expectedMatched,
        directAnswered));
    List<Failures.Group> af = asklayerFailures();
    sb.append("\nAsklayer failures on queries DuckDB answers: ")
        .append(directAnswered - asklayerAnswered).append('\n');
    for (Failures.Group g : af) {
      sb.append(String.format(Locale.ROOT, "  %5d  %s  (e.g. query %d)%n", g.count(), g.cause(),
          g.ids().get(0)));
    }
    List<FoodmartBench.Outcome> mm = mismatches();
    sb.append("\nDifferent rows: ").append(mm.size()).append('\n');
    for (FoodmartBench.Outcome o : mm.subList(0, Math.min(20, mm.size()))) {
      sb.append("  query ").append(o.id()).append(": ").append(o.diff().lines().findFirst()
          .orElse("")).append('\n');
    }
    List<Failures.Group> df = directFailures();
    sb.append("\nDuckDB failures: ").append(total - directAnswered).append(" (Asklayer answers ")
        .append(asklayerOnlyAnswered).append(" of them)\n");
    for (Failures.Group g : df) {
      sb.append(String.format(Locale.ROOT, "  %5d  %s  (e.g. query %d)%n", g.count(), g.cause(),
          g.ids().get(0)));
    }
    return sb.toString();
  }

  /** The markdown report. */
  public String markdown(String command) {
    StringBuilder md = new StringBuilder();
    md.append("# FoodMart through Asklayer\n\n");
    md.append("The SQL Mondrian generated for FoodMart (`net.hydromatic:foodmart-queries`), run on "
        + "DuckDB directly and through Asklayer on the same DuckDB file in the same process.\n\n");
    if (command != null) {
      md.append("Command: `").append(command).append("`\n\n");
    }
    md.append("**").append(summaryLine()).append("**\n\n");
    md.append("| | queries |\n|---|---:|\n");
    md.append("| run | ").append(total).append(" |\n");
    md.append("| DuckDB answers | ").append(directAnswered).append(" |\n");
    md.append("| ... Asklayer answers too | ").append(asklayerAnswered).append(" |\n");
    md.append("| ... with the same rows | ").append(sameRows).append(" |\n");
    md.append("| ... with different rows | ").append(mismatches().size()).append(" |\n");
    md.append("| DuckDB fails | ").append(total - directAnswered).append(" |\n");
    md.append("| ... Asklayer answers | ").append(asklayerOnlyAnswered).append(" |\n");
    md.append("| DuckDB's rows are the file's expected rows | ").append(expectedMatched)
        .append(" |\n\n");
    md.append(String.format(Locale.ROOT, "Time over the %d queries both answer: DuckDB %.2f s, "
        + "Asklayer %.2f s, ratio %.2f. Each is one run of executing the query and reading every "
        + "row, after a warm-up; per-query ratios are in the timing section.%n%n",
        asklayerAnswered, directNanos / 1e9, asklayerNanos / 1e9, ratio()));

    md.append("## Asklayer failures on queries DuckDB answers\n\n");
    groups(md, asklayerFailures());

    md.append("## Different rows\n\n");
    List<FoodmartBench.Outcome> mm = mismatches();
    if (mm.isEmpty()) {
      md.append("None.\n\n");
    } else {
      for (FoodmartBench.Outcome o : mm.subList(0, Math.min(50, mm.size()))) {
        md.append("- query ").append(o.id()).append(": ")
            .append(o.diff().replace("\n", "\n  ")).append('\n');
      }
      if (mm.size() > 50) {
        md.append("- ... and ").append(mm.size() - 50).append(" more\n");
      }
      md.append('\n');
    }

    md.append("## DuckDB failures\n\n");
    md.append("Not counted against Asklayer: these queries are not valid DuckDB SQL.\n\n");
    groups(md, directFailures());

    md.append("## DuckDB against the rows Mondrian recorded\n\n");
    md.append("The query file holds the rows each query returned on Mondrian's database; "
        + "compared here with DuckDB's, leniently (a number equals text that reads as it). "
        + "Differences say more about the databases (collation of NULLs, string ordering of "
        + "ties, float formatting) than about Asklayer.\n\n");
    List<FoodmartBench.Outcome> ed = outcomes.stream()
        .filter(o -> o.direct().answered() && o.expectedDiff() != null).toList();
    md.append(expectedMatched).append(" of ").append(directAnswered).append(" match; ")
        .append(ed.size()).append(" differ").append(ed.isEmpty() ? ".\n\n" : ", for example:\n\n");
    for (FoodmartBench.Outcome o : ed.subList(0, Math.min(10, ed.size()))) {
      md.append("- query ").append(o.id()).append(": ")
          .append(o.expectedDiff().replace("\n", "\n  ")).append('\n');
    }
    md.append('\n');

    md.append("## Timing\n\n");
    List<FoodmartBench.Outcome> both = outcomes.stream()
        .filter(o -> o.direct().answered() && o.asklayer().answered()).toList();
    if (!both.isEmpty()) {
      List<Double> ratios = new ArrayList<>();
      for (FoodmartBench.Outcome o : both) {
        ratios.add((double) o.asklayer().nanos() / Math.max(1, o.direct().nanos()));
      }
      ratios.sort(Comparator.naturalOrder());
      md.append(String.format(Locale.ROOT, "Per-query Asklayer/DuckDB ratio: median %.1f, "
          + "90th percentile %.1f, max %.1f.%n%n", pct(ratios, 50), pct(ratios, 90),
          ratios.get(ratios.size() - 1)));
      md.append("Slowest through Asklayer:\n\n| query | rows | DuckDB ms | Asklayer ms |\n"
          + "|---:|---:|---:|---:|\n");
      both.stream().sorted(Comparator.comparingLong((FoodmartBench.Outcome o) ->
          o.asklayer().nanos()).reversed()).limit(10).forEach(o -> md.append(String.format(
              Locale.ROOT, "| %d | %d | %.1f | %.1f |%n", o.id(), o.direct().rows(),
              o.direct().nanos() / 1e6, o.asklayer().nanos() / 1e6)));
      md.append('\n');
    }
    return md.toString();
  }

  private static double pct(List<Double> sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }

  private static void groups(StringBuilder md, List<Failures.Group> groups) {
    if (groups.isEmpty()) {
      md.append("None.\n\n");
      return;
    }
    md.append("| count | cause | example query | example error |\n|---:|---|---:|---|\n");
    for (Failures.Group g : groups) {
      md.append("| ").append(g.count()).append(" | ").append(cell(g.cause())).append(" | ")
          .append(g.ids().get(0)).append(" | ").append(cell(g.example())).append(" |\n");
    }
    md.append('\n');
    for (Failures.Group g : groups) {
      md.append("- ").append(cell(g.cause())).append(": queries ");
      List<Integer> ids = g.ids();
      for (int i = 0; i < Math.min(30, ids.size()); i++) {
        md.append(i == 0 ? "" : ", ").append(ids.get(i));
      }
      md.append(ids.size() > 30 ? ", ..." : "").append('\n');
    }
    md.append('\n');
  }

  private static String cell(String s) {
    return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
  }
}
