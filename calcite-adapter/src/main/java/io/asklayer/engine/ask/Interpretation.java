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
public record Interpretation(String question, MetricQuery query, DocumentQuestion documents,
    List<Reading> readings, List<String> ignored, List<String> warnings) {
  public Interpretation {
    readings = List.copyOf(readings);
    ignored = List.copyOf(ignored);
    warnings = List.copyOf(warnings);
    if (query == null && documents == null) {
      throw new IllegalArgumentException("an interpretation needs a metric query or documents");
    }
  }

  /** A question answered with numbers only. */
  public Interpretation(String question, MetricQuery query, List<Reading> readings,
      List<String> ignored, List<String> warnings) {
    this(question, query, null, readings, ignored, warnings);
  }

  /**
   * The evidence part of a question answered from documents ("why are customers complaining
   * about SKU-123?"): which documents, filtered how, searched for which words. With no words, the
   * documents are ranked by the theme they share ({@code themed}).
   *
   * @param source the document source (reviews, policies, supplier_emails)
   * @param phrases names that must appear in the text (a product, a brand)
   * @param maxRating for complaints: only reviews with at most this many stars
   */
  public record DocumentQuestion(String source, String query, String sku, String supplier,
      String region, List<String> phrases, java.time.LocalDate from, java.time.LocalDate to,
      Integer maxRating, boolean themed, int k) {
    public DocumentQuestion {
      phrases = List.copyOf(phrases);
    }
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
