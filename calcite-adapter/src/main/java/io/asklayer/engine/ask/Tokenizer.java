package io.asklayer.engine.ask;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a question, or a value from the warehouse, into {@link Token}s. The same rules apply to
 * both, so "Harbor &amp; Pine" or "SKU-107" in a question lines up with the value it names. Dates
 * in ISO ({@code 2025-03-01}) and US ({@code 3/1/2025}) form stay one token; a possessive
 * {@code 's} is a token of its own.
 */
final class Tokenizer {
  private static final Pattern TOKEN = Pattern.compile(
      "(?<date>\\d{4}-\\d{1,2}-\\d{1,2}|\\d{1,2}/\\d{1,2}/\\d{2,4}|\\d{4}-\\d{1,2}(?![\\d-])"
          + "|\\d{1,2}/\\d{4})"
          + "|(?<ordinal>\\d+(?:st|nd|rd|th)\\b)"
          + "|(?<without>(?i:\\bw/o\\b))"
          + "|(?<number>\\d+(?:[.,]\\d+)*)"
          + "|(?<word>\\p{L}[\\p{L}\\p{N}]*)"
          + "|(?<possessive>'s\\b)"
          + "|(?<symbol>--|/\\*|\\*/|[^\\s\\p{L}\\p{N}])");

  private Tokenizer() {
  }

  static List<Token> tokenize(String text) {
    String s = text.replace('\u2019', '\'').replace('\u2018', '\'').replace('\u201c', '"')
        .replace('\u201d', '"');

    List<Token> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(s);
    while (m.find()) {
      String t = m.group();
      Token.Kind kind = m.group("date") != null ? Token.Kind.DATE
          : m.group("ordinal") != null ? Token.Kind.ORDINAL
          : m.group("number") != null ? Token.Kind.NUMBER
          : m.group("word") != null || m.group("without") != null ? Token.Kind.WORD
          : Token.Kind.SYMBOL;
      // A hyphen inside a word ("year-to-date", "in-store", "best-selling") only joins words.
      if (t.equals("-") && m.start() > 0 && m.end() < s.length()
          && Character.isLetter(s.charAt(m.start() - 1)) && Character.isLetter(s.charAt(m.end()))) {
        continue;
      }
      // "w/o Amazon" is "without Amazon"
      String norm = m.group("without") != null ? "without" : t.toLowerCase(Locale.ROOT);
      String stem = kind == Token.Kind.WORD ? Words.stem(norm) : norm;
      out.add(new Token(out.size(), kind, t, norm, stem, m.start(), m.end()));
    }
    return out;
  }

  /** The stems of a phrase, for indexing. Symbols other than {@code &} and {@code %} are dropped. */
  static List<String> stems(String phrase) {
    List<String> out = new ArrayList<>();
    for (Token t : tokenize(phrase.replace('_', ' '))) {
      if (t.kind() != Token.Kind.SYMBOL || t.is("&") || t.is("%")) {
        out.add(t.stem());
      }
    }
    return out;
  }
}
