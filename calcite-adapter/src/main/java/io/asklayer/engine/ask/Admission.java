package io.asklayer.engine.ask;

import io.asklayer.engine.error.ErrorKind;
import io.asklayer.engine.model.SemanticModel;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The reader that admits a question before any other reads it, or refuses it: empty, longer than
 * the model's guardrails allow, holding SQL syntax, asking for data to change, or about a topic the
 * model refuses. Reads the question as written, before words are read as abbreviations or typos.
 */
final class Admission {
  private static final Pattern SQL_SYNTAX = Pattern.compile(
      ";|--|/\\*|\\*/|\\b(select\\s.+\\sfrom|union\\s+(all\\s+)?select|insert\\s+into|delete\\s+from"
          + "|drop\\s+(table|schema|database|view)|alter\\s+table|truncate\\s+table"
          + "|update\\s+\\w+\\s+set|create\\s+(table|view|schema)|or\\s+1\\s*=\\s*1"
          + "|sleep\\s*\\(|pg_sleep|information_schema|exec\\s*\\()\\b",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private final SemanticModel model;
  private final String coverage;
  private final String example;

  /**
   * @param coverage what questions may ask about, for the refusals' text
   * @param example a question the model answers
   */
  Admission(SemanticModel model, String coverage, String example) {
    this.model = model;
    this.coverage = coverage;
    this.example = example;
  }

  /** Returns when the question may be read; throws the refusal otherwise. */
  void check(String question, List<Token> tokens) {
    if (question.isBlank()) {
      throw new AskRefusal("The question is empty. Ask about the data in words, for example "
          + "ASK 'revenue by region in 2025'.");
    }
    int max = model.guardrails().maxQuestionLength();
    if (question.length() > max) {
      throw new AskRefusal("The question is " + question.length() + " characters long; "
          + "questions may have at most " + max + ". Ask a shorter question, one thing at a "
          + "time.");
    }
    if (SQL_SYNTAX.matcher(question).find()) {
      throw new AskRefusal("The question contains SQL syntax, which ASK does not take: "
          + "ASK reads one plain-language question, and never runs text as SQL. Ask in words, "
          + "or run the SQL query itself (read-only).");
    }
    int first = 0;
    while (first < tokens.size() && Words.POLITE.contains(tokens.get(first).norm())) {
      first++;
    }
    // "change in units by month", "drop in revenue by quarter": the word is a noun there, what
    // growth questions start with, not an order to change data ("change the region of ...").
    boolean noun = first + 1 < tokens.size()
        && NOUN_AFTER.contains(tokens.get(first + 1).norm());
    if (first < tokens.size() && Words.WRITES.contains(tokens.get(first).norm()) && !noun) {
      throw new AskRefusal(ErrorKind.UNSUPPORTED, "ASK answers questions and cannot change "
          + "anything: '" + tokens.get(first).text() + "' asks for data to be changed, and "
          + "Asklayer is read-only. Ask a question about the data instead, for example '"
          + example + "'.", List.of(), List.of());
    }
    String topic = refusedTopic(tokens);
    if (topic != null) {
      throw new AskRefusal("The question asks about " + topic + ", which this model does "
          + "not cover and ASK does not answer. Ask about " + coverage + ".");
    }
  }

  /** Words after which a leading write verb is a noun: "change in", "drop of", "increase over". */
  private static final java.util.Set<String> NOUN_AFTER = java.util.Set.of("in", "of", "over",
      "from", "between", "vs", "versus");

  private String refusedTopic(List<Token> tokens) {
    for (String topic : model.guardrails().refusedTopics()) {
      List<String> words = Tokenizer.stems(topic);
      if (words.isEmpty()) {
        continue;
      }
      for (int i = 0; i + words.size() <= tokens.size(); i++) {
        boolean all = true;
        for (int k = 0; k < words.size() && all; k++) {
          all = tokens.get(i + k).stem().equals(words.get(k));
        }
        if (all) {
          return topic;
        }
      }
    }
    return null;
  }
}
