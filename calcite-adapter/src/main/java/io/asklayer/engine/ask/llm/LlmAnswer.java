package io.asklayer.engine.ask.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.asklayer.engine.ask.AskRefusal;
import io.asklayer.engine.model.Dimension;
import io.asklayer.engine.model.SemanticModel;
import io.asklayer.engine.model.TimeGrain;
import io.asklayer.engine.semantic.MetricQuery;
import io.asklayer.engine.warehouse.MetadataSnapshot;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A language model's answer, read as a metric query and checked as strictly as a question the
 * interpreter read: only the fields of the answer's form, metric and dimension names of the model,
 * values the principal's snapshot holds, ISO dates, a limit within the row cap. Anything else (SQL
 * in any field, an unknown name, a value not in the data, prose instead of JSON) is a refusal that
 * says what the model answered wrong. The query is then compiled and secured like any other.
 */
final class LlmAnswer {
  private static final Set<String> FIELDS = Set.of("metrics", "dimensions", "filters", "time",
      "order", "limit", "refuse");
  private static final Pattern SQL = Pattern.compile("(?i);|--|/\\*|\\b(select|insert|update|"
      + "delete|drop|union|alter|create|truncate|from|where)\\b");

  private LlmAnswer() {
  }

  static MetricQuery read(String text, SemanticModel model, MetadataSnapshot snapshot) {
    JsonNode root;
    try {
      root = LlmPrompt.JSON.readTree(strip(text));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw wrong("did not answer with JSON (it began: '" + preview(text) + "')");
    }
    if (root == null || !root.isObject()) {
      throw wrong("answered with something other than a JSON object");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        throw wrong("answered with a field '" + f + "' that a metric query does not have"
            + (f.toLowerCase(Locale.ROOT).contains("sql") || f.equalsIgnoreCase("query")
            ? " (SQL, which Asklayer never runs)" : ""));
      }
    }
    if (root.has("refuse")) {
      throw new AskRefusal("The question could not be answered from this model: " + text(
          root.get("refuse"), "the reason") + ". Ask about " + String.join(", ",
          model.metrics().keySet()) + ".");
    }
    List<String> metrics = new ArrayList<>();
    for (JsonNode m : array(root, "metrics")) {
      String name = text(m, "a metric");
      String known = known(name, model.metrics().keySet(), "metric");
      if (!metrics.contains(known)) {
        metrics.add(known);
      }
    }
    if (metrics.isEmpty()) {
      throw wrong("named no metric");
    }
    List<MetricQuery.DimensionRef> dims = new ArrayList<>();
    for (JsonNode d : array(root, "dimensions")) {
      String ref = text(d, "a dimension");
      int dot = ref.indexOf('.');
      String name = known(dot < 0 ? ref : ref.substring(0, dot), model.dimensions().keySet(),
          "dimension");
      TimeGrain grain = null;
      if (dot >= 0) {
        Dimension dim = model.dimensions().get(name);
        String g = ref.substring(dot + 1).toUpperCase(Locale.ROOT);
        try {
          grain = TimeGrain.valueOf(g);
        } catch (IllegalArgumentException e) {
          throw wrong("answered with an unknown grain '" + ref.substring(dot + 1) + "'");
        }
        if (!dim.grains().contains(grain)) {
          throw wrong("grouped " + name + " by " + g.toLowerCase(Locale.ROOT) + ", which it does "
              + "not offer");
        }
      }
      dims.add(new MetricQuery.DimensionRef(name, grain));
    }
    List<MetricQuery.Filter> filters = new ArrayList<>();
    for (JsonNode f : array(root, "filters")) {
      if (!f.isObject()) {
        throw wrong("answered with a filter that is not an object");
      }
      String name = known(text(f.get("dimension"), "a filter's dimension"),
          model.dimensions().keySet(), "dimension");
      List<String> values = new ArrayList<>();
      MetadataSnapshot.DimensionValues listed = snapshot.dimensions().get(name);
      for (JsonNode v : array(f, "values")) {
        String value = text(v, "a filter value");
        if (listed != null && listed.complete(snapshot.cap())) {
          values.add(listed.values().stream().filter(x -> x.equalsIgnoreCase(value)).findFirst()
              .orElseThrow(() -> wrong("filtered " + name + " on '" + preview(value) + "', which "
                  + "the data does not hold")));
        } else {
          values.add(noSql(value, "a filter value"));
        }
      }
      if (values.isEmpty()) {
        throw wrong("filtered " + name + " on no value");
      }
      JsonNode exclude = f.get("exclude");
      filters.add(new MetricQuery.Filter(name, values, exclude != null && exclude.asBoolean()));
    }
    MetricQuery.TimeRange time = null;
    JsonNode t = root.get("time");
    if (t != null && !t.isNull()) {
      LocalDate from = date(t.get("from"));
      LocalDate to = date(t.get("to"));
      if (from != null && to != null && !from.isBefore(to)) {
        throw wrong("answered with an empty time range, " + from + " to " + to);
      }
      time = from == null && to == null ? null : new MetricQuery.TimeRange(from, to);
    }
    List<MetricQuery.Order> order = new ArrayList<>();
    for (JsonNode o : array(root, "order")) {
      String key = text(o.get("by"), "an order key");
      boolean ok = metrics.contains(key) || dims.stream().anyMatch(d -> d.dimension().equals(key)
          || d.columnName().equals(key));
      if (!ok) {
        throw wrong("ordered by '" + key + "', which is neither a metric nor a dimension of its "
            + "answer");
      }
      JsonNode desc = o.get("descending");
      order.add(new MetricQuery.Order(key, desc != null && desc.asBoolean()));
    }
    Integer limit = null;
    JsonNode l = root.get("limit");
    if (l != null && !l.isNull()) {
      if (!l.canConvertToInt() || l.asInt() < 1 || l.asInt() > model.guardrails().maxRows()) {
        throw wrong("answered with a limit of '" + l + "'");
      }
      limit = l.asInt();
    }
    return new MetricQuery(metrics, dims, filters, time, order, limit);
  }

  /** The JSON of an answer that came wrapped in a Markdown code fence. */
  private static String strip(String text) {
    String s = text == null ? "" : text.strip();
    if (s.startsWith("```")) {
      s = s.replaceFirst("^```[a-zA-Z]*\\s*", "").replaceFirst("```\\s*$", "");
    }
    return s;
  }

  private static List<JsonNode> array(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    List<JsonNode> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isArray()) {
      throw wrong("answered '" + field + "' with something other than a list");
    }
    n.forEach(out::add);
    return out;
  }

  private static String text(JsonNode n, String what) {
    if (n == null || !n.isTextual()) {
      throw wrong("answered " + what + " that is not text");
    }
    return n.asText();
  }

  /** Free text that must not be SQL: the model was told never to write any. */
  private static String noSql(String s, String what) {
    if (SQL.matcher(s).find()) {
      throw wrong("put SQL in " + what + " ('" + preview(s) + "'), which Asklayer never runs");
    }
    return s;
  }

  private static String known(String name, Set<String> names, String kind) {
    noSql(name, "a " + kind + " name");
    for (String n : names) {
      if (n.equalsIgnoreCase(name)) {
        return n;
      }
    }
    throw wrong("answered with an unknown " + kind + " '" + preview(name) + "'");
  }

  private static LocalDate date(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    try {
      return LocalDate.parse(text(n, "a date"));
    } catch (DateTimeParseException e) {
      throw wrong("answered with a date that is not YYYY-MM-DD: '" + preview(n.asText()) + "'");
    }
  }

  private static String preview(String s) {
    String one = s == null ? "" : s.strip().replaceAll("\\s+", " ");
    return one.length() > 60 ? one.substring(0, 60) + "..." : one;
  }

  private static AskRefusal wrong(String what) {
    return new AskRefusal("The question could not be read: Asklayer's own reader did not "
        + "understand it, and the language model it asked " + what + ". Nothing was run. "
        + "Rephrase the question with the model's metrics and dimensions (SHOW METRICS, SHOW "
        + "DIMENSIONS).");
  }
}
