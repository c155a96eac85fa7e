package io.asklayer.bench.tpcds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Formats the outcomes of a TPC-DS run: one line per query for the console, the summary line, and
 * a markdown report with the per-query table and the failures grouped by their first error line.
 */
public final class TpcdsReport {
  private TpcdsReport() {
  }

  /** {@code parsed X/N, pushed down Y/N, same rows Z/N, total asklayer/direct = R}. */
  public static String summary(List<QueryOutcome> outcomes) {
    int n = outcomes.size();
    long parsed = outcomes.stream().filter(QueryOutcome::planned).count();
    long pushed = outcomes.stream().filter(QueryOutcome::pushedDown).count();
    long same = outcomes.stream().filter(QueryOutcome::sameRows).count();
    return String.format(Locale.ROOT, "parsed %d/%d, pushed down %d/%d, same rows %d/%d, "
        + "total asklayer/direct = %s", parsed, n, pushed, n, same, n, ratioText(outcomes));
  }

  /** Sum of Asklayer's medians over sum of DuckDB's, over the queries both answered and timed. */
  static String ratioText(List<QueryOutcome> outcomes) {
    double d = 0;
    double a = 0;
    int timed = 0;
    for (QueryOutcome o : outcomes) {
      if (o.bothAnswered() && !Double.isNaN(o.directMillis())) {
        d += o.directMillis();
        a += o.asklayerMillis();
        timed++;
      }
    }
    if (timed == 0) {
      return "n/a (nothing timed)";
    }
    return String.format(Locale.ROOT, "%.2f (%.0f ms / %.0f ms over %d queries)", a / d, a, d,
        timed);
  }

  /** One console line: number, plans, pushed down, same rows, times, and the problem if any. */
  static String line(QueryOutcome o) {
    String problem = o.problem();
    if (problem == null && !o.pushedDown()) {
      problem = "runs in Asklayer: " + String.join(", ", o.javaOperators());
    }
    return String.format(Locale.ROOT, "Q%02d  plans %-3s  pushed %-3s  same %-3s  rows %4s  "
            + "direct %9s  asklayer %9s  %s", o.number(), yes(o.planned()), yes(o.pushedDown()),
        yes(o.sameRows()), o.rows() < 0 ? "-" : Integer.toString(o.rows()), ms(o.directMillis()),
        ms(o.asklayerMillis()), problem == null ? "" : shorten(problem, 160));
  }

  /** The markdown report. */
  public static String markdown(List<QueryOutcome> outcomes, String title, List<String> preamble) {
    StringBuilder b = new StringBuilder("# ").append(title).append("\n\n");
    for (String p : preamble) {
      b.append(p).append("\n");
    }
    b.append("\n**").append(summary(outcomes)).append("**\n\n");
    b.append("| query | plans | pushed down | same rows | rows | DuckDB ms | Asklayer ms | ratio "
        + "| first error line, or what runs in Asklayer |\n");
    b.append("|---:|:---:|:---:|:---:|---:|---:|---:|---:|---|\n");
    for (QueryOutcome o : outcomes) {
      String note = o.problem();
      if (note == null && !o.pushedDown()) {
        note = "runs in Asklayer: " + String.join(", ", o.javaOperators());
      } else if (note != null && o.planned() && !o.pushedDown()) {
        note = note + " (runs in Asklayer: " + String.join(", ", o.javaOperators()) + ")";
      }
      double ratio = o.asklayerMillis() / o.directMillis();
      b.append(String.format(Locale.ROOT, "| %02d | %s | %s | %s | %s | %s | %s | %s | %s |%n",
          o.number(), yes(o.planned()), yes(o.pushedDown()), yes(o.sameRows()),
          o.rows() < 0 ? "-" : Integer.toString(o.rows()), ms(o.directMillis()),
          ms(o.asklayerMillis()), Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.2f",
              ratio), note == null ? "" : cell(shorten(note, 200))));
    }
    Map<String, List<Integer>> groups = failureGroups(outcomes);
    if (!groups.isEmpty()) {
      b.append("\n## Failures by first error line\n\n");
      groups.forEach((line, numbers) -> b.append("- ").append(cell(shorten(line, 300)))
          .append(": ").append(numbers).append('\n'));
    }
    List<QueryOutcome> notPushed = outcomes.stream()
        .filter(o -> o.planned() && !o.pushedDown()).toList();
    if (!notPushed.isEmpty()) {
      Map<String, List<Integer>> byOperators = new TreeMap<>();
      for (QueryOutcome o : notPushed) {
        byOperators.computeIfAbsent(String.join(", ", o.javaOperators()), k -> new ArrayList<>())
            .add(o.number());
      }
      b.append("\n## Planned but not pushed down, by the operators that run in Asklayer\n\n");
      byOperators.forEach((ops, numbers) -> b.append("- ").append(ops).append(": ")
          .append(numbers).append('\n'));
    }
    List<QueryOutcome> wrong = outcomes.stream().filter(o -> o.diff() != null).toList();
    if (!wrong.isEmpty()) {
      b.append("\n## Wrong rows\n");
      for (QueryOutcome o : wrong) {
        b.append(String.format(Locale.ROOT, "%n### Query %02d%n%n```%n%s%n```%n", o.number(),
            o.diff()));
      }
    }
    return b.toString();
  }

  /** Queries Asklayer did not answer correctly, grouped by their one-line problem. */
  static Map<String, List<Integer>> failureGroups(List<QueryOutcome> outcomes) {
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (QueryOutcome o : outcomes) {
      String p = o.problem();
      if (p != null) {
        // Positions differ from query to query; the message after them is the cause.
        String key = p.startsWith("wrong rows") ? "wrong rows"
            : p.replaceAll("From line \\d+, column \\d+ to line \\d+, column \\d+: ", "")
                .replaceAll("line \\d+, column \\d+", "line L, column C");
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(o.number());
      }
    }
    return groups;
  }

  private static String yes(boolean b) {
    return b ? "yes" : "no";
  }

  private static String ms(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
