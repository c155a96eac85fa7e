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
public record Language(Map<String, Map<String, String>> verbs) {
  /** A model that says nothing: questions name their metrics. */
  public static final Language NONE = new Language(Map.of());

  /** What "how much" and "how many" ask for with a verb. */
  public static final java.util.List<String> ASKS = java.util.List.of("how much", "how many");

  public Language {
    Map<String, Map<String, String>> copy = new LinkedHashMap<>();
    verbs.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    verbs = Collections.unmodifiableMap(copy);
  }
}
