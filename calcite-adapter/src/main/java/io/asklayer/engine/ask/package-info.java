/**
 * ASK: questions in words read into metric queries, without a language model.
 *
 * <p>{@link io.asklayer.engine.ask.Interpreter} reads a question (tokens from {@code Tokenizer};
 * time from {@code TimeExpressions}; metric, dimension and value phrases from {@code Lexicon}, which
 * is built from the model and the principal's metadata snapshot) into an
 * {@link io.asklayer.engine.ask.Interpretation}: a {@link io.asklayer.engine.semantic.MetricQuery},
 * the words each part came from, the filler words, and warnings. Every word must be understood; a
 * question with a word left over, a refused topic, a request to change data, SQL syntax, or a value
 * the data does not hold is refused with an {@link io.asklayer.engine.ask.AskRefusal} that says
 * what was not understood and keeps what was, for {@code EXPLAIN ASK}.
 *
 * <p>A question refused only because words could not be grounded may go to a
 * {@link io.asklayer.engine.ask.QuestionFallback}: the optional language model of
 * {@code io.asklayer.engine.ask.llm} (langchain4j, off by default), whose JSON answer is checked
 * against the model and the snapshot as strictly as the interpreter's reading.
 *
 * <p>The package never builds SQL: the session turns {@code ASK '...'} into
 * {@code SELECT * FROM TABLE(ask('...'))}, whose metric query the semantic layer compiles to a plan
 * that takes the ordinary path (security, guardrails, pushdown). See {@code docs/ask.md}.
 */
package io.asklayer.engine.ask;
