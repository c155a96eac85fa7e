package io.asklayer.cli;

import io.asklayer.engine.cache.SemanticCache;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options that become session connection properties for every command that runs the engine
 * ({@code shell}, {@code query}, {@code -e}, {@code serve}): the optional language model and the
 * shared question cache. One definition, so the commands cannot drift apart.
 */
final class SessionOptions {
  @Option(names = "--cache", paramLabel = "URL", description = "Share the question cache (question "
      + "to meaning) with other Asklayer processes through this Redis, e.g. "
      + "redis://127.0.0.1:6379 (default: this process only).")
  String cache;

  @Option(names = "--llm", paramLabel = "PROVIDER",
      description = "Optional language model for questions ASK cannot read itself: openai, "
          + "ollama or anthropic (default: none).")
  String llm;

  @Option(names = "--llm-url", paramLabel = "URL",
      description = "The language model endpoint's base URL, e.g. http://127.0.0.1:11434.")
  String llmUrl;

  @Option(names = "--llm-model", paramLabel = "NAME", description = "The model name it serves.")
  String llmModel;

  @Option(names = "--llm-key", paramLabel = "KEY", defaultValue = "${env:ASKLAYER_LLM_KEY}",
      description = "Its API key, if it needs one (default: $ASKLAYER_LLM_KEY).")
  String llmKey;

  /** What is wrong with these options, or null: a bad cache URL is refused before starting. */
  String problem() {
    String p = cache == null ? null : SemanticCache.problem(cache);
    return p == null ? null : "--cache " + cache + ": expected " + p + ".";
  }

  /** The connection properties these options set, in a stable order. */
  Map<String, String> properties() {
    Map<String, String> out = new LinkedHashMap<>();
    if (cache != null) {
      out.put("cache", cache);
    }
    if (llm != null) {
      out.put("llm", llm);
      if (llmUrl != null) {
        out.put("llm_url", llmUrl);
      }
      if (llmModel != null) {
        out.put("llm_model", llmModel);
      }
      if (llmKey != null && !llmKey.isBlank()) {
        out.put("llm_key", llmKey);
      }
    }
    return out;
  }
}
