package io.asklayer.engine.ask.llm;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.asklayer.engine.ask.AskRefusal;
import io.asklayer.engine.ask.Interpretation;
import io.asklayer.engine.ask.QuestionFallback;
import io.asklayer.engine.model.SemanticModel;
import io.asklayer.engine.model.VerifiedQuery;
import io.asklayer.engine.semantic.MetricQuery;
import io.asklayer.engine.semantic.MetricQueryText;
import io.asklayer.engine.warehouse.MetadataSnapshot;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Puts a question the interpreter could not ground to a language model through langchain4j, and
 * reads its answer with {@link LlmAnswer}: a metric query in JSON, checked against the model and
 * the snapshot, never SQL. The prompt ({@link LlmPrompt}) carries the model, dimension values and
 * the most similar verified queries ({@link FewShot}); no table rows. One attempt per question, no
 * retries, within the configured timeout.
 */
final class LlmInterpreter implements QuestionFallback {
  private static final int EXAMPLES = 3;

  private final SemanticModel model;
  private final LlmSettings settings;
  private final ChatModel chat;

  LlmInterpreter(SemanticModel model, LlmSettings settings) {
    this.model = model;
    this.settings = settings;
    this.chat = switch (settings.provider()) {
      case OPENAI -> OpenAiChatModel.builder().baseUrl(settings.url())
          .apiKey(settings.key() == null ? "none" : settings.key())
          .modelName(settings.model()).timeout(settings.timeout()).maxRetries(0)
          .temperature(0.0).responseFormat(ResponseFormat.JSON).build();
      case OLLAMA -> OllamaChatModel.builder().baseUrl(settings.url())
          .modelName(settings.model()).timeout(settings.timeout()).maxRetries(0)
          .temperature(0.0).responseFormat(ResponseFormat.JSON).build();
      case ANTHROPIC -> {
        AnthropicChatModel.AnthropicChatModelBuilder b = AnthropicChatModel.builder()
            .apiKey(settings.key()).modelName(settings.model()).timeout(settings.timeout())
            .maxRetries(0).temperature(0.0).maxTokens(1024);
        if (settings.url() != null) {
          b.baseUrl(settings.url());
        }
        yield b.build();
      }
    };
  }

  @Override public Interpretation interpret(String question, MetadataSnapshot snapshot,
      LocalDate today, AskRefusal why) {
    List<VerifiedQuery> examples = FewShot.nearest(model, question, EXAMPLES);
    String system = LlmPrompt.system(model, snapshot, today, examples);
    String answer;
    try {
      answer = chat.chat(ChatRequest.builder()
          .messages(SystemMessage.from(system), UserMessage.from(question)).build())
          .aiMessage().text();
    } catch (RuntimeException e) {
      throw new AskRefusal(why.getMessage() + " Asklayer also asked the language model "
          + settings.model() + ", which " + failure(e) + "; nothing was run.");
    }
    MetricQuery query = LlmAnswer.read(answer, model, snapshot);
    String who = settings.provider().name().toLowerCase(Locale.ROOT) + " " + settings.model();
    List<Interpretation.Reading> readings = new ArrayList<>();
    readings.add(new Interpretation.Reading("language model", who,
        "Asklayer's own reader did not understand: " + String.join(", ",
            why.notUnderstood().isEmpty() ? List.of("(no metric named)") : why.notUnderstood())));
    query.metrics().forEach(m -> readings.add(new Interpretation.Reading("metric", m,
        "(language model)")));
    query.dimensions().forEach(d -> readings.add(new Interpretation.Reading("dimension",
        d.grain() == null ? d.dimension() : d.dimension() + " by " + d.grain().name()
            .toLowerCase(Locale.ROOT), "(language model)")));
    query.filters().forEach(f -> readings.add(new Interpretation.Reading("filter",
        f.dimension() + (f.negated() ? " not in " : " in ") + f.values(), "(language model)")));
    if (query.time() != null) {
      readings.add(new Interpretation.Reading("time", query.time().from() + " to "
          + (query.time().to() == null ? "" : query.time().to().minusDays(1)),
          "(language model)"));
    }
    return new Interpretation(question, query, readings, List.of(), List.of("This question was "
        + "read by the language model " + who + ", because Asklayer's own reader could not read "
        + "all of it; its metric query was " + MetricQueryText.format(query) + ". Check it with "
        + "EXPLAIN ASK."));
  }

  private String failure(RuntimeException e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      String n = c.getClass().getSimpleName().toLowerCase(Locale.ROOT);
      String m = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
      if (n.contains("timeout") || m.contains("timed out") || m.contains("timeout")) {
        return "did not answer within " + settings.timeout().toSeconds() + " seconds";
      }
    }
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return "could not be reached or failed (" + (m.length() > 120 ? m.substring(0, 120) + "..."
        : m) + ")";
  }
}
