package io.asklayer.engine.ask;

/**
 * One word, number, date or symbol of a question, with where it stands in the question's text.
 *
 * @param index position among the question's tokens
 * @param text as written
 * @param norm lower case, apostrophes straightened
 * @param stem {@link Words#stem singular form} of a word; {@code norm} otherwise
 * @param start first character in the question
 * @param end character after the last
 */
record Token(int index, Kind kind, String text, String norm, String stem, int start, int end) {
  /** What a token is. */
  enum Kind {
    WORD, NUMBER, ORDINAL, DATE, SYMBOL
  }

  boolean is(String word) {
    return norm.equals(word);
  }

  boolean isAny(java.util.Set<String> words) {
    return words.contains(norm);
  }

  /** Written with a capital first letter (a name, perhaps). */
  boolean capitalized() {
    return kind == Kind.WORD && Character.isUpperCase(text.charAt(0));
  }

  /** The number a NUMBER or ORDINAL token stands for, or -1. */
  int intValue() {
    String digits = norm.replaceAll("[^0-9].*$", "");
    if (digits.isEmpty() || digits.length() > 9) {
      return -1;
    }
    return Integer.parseInt(digits);
  }
}
