package io.asklayer.engine.retrieval;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * langchain4j's in-process all-MiniLM-L6-v2 (384 dimensions), which ships inside its jar: nothing
 * is downloaded and no text leaves the process. One model per JVM, loaded on first use; vectors
 * are remembered by text, so rebuilding an index (another principal's, or after a refresh) embeds
 * only new texts. Only touched when langchain4j is on the class path ({@link Embedders}).
 */
final class MiniLm implements Embedder {
  static final MiniLm INSTANCE = new MiniLm();
  private static final int REMEMBERED = 200_000;

  private volatile EmbeddingModel model;
  private final Map<String, float[]> known = new ConcurrentHashMap<>();

  private MiniLm() {
  }

  private EmbeddingModel model() {
    EmbeddingModel m = model;
    if (m == null) {
      synchronized (this) {
        if (model == null) {
          model = new AllMiniLmL6V2EmbeddingModel();
        }
        m = model;
      }
    }
    return m;
  }

  @Override public int dimensions() {
    return 384;
  }

  @Override public float[] embed(String text) {
    float[] v = known.get(text);
    if (v == null) {
      v = model().embed(text).content().vector();
      remember(text, v);
    }
    return v;
  }

  @Override public List<float[]> embedAll(List<String> texts) {
    // A set: reviews repeat their texts, and a list's contains() made this quadratic.
    java.util.Set<String> unique = new java.util.LinkedHashSet<>();
    for (String t : texts) {
      if (!known.containsKey(t)) {
        unique.add(t);
      }
    }
    List<String> missing = new ArrayList<>(unique);
    int batch = 256;
    for (int i = 0; i < missing.size(); i += batch) {
      List<String> part = missing.subList(i, Math.min(missing.size(), i + batch));
      List<TextSegment> segments = part.stream().map(TextSegment::from).toList();
      var vectors = model().embedAll(segments).content();
      for (int j = 0; j < part.size(); j++) {
        remember(part.get(j), vectors.get(j).vector());
      }
    }
    List<float[]> out = new ArrayList<>(texts.size());
    for (String t : texts) {
      out.add(known.containsKey(t) ? known.get(t) : embed(t));
    }
    return out;
  }

  private void remember(String text, float[] vector) {
    if (known.size() < REMEMBERED) {
      known.put(text, vector);
    }
  }
}
