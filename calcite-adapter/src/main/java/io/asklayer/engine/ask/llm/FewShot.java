package io.asklayer.engine.ask.llm;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.store.embedding.CosineSimilarity;
import io.asklayer.engine.model.SemanticModel;
import io.asklayer.engine.model.VerifiedQuery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The model's verified queries ranked by how close their question is to a new one, for the
 * examples of a prompt (dynamic few-shot). Sentences are compared as embeddings of
 * langchain4j's in-process all-MiniLM-L6-v2, which ships inside its jar: nothing is downloaded and
 * nothing leaves the process. Loaded on first use, once per JVM; verified questions are embedded
 * once per model.
 */
final class FewShot {
  private static volatile EmbeddingModel embeddings;
  private static final Map<String, List<Embedding>> BY_MODEL = new ConcurrentHashMap<>();

  private FewShot() {
  }

  private static EmbeddingModel embeddings() {
    EmbeddingModel e = embeddings;
    if (e == null) {
      synchronized (FewShot.class) {
        if (embeddings == null) {
          embeddings = new AllMiniLmL6V2EmbeddingModel();
        }
        e = embeddings;
      }
    }
    return e;
  }

  /** The {@code k} verified queries whose question is most similar to {@code question}. */
  static List<VerifiedQuery> nearest(SemanticModel model, String question, int k) {
    List<VerifiedQuery> verified = model.verifiedQueries();
    if (verified.isEmpty()) {
      return List.of();
    }
    List<Embedding> known = BY_MODEL.computeIfAbsent(model.fingerprint(), f -> {
      List<Embedding> out = new ArrayList<>();
      for (VerifiedQuery v : verified) {
        out.add(embeddings().embed(v.question()).content());
      }
      return out;
    });
    Embedding asked = embeddings().embed(question).content();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < verified.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble(i -> -CosineSimilarity.between(asked, known.get(i))));
    return order.subList(0, Math.min(k, order.size())).stream().map(verified::get).toList();
  }
}
