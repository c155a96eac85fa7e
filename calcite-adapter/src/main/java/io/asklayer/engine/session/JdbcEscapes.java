package io.asklayer.engine.session;

import io.asklayer.engine.error.Messages;
import io.asklayer.engine.guard.Lexeme;
import io.asklayer.engine.guard.SqlLexer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.calcite.sql.parser.impl.SqlParserImplConstants;

/**
 * JDBC escape processing, as a driver does it before the database sees the text: {@code {oj join}}
 * is the join, in parentheses (it is a grouping: Calcite's parser does not read a join nested
 * without them), and {@code {escape 'c'}} and {@code {limit n [offset m]}} are their keywords.
 * {@code {fn ...}}, {@code {d '...'}}, {@code {t '...'}} and {@code {ts '...'}} are left to
 * Calcite's parser, which reads them itself; {@code {call ...}} and {@code {? = call ...}} are
 * refused, as there are no procedures. The text is read with Calcite's lexer, so nothing inside a
 * string, a quoted identifier or a comment is touched, and escapes nest. Only the escape's own
 * characters change, each into a blank or a parenthesis, so every other character keeps its line
 * and column and the parser's positions point into the text as the client wrote it. This is the
 * processing JDBC gives drivers (pgjdbc's {@code Parser.replaceProcessing}, reported by
 * {@code Connection.nativeSQL}), not a rewrite of meaning; reading the escapes in the grammar
 * instead would mean generating, and keeping, a fork of Calcite's Babel parser.
 */
public final class JdbcEscapes {
  private JdbcEscapes() {
  }

  /** What an open brace began, and what its closing brace becomes. */
  private record Open(Lexeme brace, String keyword, char close) {
  }

  /**
   * {@code sql} with its JDBC escapes processed, unchanged if it has none.
   *
   * @throws io.asklayer.engine.error.AsklayerException for a procedure call, an escape that is not
   *     closed, or text the lexer cannot read
   */
  public static String process(String sql) {
    if (sql.indexOf('{') < 0) {
      return sql;
    }
    List<Lexeme> tokens = SqlLexer.lex(sql);
    char[] out = sql.toCharArray();
    Deque<Open> open = new ArrayDeque<>();
    for (int i = 0; i < tokens.size(); i++) {
      Lexeme t = tokens.get(i);
      switch (t.kind()) {
        case SqlParserImplConstants.LBRACE_D, SqlParserImplConstants.LBRACE_T,
            SqlParserImplConstants.LBRACE_TS, SqlParserImplConstants.LBRACE_FN ->
            open.push(new Open(t, null, '}'));
        case SqlParserImplConstants.LBRACE -> {
          Lexeme next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
          if (next != null && (next.is("call") || next.image().equals("?"))) {
            throw Messages.procedureCall(t.line(), t.column());
          }
          if (next != null && next.is("oj")) {
            out[t.start()] = '(';
            blank(out, next);
            open.push(new Open(t, "oj", ')'));
          } else if (next != null && (next.is("escape") || next.is("limit"))) {
            out[t.start()] = ' ';
            open.push(new Open(t, next.image(), ' '));
          } else {
            // Not an escape this class knows: the parser says what it makes of it.
            open.push(new Open(t, null, '}'));
          }
        }
        case SqlParserImplConstants.RBRACE -> {
          if (!open.isEmpty()) {
            out[t.start()] = open.pop().close();
          }
        }
        default -> {
        }
      }
    }
    for (Open o : open) {
      if (o.keyword() != null) {
        throw Messages.unclosedEscape(o.keyword(), o.brace().line(), o.brace().column());
      }
    }
    return new String(out);
  }

  private static void blank(char[] out, Lexeme l) {
    for (int i = l.start(); i < l.end(); i++) {
      out[i] = ' ';
    }
  }
}
