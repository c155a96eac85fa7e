package io.asklayer.engine.retrieval;

import java.util.Optional;

/**
 * The sentence embedder, when langchain4j's in-process model is on the class path (the command
 * line and the server have it; the single driver jar leaves it out to stay small). Without it,
 * search is full-text (BM25) only, and says so.
 */
public final class Embedders {
  private static final boolean AVAILABLE = present();

  private Embedders() {
  }

  private static boolean present() {
    try {
      Class.forName("dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel",
          false, Embedders.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  public static Optional<Embedder> find() {
    return AVAILABLE ? Optional.of(MiniLm.INSTANCE) : Optional.empty();
  }
}
