package io.asklayer.engine.ask.llm;

import io.asklayer.engine.model.SemanticModel;
import io.asklayer.engine.retrieval.Embedder;
import io.asklayer.engine.retrieval.Embedders;
import io.asklayer.engine.model.VerifiedQuery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The model's verified queries ranked by how close their question is to a new one, for the
 * examples of a prompt (dynamic few-shot). Sentences are compared as embeddings of
 * langchain4j's in-process all-MiniLM-L6-v2 ({@link Embedders}), which ships inside its jar:
 * nothing is downloaded and nothing leaves the process.
 */
final class FewShot {
  private FewShot() {
  }

  private static Embedder embeddings() {
    return Embedders.find().orElseThrow(() -> new IllegalStateException(
        "the in-process embedding model is not on the class path"));
  }

  /** The {@code k} verified queries whose question is most similar to {@code question}. */
  static List<VerifiedQuery> nearest(SemanticModel model, String question, int k) {
    List<VerifiedQuery> verified = model.verifiedQueries();
    if (verified.isEmpty()) {
      return List.of();
    }
    List<float[]> known = embeddings().embedAll(verified.stream().map(VerifiedQuery::question)
        .toList());
    float[] asked = embeddings().embed(question);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < verified.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble(i -> -dot(asked, known.get(i))));
    return order.subList(0, Math.min(k, order.size())).stream().map(verified::get).toList();
  }

  /** Cosine similarity of two vectors. */
  private static double dot(float[] a, float[] b) {
    double s = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0 : s / Math.sqrt(na * nb);
  }
}
