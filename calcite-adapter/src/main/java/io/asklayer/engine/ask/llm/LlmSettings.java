package io.asklayer.engine.ask.llm;

import java.time.Duration;
import java.util.List;

/**
 * Where the optional language model is, from the connection properties {@code llm},
 * {@code llm_url}, {@code llm_model}, {@code llm_key} and {@code llm_timeout_seconds}.
 *
 * @param provider how to speak to it
 * @param url its base URL (for OpenAI-compatible servers, up to and including {@code /v1})
 * @param model the model name the endpoint serves
 * @param key the API key, or null (a local server needs none)
 * @param timeout how long one answer may take; past it the question is refused
 */
public record LlmSettings(Provider provider, String url, String model, String key,
    Duration timeout) {
  /** The protocols Asklayer can speak, through langchain4j. */
  public enum Provider {
    /** OpenAI's chat-completions protocol: OpenAI, vLLM, LM Studio, llama.cpp, LiteLLM, ... */
    OPENAI,
    /** Ollama's own protocol. */
    OLLAMA,
    /** Anthropic's messages protocol. */
    ANTHROPIC;

    public static List<String> names() {
      return List.of("openai", "ollama", "anthropic");
    }
  }

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
}
