package io.asklayer.engine.session;

import io.asklayer.engine.guard.Lexeme;
import io.asklayer.engine.guard.SqlLexer;
import java.util.List;
import org.apache.calcite.sql.SqlNode;

/**
 * The recognise step of the statement pipeline: what kind of statement a text is, read from its
 * words once ({@link SqlLexer}), before anything is parsed or planned. Asklayer's own statements
 * become typed values ({@code ASK} and {@code EXPLAIN ASK} with their question, {@code SHOW} and
 * {@code DESCRIBE} with the query over the metadata functions that answers them, built as a syntax
 * tree, {@code REFRESH} with what it refreshes); everything else is SQL, for the statement guard.
 * None is rewritten into other SQL text.
 */
final class Statements {
  private Statements() {
  }

  /** A statement, as the pipeline recognised it. */
  sealed interface Statement {
  }

  /** {@code ASK '...'}, or {@code EXPLAIN ASK '...'} when {@code explain}. */
  record Ask(String question, boolean explain) implements Statement {
  }

  /** {@code SHOW ...} or {@code DESCRIBE ...}: answered by {@code query}. */
  record Meta(SqlNode query) implements Statement {
  }

  /** {@code REFRESH METADATA} or {@code REFRESH DOCUMENTS}. */
  record Refresh(RefreshStatements.Kind kind) implements Statement {
  }

  /** Any other text: SQL for the guard, with its words as the lexer split them. */
  record Sql(List<List<Lexeme>> statements) implements Statement {
  }

  /**
   * The statement {@code sql} is.
   *
   * @throws io.asklayer.engine.error.AsklayerException when it starts as one of Asklayer's own
   *     statements and does not go on as one (an ASK without its question in quotes, an unknown
   *     SHOW), saying how it is written
   */
  static Statement recognise(String sql, Session session) {
    List<List<Lexeme>> statements = SqlLexer.statements(SqlLexer.lex(sql));
    if (statements.size() != 1) {
      return new Sql(statements);
    }
    List<Lexeme> words = statements.get(0);
    RefreshStatements.Kind refresh = RefreshStatements.recognise(words);
    if (refresh != null) {
      return new Refresh(refresh);
    }
    Ask ask = AskStatements.parse(words);
    if (ask != null) {
      return ask;
    }
    SqlNode meta = MetaStatements.query(words, session);
    return meta != null ? new Meta(meta) : new Sql(statements);
  }
}
