package io.asklayer.engine.guard;

import io.asklayer.engine.error.Messages;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.parser.impl.SimpleCharStream;
import org.apache.calcite.sql.parser.impl.SqlParserImplConstants;
import org.apache.calcite.sql.parser.impl.SqlParserImplTokenManager;
import org.apache.calcite.sql.parser.impl.Token;
import org.apache.calcite.sql.parser.impl.TokenMgrError;

/**
 * Splits statement text into tokens with Calcite's generated lexer, in the double-quote identifier
 * state the connection parses with, so comments, quoted strings and quoted identifiers are read
 * exactly as the parser will read them: a {@code ;} inside a string or comment is not a separator.
 */
public final class SqlLexer {
  private SqlLexer() {
  }

  /** The tokens of {@code sql}, without the end-of-input token. */
  public static List<Lexeme> lex(String sql) {
    SimpleCharStream chars = new SimpleCharStream(new StringReader(sql), 1, 1) {
      {
        // One column per character, so positions map back to offsets in the text.
        setTabSize(1);
      }
    };
    SqlParserImplTokenManager tm = new SqlParserImplTokenManager(chars);
    tm.SwitchTo(SqlParserImplConstants.DQID);
    int[] lineStarts = lineStarts(sql);
    List<Lexeme> out = new ArrayList<>();
    try {
      for (Token t = tm.getNextToken(); t.kind != SqlParserImplConstants.EOF; t = tm.getNextToken()) {
        int start = lineStarts[t.beginLine - 1] + t.beginColumn - 1;
        int end = lineStarts[t.endLine - 1] + t.endColumn;
        out.add(new Lexeme(t.kind, t.image, t.beginLine, t.beginColumn, start, end));
      }
    } catch (TokenMgrError e) {
      throw Messages.unreadableStatement(e.getMessage());
    }
    return out;
  }

  /** Offsets at which each line starts; line breaks are \n, \r or \r\n, as the lexer counts them. */
  private static int[] lineStarts(String sql) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 == sql.length() || sql.charAt(i + 1) != '\n'))) {
        starts.add(i + 1);
      }
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The statements in a token list: runs of tokens between semicolons, empty runs dropped. */
  public static List<List<Lexeme>> statements(List<Lexeme> tokens) {
    List<List<Lexeme>> statements = new ArrayList<>();
    List<Lexeme> current = new ArrayList<>();
    for (Lexeme l : tokens) {
      if (l.isSemicolon()) {
        if (!current.isEmpty()) {
          statements.add(current);
          current = new ArrayList<>();
        }
      } else {
        current.add(l);
      }
    }
    if (!current.isEmpty()) {
      statements.add(current);
    }
    return statements;
  }
}
