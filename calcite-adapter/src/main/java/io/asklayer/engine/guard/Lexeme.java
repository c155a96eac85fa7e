package io.asklayer.engine.guard;

import org.apache.calcite.sql.parser.impl.SqlParserImplConstants;

/**
 * One token of statement text, as Calcite's own lexer reads it (comments are never tokens), with its
 * place in the text: line and column count from 1, {@code start} and {@code end} are character
 * offsets (end exclusive).
 */
public record Lexeme(int kind, String image, int line, int column, int start, int end) {
  public boolean isSemicolon() {
    return kind == SqlParserImplConstants.SEMICOLON;
  }

  /** A string literal in single quotes. */
  public boolean isString() {
    return kind == SqlParserImplConstants.QUOTED_STRING;
  }

  /** A plain or quoted identifier, or a keyword (whose image is a word). */
  public boolean isWord() {
    return !image.isEmpty() && (Character.isLetter(image.charAt(0)) || image.charAt(0) == '_');
  }

  /** True if this is the word {@code w}, ignoring case; quoted identifiers never match. */
  public boolean is(String w) {
    return isWord() && kind != SqlParserImplConstants.QUOTED_IDENTIFIER && image.equalsIgnoreCase(w);
  }

  /** The value of a string literal, quotes removed and doubled quotes undone. */
  public String stringValue() {
    if (!isString()) {
      throw new IllegalStateException("not a string literal: " + image);
    }
    return image.substring(1, image.length() - 1).replace("''", "'");
  }
}
