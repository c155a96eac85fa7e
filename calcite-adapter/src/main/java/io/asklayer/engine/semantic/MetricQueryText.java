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
        case "metrics" -> metrics = list(body);
        case "by" -> {
          for (String d : list(body)) {
            int dot = d.indexOf('.');
            dims.add(dot < 0 ? MetricQuery.DimensionRef.of(d)
                : new MetricQuery.DimensionRef(d.substring(0, dot), grain(text, d.substring(dot + 1))));
          }
        }
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
            boolean negated = f.contains("!=");
            String[] parts = f.split(negated ? "!=" : "=", 2);
            if (parts.length != 2) {
              throw bad(text, "filter '" + f.trim() + "' should read dimension = value, value");
            }
            List<String> values = list(parts[1]);
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
          time = new MetricQuery.TimeRange(date(text, ends[0]), date(text, ends[1]));
        }
        case "order" -> {
          for (String o : list(body)) {
            String[] parts = o.split("\\s+");
            order.add(new MetricQuery.Order(parts[0],
                parts.length > 1 && parts[1].equalsIgnoreCase("desc")));
          }
        }
        case "limit" -> {
          try {
            limit = Integer.valueOf(body);
          } catch (NumberFormatException e) {
            throw bad(text, "limit should be a whole number, not '" + body + "'");
          }
        }
        default -> throw bad(text, "unknown clause '" + name + "'; clauses are metrics, by, "
            + "where, time, order, limit");
      }
    }
    if (metrics.isEmpty()) {
      throw bad(text, "it names no metrics (metrics: revenue, ...)");
    }
    return new MetricQuery(metrics, dims, filters, time, order, limit);
  }

  public static String format(MetricQuery q) {
    List<String> clauses = new ArrayList<>();
    clauses.add("metrics: " + String.join(", ", q.metrics()));
    if (!q.dimensions().isEmpty()) {
      clauses.add("by: " + q.dimensions().stream()
          .map(d -> d.grain() == null ? d.dimension()
              : d.dimension() + "." + d.grain().name().toLowerCase(Locale.ROOT))
          .collect(Collectors.joining(", ")));
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
    if (!q.orderBy().isEmpty()) {
      clauses.add("order: " + q.orderBy().stream()
          .map(o -> o.key() + (o.descending() ? " desc" : ""))
          .collect(Collectors.joining(", ")));
    }
    if (q.limit() != null) {
      clauses.add("limit: " + q.limit());
    }
    return String.join(" | ", clauses);
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
