package io.asklayer.engine.ask;

import io.asklayer.engine.semantic.MetricQuery;
import java.util.List;

/**
 * How a question was understood: the metric query that answers it, what each part came from, the
 * words that carried no meaning, and warnings the answer should carry.
 *
 * @param readings each understood part, in the order {@code EXPLAIN ASK} shows them
 * @param ignored words read as filler ("what", "the", "show me")
 * @param warnings said with the answer, such as a time range outside the data
 */
public record Interpretation(String question, MetricQuery query, List<Reading> readings,
    List<String> ignored, List<String> warnings) {
  public Interpretation {
    readings = List.copyOf(readings);
    ignored = List.copyOf(ignored);
    warnings = List.copyOf(warnings);
  }

  /**
   * One understood part of a question.
   *
   * @param kind metric, dimension, filter, time, order or limit
   * @param item what it means in the model's terms
   * @param words the words of the question it came from
   */
  public record Reading(String kind, String item, String words) {
  }
}
