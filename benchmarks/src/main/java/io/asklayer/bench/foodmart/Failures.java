package io.asklayer.bench.foodmart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Groups failed queries by root cause. A cause is the first line of the innermost error message
 * (the one that says what went wrong, not the wrappers around it), with the parts that vary from
 * query to query taken out: positions, quoted names and values, numbers. Queries failing for one
 * reason then land in one group however many tables and columns they name.
 */
public final class Failures {
  private static final Pattern SQL_PREFIX = Pattern.compile(
      "^Error while executing SQL \"(?:[^\"]|\"\")*?\": ?");
  private static final Pattern POSITION = Pattern.compile(
      "(From line \\d+, column \\d+ to line \\d+, column \\d+|At line \\d+, column \\d+): ?");
  private static final Pattern SINGLE_QUOTED = Pattern.compile("'(?:[^']|'')*'");
  private static final Pattern DOUBLE_QUOTED = Pattern.compile("\"(?:[^\"]|\"\")*\"");
  /** DuckDB names the missing object unquoted: "Table with name cat does not exist!". */
  private static final Pattern WITH_NAME = Pattern.compile("\\bwith name \\S+");
  private static final Pattern NUMBER = Pattern.compile("\\b\\d+(\\.\\d+)?\\b");
  private static final int MAX_CAUSE = 200;
  private static final int MAX_LINE = 400;

  private Failures() {
  }

  /** The innermost throwable of a chain that has a message. */
  static Throwable innermost(Throwable t) {
    Throwable best = t;
    for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
      if (c.getMessage() != null && !c.getMessage().isBlank()) {
        best = c;
      }
    }
    return best;
  }

  /** The innermost error's first line, as the driver gave it (shortened). */
  public static String firstLine(Throwable t) {
    Throwable c = innermost(t);
    String m = c.getMessage() == null ? c.getClass().getName() : c.getMessage();
    String line = m.lines().findFirst().orElse("").trim();
    line = SQL_PREFIX.matcher(line).replaceFirst("");
    return shorten(line, MAX_LINE);
  }

  /** The root cause of a failure: the innermost error's class and normalised first line. */
  public static String cause(Throwable t) {
    Throwable c = innermost(t);
    return c.getClass().getSimpleName() + ": " + normalize(firstLine(t));
  }

  /** A message with positions, quoted text and numbers replaced by placeholders. */
  static String normalize(String line) {
    String s = POSITION.matcher(line).replaceAll("");
    s = SINGLE_QUOTED.matcher(s).replaceAll("'…'");
    s = DOUBLE_QUOTED.matcher(s).replaceAll("\"…\"");
    s = WITH_NAME.matcher(s).replaceAll("with name …");
    s = NUMBER.matcher(s).replaceAll("N");
    return shorten(s.trim(), MAX_CAUSE);
  }

  private static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  /**
   * One cause and the queries failing with it.
   *
   * @param cause the normalised cause
   * @param ids the failing queries' ids, in run order
   * @param example the full first line of the first failure
   */
  public record Group(String cause, List<Integer> ids, String example) {
    public int count() {
      return ids.size();
    }
  }

  /** Groups outcomes by a cause; largest group first, then by cause. */
  public static List<Group> group(List<FoodmartBench.Outcome> outcomes,
      Function<FoodmartBench.Outcome, FoodmartBench.Run> side) {
    Map<String, List<Integer>> ids = new LinkedHashMap<>();
    Map<String, String> examples = new LinkedHashMap<>();
    for (FoodmartBench.Outcome o : outcomes) {
      FoodmartBench.Run r = side.apply(o);
      if (r != null && !r.answered()) {
        ids.computeIfAbsent(r.error(), k -> new ArrayList<>()).add(o.id());
        examples.putIfAbsent(r.error(), r.message());
      }
    }
    List<Group> out = new ArrayList<>();
    ids.forEach((cause, list) -> out.add(new Group(cause, list, examples.get(cause))));
    out.sort(Comparator.comparingInt(Group::count).reversed().thenComparing(Group::cause));
    return out;
  }
}
