/**
 * The optional language model for ASK, through langchain4j: off unless a connection sets
 * {@code llm}, and only for questions the interpreter refused as ungrounded.
 *
 * <p>{@link io.asklayer.engine.ask.llm.LlmFallbacks} opens it (and says so clearly when langchain4j,
 * an optional dependency, is not on the class path). The prompt ({@code LlmPrompt}) carries the
 * model, the principal's dimension values and the verified queries nearest the question
 * ({@code FewShot}, with the in-process all-MiniLM-L6-v2 embedding model); never table rows. The
 * answer must be a metric query in JSON; {@code LlmAnswer} checks every field against the model and
 * the snapshot and refuses SQL, unknown names, values the data does not hold and malformed replies.
 * Timeouts and HTTP failures are refusals too. See {@code docs/ask.md}.
 */
package io.asklayer.engine.ask.llm;
