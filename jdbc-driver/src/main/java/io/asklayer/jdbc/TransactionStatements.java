package io.asklayer.jdbc;

import io.asklayer.engine.guard.Lexeme;
import io.asklayer.engine.guard.SqlLexer;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;

/**
 * The transaction-control statements clients send on their own ({@code BEGIN}, {@code START
 * TRANSACTION [READ ONLY]}, {@code COMMIT}, {@code END}, {@code ROLLBACK}, {@code ABORT},
 * {@code SAVEPOINT}, {@code RELEASE}, {@code ROLLBACK TO}, {@code SET TRANSACTION ...},
 * {@code SET SESSION CHARACTERISTICS AS TRANSACTION ...}, {@code SHOW TRANSACTION ISOLATION LEVEL}),
 * answered as a read-only PostgreSQL connection answers them: each is accepted and changes nothing,
 * since there is nothing to commit or undo, except that asking for {@code READ WRITE} is refused
 * like {@code setReadOnly(false)}. Anything else is not one of these and goes to the engine.
 */
final class TransactionStatements {
  /** What a recognised statement does. */
  enum Kind {
    /** Accepted; changes nothing. */
    NO_OP,
    /** Records the isolation level {@link Statement#isolation} names. */
    SET_ISOLATION,
    /** Answers with the connection's isolation level, as one row. */
    SHOW_ISOLATION,
    /** Asks for a read-write transaction: refused. */
    READ_WRITE
  }

  /** A recognised statement: its kind, and the level a {@code SET_ISOLATION} sets. */
  record Statement(Kind kind, int isolation) {
  }

  private TransactionStatements() {
  }

  /** The statement {@code sql} is, or null when it is not transaction control. */
  static Statement parse(String sql) {
    List<Lexeme> t;
    try {
      List<List<Lexeme>> statements = SqlLexer.statements(SqlLexer.lex(sql));
      if (statements.size() != 1) {
        return null;
      }
      t = statements.get(0);
    } catch (RuntimeException unreadable) {
      return null; // the engine reports what is wrong with it
    }
    if (t.isEmpty() || !t.get(0).isWord()) {
      return null;
    }
    String words = String.join(" ", t.stream().map(l -> l.image().toUpperCase(Locale.ROOT))
        .toList());
    String first = words.split(" ")[0];
    if (words.matches("SHOW TRANSACTION ISOLATION LEVEL|SHOW TRANSACTION_ISOLATION")) {
      return new Statement(Kind.SHOW_ISOLATION, 0);
    }
    if (words.contains("READ WRITE") && (first.equals("BEGIN") || first.equals("START")
        || first.equals("SET"))) {
      return new Statement(Kind.READ_WRITE, 0);
    }
    if (words.matches("(BEGIN|START) (WORK|TRANSACTION)?( .*)?|BEGIN|COMMIT( WORK| TRANSACTION)?"
        + "|END( WORK| TRANSACTION)?|ROLLBACK( WORK| TRANSACTION)?|ABORT( WORK| TRANSACTION)?"
        + "|SAVEPOINT .+|RELEASE( SAVEPOINT)? .+|ROLLBACK( WORK| TRANSACTION)? TO( SAVEPOINT)? .+")) {
      int level = isolation(words);
      return level != 0 ? new Statement(Kind.SET_ISOLATION, level)
          : new Statement(Kind.NO_OP, 0);
    }
    if (words.matches("SET (SESSION CHARACTERISTICS AS )?TRANSACTION .+")) {
      int level = isolation(words);
      return level != 0 ? new Statement(Kind.SET_ISOLATION, level)
          : new Statement(Kind.NO_OP, 0);
    }
    return null;
  }

  /** The level an {@code ISOLATION LEVEL ...} clause names, or 0 for none. */
  private static int isolation(String words) {
    int at = words.indexOf("ISOLATION LEVEL ");
    if (at < 0) {
      return 0;
    }
    String level = words.substring(at + "ISOLATION LEVEL ".length());
    return level.startsWith("SERIALIZABLE") ? Connection.TRANSACTION_SERIALIZABLE
        : level.startsWith("REPEATABLE READ") ? Connection.TRANSACTION_REPEATABLE_READ
        : level.startsWith("READ COMMITTED") ? Connection.TRANSACTION_READ_COMMITTED
        : level.startsWith("READ UNCOMMITTED") ? Connection.TRANSACTION_READ_UNCOMMITTED : 0;
  }

  /** A level as {@code SHOW TRANSACTION ISOLATION LEVEL} names it (PostgreSQL's words). */
  static String name(int level) {
    return switch (level) {
      case Connection.TRANSACTION_SERIALIZABLE -> "serializable";
      case Connection.TRANSACTION_REPEATABLE_READ -> "repeatable read";
      case Connection.TRANSACTION_READ_UNCOMMITTED -> "read uncommitted";
      default -> "read committed";
    };
  }
}
