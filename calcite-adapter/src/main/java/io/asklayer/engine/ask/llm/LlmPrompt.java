package io.asklayer.engine.ask.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asklayer.engine.model.Dimension;
import io.asklayer.engine.model.Metric;
import io.asklayer.engine.model.SemanticModel;
import io.asklayer.engine.model.VerifiedQuery;
import io.asklayer.engine.warehouse.MetadataSnapshot;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The instructions a language model gets with a question: the model's metrics and dimensions with
 * their synonyms and descriptions, the values each dimension takes (from the principal's metadata
 * snapshot: dimension values such as region or product names, never rows of any table), today's
 * date and the data's range, the answer's JSON form, and the verified queries most like the
 * question as examples. Nothing from the warehouse beyond those values is sent.
 */
final class LlmPrompt {
  /** At most this many values of a dimension are listed. */
  static final int VALUES_SHOWN = 60;
  static final ObjectMapper JSON = new ObjectMapper();

  private LlmPrompt() {
  }

  static String system(SemanticModel model, MetadataSnapshot snapshot, LocalDate today,
      List<VerifiedQuery> examples) {
    StringBuilder b = new StringBuilder();
    b.append("You translate a business question into a metric query over the semantic model "
        + "below. Answer with one JSON object and nothing else, in this form:\n"
        + "{\"metrics\": [metric names], \"dimensions\": [dimension names; a time dimension may "
        + "carry a grain as name.grain, e.g. order_date.month], \"filters\": [{\"dimension\": "
        + "name, \"values\": [exact values from the lists below], \"exclude\": false}], "
        + "\"time\": {\"from\": \"YYYY-MM-DD\" (inclusive), \"to\": \"YYYY-MM-DD\" "
        + "(exclusive)}, \"order\": [{\"by\": metric or dimension name, \"descending\": true}], "
        + "\"limit\": number}\n"
        + "Only \"metrics\" is required; leave out what the question does not ask for. Use only "
        + "the names and values listed here, spelled exactly. Never write SQL. If the question "
        + "cannot be answered with these metrics and dimensions, or asks to change data, answer "
        + "{\"refuse\": \"a short reason\"}.\n\n");
    b.append("Today is ").append(today).append(". Calendar quarters, months and halves; weeks "
        + "start on Monday; \"last quarter\" is the previous complete quarter; \"this year\" runs "
        + "up to and including today.\n");
    MetadataSnapshot.DimensionValues range = snapshot.dimensions().values().stream()
        .filter(v -> v.first() != null).findFirst().orElse(null);
    if (range != null) {
      b.append("The data covers ").append(range.first()).append(" to ").append(range.last())
          .append(".\n");
    }
    b.append("\nModel '").append(model.name()).append("'");
    if (model.description() != null) {
      b.append(": ").append(model.description().strip());
    }
    b.append("\n\nMetrics:\n");
    for (Metric m : model.metrics().values()) {
      b.append("- ").append(m.name());
      if (!m.synonyms().isEmpty()) {
        b.append(" (also: ").append(String.join(", ", m.synonyms())).append(")");
      }
      if (m.description() != null) {
        b.append(": ").append(m.description().strip());
      }
      b.append('\n');
    }
    b.append("\nDimensions:\n");
    for (Dimension d : model.dimensions().values()) {
      b.append("- ").append(d.name()).append(" [").append(d.type().name().toLowerCase(
          Locale.ROOT)).append("]");
      if (!d.grains().isEmpty()) {
        b.append(" grains: ").append(d.grains().stream()
            .map(g -> g.name().toLowerCase(Locale.ROOT)).toList());
      }
      if (!d.synonyms().isEmpty()) {
        b.append(" (also: ").append(String.join(", ", d.synonyms())).append(")");
      }
      if (d.description() != null) {
        b.append(": ").append(d.description().strip());
      }
      MetadataSnapshot.DimensionValues v = snapshot.dimensions().get(d.name());
      if (v != null && !v.values().isEmpty() && d.type() == Dimension.Type.STRING) {
        List<String> shown = v.values().subList(0, Math.min(VALUES_SHOWN, v.values().size()));
        b.append("\n  values: ").append(String.join(" | ", shown));
        if (shown.size() < v.values().size()) {
          b.append(" | ... (").append(v.values().size()).append(" in all)");
        }
      }
      if (!d.valueSynonyms().isEmpty()) {
        b.append("\n  words for values: ").append(d.valueSynonyms());
      }
      b.append('\n');
    }
    if (!examples.isEmpty()) {
      b.append("\nExamples:\n");
      for (VerifiedQuery q : examples) {
        b.append("Question: ").append(q.question()).append("\nAnswer: ").append(json(q))
            .append('\n');
      }
    }
    return b.toString();
  }

  /** A verified query in the answer's JSON form. */
  static String json(VerifiedQuery q) {
    ObjectNode o = JSON.createObjectNode();
    ArrayNode metrics = o.putArray("metrics");
    q.metrics().forEach(metrics::add);
    if (!q.dimensions().isEmpty()) {
      ArrayNode dims = o.putArray("dimensions");
      q.dimensions().forEach(dims::add);
    }
    if (!q.filters().isEmpty()) {
      ArrayNode filters = o.putArray("filters");
      q.filters().forEach((d, values) -> {
        ObjectNode f = filters.addObject();
        f.put("dimension", d);
        ArrayNode vs = f.putArray("values");
        values.forEach(vs::add);
        f.put("exclude", false);
      });
    }
    if (q.timeFrom() != null || q.timeTo() != null) {
      ObjectNode t = o.putObject("time");
      if (q.timeFrom() != null) {
        t.put("from", q.timeFrom());
      }
      if (q.timeTo() != null) {
        t.put("to", q.timeTo());
      }
    }
    if (!q.orderBy().isEmpty()) {
      ArrayNode order = o.putArray("order");
      for (String key : q.orderBy()) {
        String[] parts = key.trim().split("\\s+");
        ObjectNode k = order.addObject();
        k.put("by", parts[0]);
        k.put("descending", parts.length > 1 && parts[1].equalsIgnoreCase("desc"));
      }
    }
    if (q.limit() != null) {
      o.put("limit", q.limit());
    }
    return o.toString();
  }
}
