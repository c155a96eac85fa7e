package io.asklayer.engine.ask.llm;

import io.asklayer.engine.ask.QuestionFallback;
import io.asklayer.engine.error.AsklayerException;
import io.asklayer.engine.error.ErrorKind;
import io.asklayer.engine.model.SemanticModel;

/**
 * Opens the language-model fallback for a session. langchain4j is an optional dependency: the
 * command line and the server carry it, the shaded driver jar does not, so a connection that asks
 * for a language model without it on the class path is told so, rather than failing later.
 */
public final class LlmFallbacks {
  private LlmFallbacks() {
  }

  /** Checks, when a connection asks for a language model, that langchain4j is there. */
  public static void check(LlmSettings settings) {
    try {
      Class.forName("dev.langchain4j.model.chat.ChatModel", false,
          LlmFallbacks.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw missing(settings, e);
    }
  }

  public static QuestionFallback open(SemanticModel model, LlmSettings settings) {
    try {
      return new LlmInterpreter(model, settings);
    } catch (LinkageError e) {
      throw missing(settings, e);
    }
  }

  private static AsklayerException missing(LlmSettings settings, Throwable e) {
    return new AsklayerException(ErrorKind.UNSUPPORTED, "The language model helper (llm="
        + settings.provider().name().toLowerCase(java.util.Locale.ROOT) + ") needs langchain4j, "
        + "which is not on the class path (the single driver jar leaves it out to stay small). "
        + "Use bin/asklayer, or add langchain4j-open-ai, -ollama, -anthropic and "
        + "-embeddings-all-minilm-l6-v2 to the class path; or connect without llm.", e);
  }
}
