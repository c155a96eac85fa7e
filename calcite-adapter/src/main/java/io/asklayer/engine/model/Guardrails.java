package io.asklayer.engine.model;

import java.util.List;

/**
 * Limits every statement is held to, from the model's {@code guardrails} section.
 *
 * @param maxRows most rows a statement may return
 * @param statementTimeoutSeconds longest a statement may run; the warehouse query is cancelled
 * @param maxQuestionLength longest question ASK accepts, in characters
 * @param refusedTopics words that make ASK refuse a question as outside what it may answer
 */
public record Guardrails(long maxRows, int statementTimeoutSeconds, int maxQuestionLength,
    List<String> refusedTopics) {
  public static final Guardrails DEFAULTS = new Guardrails(1_000_000, 300, 1000, List.of());

  public Guardrails {
    refusedTopics = List.copyOf(refusedTopics);
  }
}
