package io.asklayer.engine.semantic;

import io.asklayer.engine.error.AsklayerException;
import io.asklayer.engine.error.ErrorKind;
import io.asklayer.engine.model.TimeGrain;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A metric query written as text, one clause per {@code |}:
 * <pre>
 * metrics: revenue, gross_margin | by: region, order_date.month
 *   | where: category = Electronics, Toys; channel != Amazon; store is not null
 *   | time: 2024-01-01..2025-01-01 | order: revenue desc | limit: 5
 * </pre>
 * Only {@code metrics} is required. Time ranges include the first day and exclude the second; either
 * may be left out ({@code 2024-01-01..}). {@link #format} writes the same form, so what
 * {@code EXPLAIN ASK} shows can be run with {@code metric_query('...')}.
 *
 * <p>Operators are written in {@code metrics}, each optionally followed by {@code as name}:
 * {@code revenue / customer_count}, {@code revenue.share()}, {@code revenue.share(category)},
 * {@code revenue.previous(year)}, {@code revenue.change()}, {@code revenue.growth(12 month)},
 * {@code revenue.running()}, {@code revenue.to_date(year)}, {@code revenue.mean(month)},
 * {@code revenue.mean(store)}, {@code count(reviews)}; the answer has the plain metrics first, then
 * the operators' columns. Three more clauses: {@code having: return_rate > 0.05; category = Toys}
 * (conditions on the answer's columns, {@code ;}-separated), {@code limit: 1 per category} (the
 * first rows within each group) and {@code members: all} (every member of the grouping).
 */
public final class MetricQueryText {
  private MetricQueryText() {
  }

  public static MetricQuery parse(String text) {
    List<String> metrics = List.of();
    List<MetricQuery.DimensionRef> dims = new ArrayList<>();
    List<MetricQuery.Filter> filters = new ArrayList<>();
    MetricQuery.TimeRange time = null;
    List<MetricQuery.Order> order = new ArrayList<>();
    Integer limit = null;
    List<MetricQuery.Calculation> calculations = new ArrayList<>();
    List<MetricQuery.Condition> having = new ArrayList<>();
    List<MetricQuery.DimensionRef> limitPer = new ArrayList<>();
    boolean allMembers = false;
    for (String clause : text.split("\\|")) {
      if (clause.isBlank()) {
        continue;
      }
      int colon = clause.indexOf(':');
      if (colon < 0) {
        throw bad(text, "clause '" + clause.trim() + "' needs a name and a colon");
      }
      String name = clause.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String body = clause.substring(colon + 1).trim();
      switch (name) {
        case "metrics" -> {
          List<String> plain = new ArrayList<>();
          for (String item : topLevel(body, ',')) {
            MetricQuery.Calculation c = calculation(text, item);
            if (c == null) {
              plain.add(item);
            } else {
              calculations.add(c);
            }
          }
          metrics = plain;
        }
        case "by" -> list(body).forEach(d -> dims.add(dimensionRef(text, d)));
        case "where" -> {
          for (String f : body.split(";")) {
            if (f.isBlank()) {
              continue;
            }
            java.util.regex.Matcher presence = java.util.regex.Pattern.compile(
                "(?i)\\s*(\\w+)\\s+is\\s+(not\\s+)?null\\s*").matcher(f);
            if (presence.matches()) {
              filters.add(new MetricQuery.Filter(presence.group(1), List.of(),
                  presence.group(2) != null));
              continue;
            }
            if (f.contains("==")) {
              throw bad(text, "filter '" + f.trim() + "' should read dimension = value, value; "
                  + "separate conditions with ';' (where: region = North; channel = Store)");
            }
            boolean negated = f.contains("!=");
            String[] parts = f.split(negated ? "!=" : "=", 2);
            if (parts.length != 2) {
              throw bad(text, "filter '" + f.trim() + "' should read dimension = value, value");
            }
            List<String> values = list(parts[1]).stream().map(MetricQueryText::unquoted).toList();
            if (values.isEmpty()) {
              throw bad(text, "filter '" + f.trim() + "' names no value; write dimension = value, "
                  + "or dimension is not null");
            }
            filters.add(new MetricQuery.Filter(parts[0].trim(), values, negated));
          }
        }
        case "time" -> {
          String[] ends = body.split("\\.\\.", -1);
          if (ends.length != 2) {
            throw bad(text, "time should read FROM..TO, for example 2024-01-01..2025-01-01");
          }
          java.time.LocalDate from = date(text, ends[0]);
          java.time.LocalDate to = date(text, ends[1]);
          if (from != null && to != null && !from.isBefore(to)) {
            throw bad(text, "time " + body.trim() + " is empty: FROM must come before TO, which "
                + "is exclusive (one day is 2025-01-01..2025-01-02)");
          }
          time = new MetricQuery.TimeRange(from, to);
        }
        case "order" -> {
          for (String o : list(body)) {
            String[] parts = o.trim().split("\\s+");
            String way = parts.length > 1 ? parts[1].toLowerCase(java.util.Locale.ROOT) : "asc";
            if (parts.length > 2 || !List.of("asc", "ascending", "desc", "descending")
                .contains(way)) {
              // "revenue descending high" sorted ascending before: a silent reversal.
              throw bad(text, "order '" + o.trim() + "' should read column [asc|desc], for "
                  + "example order: revenue desc");
            }
            order.add(new MetricQuery.Order(parts[0], way.startsWith("desc")));
          }
        }
        case "limit" -> {
          String[] parts = body.split("(?i)\\s+per\\s+", 2);
          try {
            limit = Integer.valueOf(parts[0].trim());
            if (limit < 0) {
              throw new NumberFormatException();
            }
          } catch (NumberFormatException e) {
            throw bad(text, "limit should be a whole number, or N per dimension, not '" + body
                + "'");
          }
          if (parts.length > 1) {
            list(parts[1]).forEach(d -> limitPer.add(dimensionRef(text, d)));
          }
        }
        case "having" -> {
          for (String c : body.split(";")) {
            if (!c.isBlank()) {
              having.add(condition(text, c));
            }
          }
        }
        case "members" -> {
          if (!body.equalsIgnoreCase("all")) {
            throw bad(text, "members takes 'all' (a row for every member of the grouping), not '"
                + body + "'");
          }
          allMembers = true;
        }
        default -> throw bad(text, "unknown clause '" + name + "'; clauses are metrics, by, "
            + "where, time, having, order, limit, members");
      }
    }
    if (metrics.isEmpty() && calculations.isEmpty()) {
      throw bad(text, "it names no metrics (metrics: revenue, ...)");
    }
    if (!limitPer.isEmpty() && order.isEmpty()) {
      throw bad(text, "'limit: " + limit + " per ...' needs an order, for example order: "
          + "revenue desc, to say which rows come first in each group");
    }
    return new MetricQuery(metrics, dims, filters, time, order, limit, calculations, having,
        limitPer, allMembers);
  }

  private static final java.util.regex.Pattern CALL = java.util.regex.Pattern.compile(
      "(\\w+)\\.(\\w+)\\((.*)\\)");
  private static final java.util.regex.Pattern COUNT = java.util.regex.Pattern.compile(
      "(?i)count\\((\\w+)\\)");
  private static final java.util.regex.Pattern PER = java.util.regex.Pattern.compile(
      "(\\w+)\\s*/\\s*(\\w+)");
  private static final java.util.regex.Pattern ALIAS = java.util.regex.Pattern.compile(
      "(?is)(.*?)\\s+as\\s+(\\w+)");
  private static final java.util.regex.Pattern CONDITION = java.util.regex.Pattern.compile(
      "\\s*(\\w+)\\s*(<=|>=|!=|<>|=|<|>)\\s*(.*?)\\s*");

  /**
   * One operator as {@code metrics} writes it ({@code revenue.growth(year)}), for calculations a
   * model declares.
   */
  public static MetricQuery.Calculation calculation(String item) {
    MetricQuery.Calculation c = calculation(item, item.trim());
    if (c == null) {
      throw bad(item, "'" + item.trim() + "' is a metric, not an operator on one");
    }
    return c;
  }

  /** An operator column, or null for a plain metric name. */
  private static MetricQuery.Calculation calculation(String text, String item) {
    String alias = null;
    java.util.regex.Matcher a = ALIAS.matcher(item);
    if (a.matches()) {
      item = a.group(1).trim();
      alias = a.group(2);
    }
    MetricQuery.Calculation c;
    java.util.regex.Matcher m;
    if ((m = COUNT.matcher(item)).matches()) {
      c = MetricQuery.Calculation.of(MetricQuery.Operator.COUNT, m.group(1));
    } else if ((m = PER.matcher(item)).matches()) {
      c = MetricQuery.Calculation.per(m.group(1), m.group(2));
    } else if ((m = CALL.matcher(item)).matches()) {
      c = operator(text, m.group(1), m.group(2), m.group(3).trim());
    } else if (item.matches("\\w+")) {
      if (alias != null) {
        throw bad(text, "'" + item + " as " + alias + "': a metric keeps its name; 'as' names "
            + "an operator's column");
      }
      return null;
    } else {
      throw bad(text, "'" + item + "' is neither a metric nor an operator; write metric, "
          + "metric / metric, metric.share(), metric.growth(year), metric.running(), "
          + "metric.to_date(year), metric.mean(month) or count(table)");
    }
    return alias == null ? c : c.as(alias);
  }

  private static MetricQuery.Calculation operator(String text, String metric, String op,
      String arg) {
    MetricQuery.Operator operator;
    try {
      operator = MetricQuery.Operator.valueOf(op.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      operator = null;
    }
    if (operator == null || operator == MetricQuery.Operator.PER
        || operator == MetricQuery.Operator.COUNT) {
      throw bad(text, "'" + op + "' is not an operator; operators are share, previous, change, "
          + "growth, running, to_date and mean");
    }
    List<String> args = list(arg);
    return switch (operator) {
      case SHARE -> new MetricQuery.Calculation(operator, metric, null,
          args.stream().map(d -> dimensionRef(text, d)).toList(), null, null);
      case PREVIOUS, CHANGE, GROWTH -> new MetricQuery.Calculation(operator, metric, null,
          List.of(), arg.isEmpty() ? null : period(text, op, arg), null);
      case RUNNING -> {
        if (!arg.isEmpty()) {
          throw bad(text, metric + ".running() takes nothing; it runs along the query's time "
              + "grain (for a total from the start of each year, write " + metric
              + ".to_date(year))");
        }
        yield MetricQuery.Calculation.of(operator, metric);
      }
      case TO_DATE -> {
        if (arg.isEmpty()) {
          throw bad(text, metric + ".to_date(...) needs its period, for example " + metric
              + ".to_date(year)");
        }
        yield new MetricQuery.Calculation(operator, metric, null, List.of(),
            period(text, op, arg), null);
      }
      case MEAN -> {
        if (args.size() != 1) {
          throw bad(text, metric + ".mean(...) takes one period or dimension, for example "
              + metric + ".mean(month) or " + metric + ".mean(store)");
        }
        TimeGrain g = grainOrNull(args.get(0));
        yield g != null
            ? new MetricQuery.Calculation(operator, metric, null, List.of(),
                MetricQuery.Period.of(g), null)
            : new MetricQuery.Calculation(operator, metric, null,
                List.of(dimensionRef(text, args.get(0))), null, null);
      }
      default -> throw new AssertionError(operator);
    };
  }

  /** {@code year}, {@code 1 year} or {@code 12 month}. */
  private static MetricQuery.Period period(String text, String op, String arg) {
    String[] parts = arg.trim().split("\\s+");
    int count = 1;
    if (parts.length == 2) {
      try {
        count = Integer.parseInt(parts[0]);
      } catch (NumberFormatException e) {
        count = 0;
      }
    }
    TimeGrain g = parts.length <= 2 ? grainOrNull(parts[parts.length - 1]) : null;
    if (g == null || count < 1 || parts.length > 2) {
      throw bad(text, op + "(" + arg + ") needs a period such as year, quarter, month, week, "
          + "day or 12 month");
    }
    return new MetricQuery.Period(count, g);
  }

  private static TimeGrain grainOrNull(String word) {
    String w = word.trim().toUpperCase(Locale.ROOT);
    if (w.endsWith("S")) {
      w = w.substring(0, w.length() - 1);
    }
    for (TimeGrain g : TimeGrain.values()) {
      if (g.name().equals(w)) {
        return g;
      }
    }
    return null;
  }

  private static MetricQuery.Condition condition(String text, String c) {
    java.util.regex.Matcher m = CONDITION.matcher(c);
    if (!m.matches() || m.group(3).isEmpty()) {
      throw bad(text, "condition '" + c.trim() + "' should read column > number (or <, <=, >=, "
          + "=, !=), or dimension = value");
    }
    MetricQuery.Comparison comparison = null;
    String symbol = m.group(2).equals("<>") ? "!=" : m.group(2);
    for (MetricQuery.Comparison k : MetricQuery.Comparison.values()) {
      if (k.symbol().equals(symbol)) {
        comparison = k;
      }
    }
    return new MetricQuery.Condition(m.group(1), comparison, m.group(3));
  }

  private static MetricQuery.DimensionRef dimensionRef(String text, String d) {
    int dot = d.indexOf('.');
    return dot < 0 ? MetricQuery.DimensionRef.of(d)
        : new MetricQuery.DimensionRef(d.substring(0, dot), grain(text, d.substring(dot + 1)));
  }

  /** Splits on a separator outside parentheses. */
  private static List<String> topLevel(String body, char separator) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < body.length(); i++) {
      char ch = body.charAt(i);
      if (ch == '(') {
        depth++;
      } else if (ch == ')') {
        depth--;
      } else if (ch == separator && depth == 0) {
        out.add(body.substring(start, i).trim());
        start = i + 1;
      }
    }
    out.add(body.substring(start).trim());
    out.removeIf(String::isEmpty);
    return out;
  }

  public static String format(MetricQuery q) {
    List<String> clauses = new ArrayList<>();
    List<String> columns = new ArrayList<>(q.metrics());
    q.calculations().forEach(c -> columns.add(format(c)));
    clauses.add("metrics: " + String.join(", ", columns));
    if (!q.dimensions().isEmpty()) {
      clauses.add("by: " + refs(q.dimensions()));
    }
    if (!q.filters().isEmpty()) {
      clauses.add("where: " + q.filters().stream()
          .map(f -> f.isPresence() ? f.dimension() + (f.negated() ? " is not null" : " is null")
              : f.dimension() + (f.negated() ? " != " : " = ") + String.join(", ", f.values()))
          .collect(Collectors.joining("; ")));
    }
    if (q.time() != null) {
      clauses.add("time: " + (q.time().from() == null ? "" : q.time().from()) + ".."
          + (q.time().to() == null ? "" : q.time().to()));
    }
    if (!q.having().isEmpty()) {
      clauses.add("having: " + q.having().stream()
          .map(c -> c.column() + " " + c.comparison().symbol() + " " + c.value())
          .collect(Collectors.joining("; ")));
    }
    if (!q.orderBy().isEmpty()) {
      clauses.add("order: " + q.orderBy().stream()
          .map(o -> o.key() + (o.descending() ? " desc" : ""))
          .collect(Collectors.joining(", ")));
    }
    if (q.limit() != null) {
      clauses.add("limit: " + q.limit()
          + (q.limitPer().isEmpty() ? "" : " per " + refs(q.limitPer())));
    }
    if (q.allMembers()) {
      clauses.add("members: all");
    }
    return String.join(" | ", clauses);
  }

  /** One operator column as the {@code metrics} clause writes it. */
  public static String format(MetricQuery.Calculation c) {
    String text = switch (c.operator()) {
      case PER -> c.metric() + " / " + c.other();
      case COUNT -> "count(" + c.metric() + ")";
      default -> c.metric() + "." + c.operator().name().toLowerCase(Locale.ROOT) + "("
          + (c.period() != null ? c.period().toString() : refs(c.over())) + ")";
    };
    return c.alias() == null ? text : text + " as " + c.alias();
  }

  private static String refs(List<MetricQuery.DimensionRef> refs) {
    return refs.stream()
        .map(d -> d.grain() == null ? d.dimension()
            : d.dimension() + "." + d.grain().name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }

  /** A value as written, without the quotes around it ('Store' and "Store" are Store). */
  private static String unquoted(String v) {
    if (v.length() >= 2 && (v.startsWith("'") && v.endsWith("'")
        || v.startsWith("\"") && v.endsWith("\""))) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }

  private static List<String> list(String body) {
    return Arrays.stream(body.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static TimeGrain grain(String text, String g) {
    try {
      return TimeGrain.valueOf(g.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw bad(text, "'" + g + "' is not a grain; grains are day, week, month, quarter, year");
    }
  }

  private static LocalDate date(String text, String d) {
    if (d.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(d.trim());
    } catch (DateTimeParseException e) {
      throw bad(text, "'" + d.trim() + "' is not an ISO date such as 2024-01-31");
    }
  }

  private static AsklayerException bad(String text, String why) {
    return new AsklayerException(ErrorKind.USER, "The metric query '" + text + "' cannot be read: "
        + why + ".");
  }
}
