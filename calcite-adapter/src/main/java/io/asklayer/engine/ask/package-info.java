/**
 * ASK: questions in words read into metric queries, without a language model.
 *
 * <p>{@link io.asklayer.engine.ask.Interpreter} runs a question through a pipeline of readers:
 * {@code Tokenizer} (tokens); {@code WordForms} with {@code Lemmas} (base forms from WordNet,
 * abbreviations by rule over the model's own terms, typos); admission (empty, too long, SQL,
 * writes, refused topics); {@code TimeExpressions} (time); rankings; {@code Lexicon} (the model's
 * metric and dimension names and synonyms, its value words and the warehouse values of the
 * principal's metadata snapshot); aggregation words; attachment of values, negations and relation
 * words to what they modify; {@code OperatorReader} (the semantic layer's analytic operators,
 * read as a grammar over the metrics, dimensions, grains, ranges and numbers found: growth with
 * its comparison period, shares, ratios, means over periods or members, running totals,
 * conditions on a metric's value, never/not; a ratio the model defines is read as its metric;
 * the top N within each group is read with the ranking); the builder of the
 * {@link io.asklayer.engine.semantic.MetricQuery}; and one place for refusals
 * ({@link io.asklayer.engine.ask.AskRefusal}, with {@code TermSuggestions} naming the nearest
 * model term by the shipped sentence embedding). The result is an
 * {@link io.asklayer.engine.ask.Interpretation}: the metric query, the words each part came from,
 * the filler words, and warnings.
 *
 * <p>Every word must be understood; a question with a word left over, a refused topic, a request to
 * change data, SQL syntax, an operator word that cannot be attached to what it applies to, or a
 * value the data does not hold is refused with an
 * {@link io.asklayer.engine.ask.AskRefusal} that says what was not understood and keeps what was,
 * for {@code EXPLAIN ASK}. The package holds English grammar only; every business word comes from
 * the model (names, synonyms, value words, the {@code language} section's verbs) or the data.
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
