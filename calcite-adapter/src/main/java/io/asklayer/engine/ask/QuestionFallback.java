package io.asklayer.engine.ask;

import io.asklayer.engine.warehouse.MetadataSnapshot;
import java.time.LocalDate;

/**
 * A second reader for questions the {@link Interpreter} could not ground: the optional language
 * model ({@code io.asklayer.engine.ask.llm}). Its answer must be a metric query checked against the
 * model and the snapshot exactly as the interpreter's would be; it never answers with SQL.
 */
public interface QuestionFallback {
  /**
   * Reads a question, or refuses it.
   *
   * @param why the interpreter's refusal, which the fallback's own refusal may repeat
   */
  Interpretation interpret(String question, MetadataSnapshot snapshot, LocalDate today,
      AskRefusal why);
}
