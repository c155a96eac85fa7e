package io.asklayer.engine.ask;

/** A phrase found in a question, tokens {@code start} to {@code end} (exclusive), and its meaning. */
record Mention(int start, int end, Lexicon.Meaning meaning) {
}
