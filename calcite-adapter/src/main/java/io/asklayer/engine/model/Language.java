package io.asklayer.engine.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model's words for questions beyond the names and synonyms of its metrics and dimensions,
 * from its {@code language} section.
 *
 * @param verbs verbs that say what the facts are ("sell", "ship", "return"), each with the
 *     metric it names after "how much" and after "how many" when a question names none ("how
 *     much did we sell"); in a question that names a metric they carry no meaning of their own
 *     ("how many orders were placed")
 */
public record Language(Map<String, Map<String, String>> verbs,
    Map<String, DocumentWords> documents) {
  /** A model that says nothing: questions name their metrics. */
  public static final Language NONE = new Language(Map.of(), Map.of());

  /**
   * The words that make a question one for a document source's text.
   *
   * @param words words that route a question to the source ("policy", "wrote")
   * @param about dimensions whose naming routes a question here when no source's words do (a
   *     question about a supplier is about what it wrote)
   * @param searchWords words kept in the search though they are grammar elsewhere ("return" in
   *     "return policy"); the source's own words are searched when {@code searched}
   * @param complaintWords words of complaint ("complaining", "problems"): the source's
   *     documents with at most {@code complaintRating} stars
   */
  public record DocumentWords(java.util.List<String> words, java.util.List<String> about,
      boolean searched, java.util.List<String> searchWords, java.util.List<String> complaintWords,
      Integer complaintRating) {
    public DocumentWords {
      words = java.util.List.copyOf(words);
      about = java.util.List.copyOf(about);
      searchWords = java.util.List.copyOf(searchWords);
      complaintWords = java.util.List.copyOf(complaintWords);
    }
  }

  /** What "how much" and "how many" ask for with a verb. */
  public static final java.util.List<String> ASKS = java.util.List.of("how much", "how many");

  public Language {
    Map<String, Map<String, String>> copy = new LinkedHashMap<>();
    verbs.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    verbs = Collections.unmodifiableMap(copy);
    documents = Collections.unmodifiableMap(new LinkedHashMap<>(documents));
  }
}
