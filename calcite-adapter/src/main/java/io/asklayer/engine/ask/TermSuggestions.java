package io.asklayer.engine.ask;

import io.asklayer.engine.model.Dimension;
import io.asklayer.engine.model.Metric;
import io.asklayer.engine.model.SemanticModel;
import io.asklayer.engine.model.VerifiedQuery;
import io.asklayer.engine.retrieval.Embedder;
import io.asklayer.engine.retrieval.Embedders;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The model's term nearest in meaning to words a question used and nothing could read, by the
 * sentence embedding the project ships for document search (all-MiniLM-L6-v2, in process): the
 * best guess a refusal names ("Did you mean discount amount?"). The terms (metric and dimension
 * names and synonyms, and the verified queries' questions) are embedded once, on the first refusal
 * that needs them. Only a suggestion: a question is never answered on a guess, because a wrong
 * reading answered is worse than a refusal that says what it would have guessed.
 */
final class TermSuggestions {
  /** Below this cosine similarity nothing is suggested. */
  static final double THRESHOLD = 0.45;

  private final SemanticModel model;
  private volatile List<Term> terms;

  private record Term(String text, String says, float[] vector) {
  }

  TermSuggestions(SemanticModel model) {
    this.model = model;
  }

  /** The nearest term's words, when an embedder is on the class path and one is near enough. */
  Optional<String> nearest(String words) {
    Optional<Embedder> embedder = Embedders.find();
    if (embedder.isEmpty() || words.isBlank()) {
      return Optional.empty();
    }
    try {
      List<Term> all = terms(embedder.get());
      float[] v = embedder.get().embed(words);
      Term best = null;
      double bestScore = THRESHOLD;
      for (Term t : all) {
        double s = dot(v, t.vector());
        if (s > bestScore) {
          bestScore = s;
          best = t;
        }
      }
      return Optional.ofNullable(best).map(Term::says);
    } catch (RuntimeException | LinkageError e) {
      // A suggestion is optional: a missing native library must not hide the refusal.
      return Optional.empty();
    }
  }

  private List<Term> terms(Embedder embedder) {
    List<Term> t = terms;
    if (t == null) {
      synchronized (this) {
        if (terms == null) {
          List<String[]> texts = new ArrayList<>();
          for (Metric m : model.metrics().values()) {
            String name = m.name().replace('_', ' ');
            texts.add(new String[] {name, name});
            m.synonyms().forEach(s -> texts.add(new String[] {s, name}));
          }
          for (Dimension d : model.dimensions().values()) {
            String name = d.name().replace('_', ' ');
            texts.add(new String[] {name, name});
            d.synonyms().forEach(s -> texts.add(new String[] {s, name}));
          }
          for (VerifiedQuery q : model.verifiedQueries()) {
            texts.add(new String[] {q.question(), q.question()});
          }
          List<float[]> vectors = embedder.embedAll(texts.stream().map(x -> x[0]).toList());
          List<Term> out = new ArrayList<>();
          for (int i = 0; i < texts.size(); i++) {
            out.add(new Term(texts.get(i)[0], texts.get(i)[1], vectors.get(i)));
          }
          terms = List.copyOf(out);
        }
        t = terms;
      }
    }
    return t;
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
