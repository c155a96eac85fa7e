package io.asklayer.engine.session;

import java.util.regex.Pattern;

/**
 * A JDBC metadata name pattern: {@code %} matches any run of characters, {@code _} any one, and the
 * search-string escape {@code \} makes the next character literal ({@code sales\_%}). Null matches
 * every name. Names are matched as stored, case-sensitively, as JDBC asks.
 */
final class JdbcPattern {
  /** The escape {@code DatabaseMetaData.getSearchStringEscape()} reports. */
  static final String ESCAPE = "\\";

  private final Pattern regex;

  private JdbcPattern(Pattern regex) {
    this.regex = regex;
  }

  static JdbcPattern of(String pattern) {
    if (pattern == null) {
      return new JdbcPattern(null);
    }
    StringBuilder b = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        literal.append(pattern.charAt(++i));
      } else if (c == '%' || c == '_') {
        b.append(Pattern.quote(literal.toString())).append(c == '%' ? ".*" : ".");
        literal.setLength(0);
      } else {
        literal.append(c);
      }
    }
    b.append(Pattern.quote(literal.toString()));
    return new JdbcPattern(Pattern.compile(b.toString(), Pattern.DOTALL));
  }

  boolean matches(String name) {
    return regex == null || (name != null && regex.matcher(name).matches());
  }
}
