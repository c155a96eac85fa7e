package io.asklayer.engine.session;

import io.asklayer.engine.error.AsklayerException;
import io.asklayer.engine.error.ErrorKind;
import io.asklayer.engine.guard.Lexeme;
import java.util.List;

/**
 * Recognises {@code ASK '<question>'} and {@code EXPLAIN ASK '<question>'}: the word (or words),
 * then exactly one string literal, then nothing. The question is the literal's value, so a quote
 * in it is written twice, and text after the closing quote is never part of it: a second
 * statement smuggled behind the question is a second statement, which the guard refuses.
 */
final class AskStatements {
  private AskStatements() {
  }

  /** The ASK statement of words {@code t}, or null if it is not one. */
  static Statements.Ask parse(List<Lexeme> t) {
    int at = 0;
    boolean explain = false;
    if (t.size() > 1 && t.get(0).is("EXPLAIN") && t.get(1).is("ASK")) {
      explain = true;
      at = 1;
    } else if (t.isEmpty() || !t.get(0).is("ASK")) {
      return null;
    }
    if (t.size() != at + 2 || !t.get(at + 1).isString()) {
      throw new AsklayerException(ErrorKind.USER, "Write " + (explain ? "EXPLAIN ASK" : "ASK")
          + " followed by one question in single quotes, and nothing after it, for example "
          + (explain ? "EXPLAIN " : "") + "ASK 'revenue by region in 2025'. A quote inside the "
          + "question is written twice: ASK 'what''s the revenue in 2024'.");
    }
    return new Statements.Ask(t.get(at + 1).stringValue(), explain);
  }
}
