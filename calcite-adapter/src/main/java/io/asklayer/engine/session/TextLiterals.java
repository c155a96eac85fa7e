package io.asklayer.engine.session;

import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.util.NlsString;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * String literals as plain text of the default character set (UTF-8, saffron.properties). Calcite's
 * parser gives an escaped string ({@code E'a\nb'}, {@code U&'\0041'}) the character set UTF-16LE,
 * and Calcite then refuses to compare it with a column's text or to concatenate the two ("CHAR(1)
 * CHARACTER SET "UTF-16LE" is not comparable to VARCHAR"), though both are text to every
 * warehouse. A literal written with an explicit {@code _charset} prefix is text the same way.
 */
final class TextLiterals {
  private TextLiterals() {
  }

  /** {@code statement} with its string literals in the default character set. */
  static SqlNode plain(SqlNode statement) {
    SqlNode result = statement.accept(new SqlShuttle() {
      @Override public @Nullable SqlNode visit(SqlLiteral literal) {
        if (literal instanceof SqlCharStringLiteral s) {
          NlsString text = s.getValueAs(NlsString.class);
          if (text.getCharsetName() != null) {
            return SqlLiteral.createCharString(text.getValue(), s.getParserPosition());
          }
        }
        return literal;
      }
    });
    return result == null ? statement : result;
  }
}
