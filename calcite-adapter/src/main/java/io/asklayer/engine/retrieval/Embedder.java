package io.asklayer.engine.retrieval;

import java.util.List;

/** Sentences to dense vectors of one fixed size, normalised to length one. */
public interface Embedder {
  int dimensions();

  float[] embed(String text);

  List<float[]> embedAll(List<String> texts);
}
