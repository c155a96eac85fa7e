package io.asklayer.engine.guard;

import io.asklayer.engine.error.Messages;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * The statement policy applied to SQL text before anything is planned: exactly one statement, and
 * that statement a query. Anything that would change data or schema is refused here, whether or not
 * Calcite's parser knows the statement; the unmodifiable tables and read-only warehouse connections
 * are the second and third layers behind this one.
 */
public final class StatementGuard {
  /** Leading words of statements that write, change schema, or change session or server state. */
  private static final Set<String> WRITE_VERBS = Set.of(
      "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "REPLACE", "TRUNCATE", "CREATE", "DROP",
      "ALTER", "RENAME", "COMMENT", "GRANT", "REVOKE", "COPY", "ATTACH", "DETACH", "INSTALL", "LOAD",
      "IMPORT", "EXPORT", "PRAGMA", "SET", "RESET", "CALL", "EXEC", "EXECUTE", "VACUUM", "CHECKPOINT",
      "ANALYZE", "BEGIN", "START", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "LOCK", "UNLOCK",
      "USE", "REFRESH", "CLUSTER", "REINDEX", "DO", "PREPARE", "DEALLOCATE", "LISTEN", "NOTIFY",
      "DISCARD", "SECURITY", "UNDROP", "PUT", "REMOVE", "GET");

  private final SqlParser.Config parserConfig;

  public StatementGuard(SqlParser.Config parserConfig) {
    this.parserConfig = parserConfig;
  }

  /** The one statement of a text that passed the guard. */
  public record Checked(String sql, SqlNode node) {
  }

  /**
   * Checks SQL text and returns its single statement, without trailing semicolons, parsed.
   *
   * @throws io.asklayer.engine.error.AsklayerException if the text is empty, holds more than one
   *     statement, does not parse, or is not a query
   */
  public Checked check(String sql) {
    return check(sql, SqlLexer.statements(SqlLexer.lex(sql)));
  }

  /**
   * Checks SQL text already split into {@code statements} by {@link SqlLexer}, as
   * {@link #check(String)} does: the statement pipeline reads a text's words once.
   */
  public Checked check(String sql, List<List<Lexeme>> statements) {
    if (statements.isEmpty()) {
      throw Messages.emptyStatement();
    }
    if (statements.size() > 1) {
      throw Messages.multipleStatements(statements.size());
    }
    List<Lexeme> statement = statements.get(0);
    String verb = leadingVerb(statement);
    if (WRITE_VERBS.contains(verb)) {
      throw Messages.readOnly(verb);
    }
    if (sqlServerTop(statement)) {
      // Never a query here: TOP 5 does not parse, and TOP (5) would be a call of no function.
      throw Messages.sqlServerTop();
    }
    for (int i = 0; i < statement.size(); i++) {
      Lexeme l = statement.get(i);
      if (l.image().equals("::") || l.image().equals(":") && i + 1 < statement.size()
          && statement.get(i + 1).image().equals(":") && statement.get(i + 1).start() == l.end()) {
        throw Messages.infixCast(l.line(), l.column());
      }
    }
    String text = sql.substring(0, statement.get(statement.size() - 1).end());
    SqlNode node;
    try {
      node = SqlParser.create(text, parserConfig).parseStmt();
    } catch (SqlParseException e) {
      throw Messages.syntaxError(e.getMessage());
    }
    checkQuery(node);
    refuseRecursion(node);
    StringSizes.check(node);
    return new Checked(text, node);
  }

  /** The first word of a statement, skipping opening parentheses, upper-cased; "" if none. */
  private static String leadingVerb(List<Lexeme> statement) {
    for (Lexeme l : statement) {
      if (l.image().equals("(")) {
        continue;
      }
      return l.isWord() ? l.image().toUpperCase(Locale.ROOT) : "";
    }
    return "";
  }

  /** Whether a statement holds SQL Server's {@code SELECT [DISTINCT] TOP n} or {@code TOP (n)}. */
  private static boolean sqlServerTop(List<Lexeme> statement) {
    for (int i = 0; i + 2 < statement.size(); i++) {
      if (!statement.get(i).is("SELECT")) {
        continue;
      }
      int top = statement.get(i + 1).is("DISTINCT") || statement.get(i + 1).is("ALL") ? i + 2
          : i + 1;
      if (top + 1 < statement.size() && statement.get(top).is("TOP")) {
        String n = statement.get(top + 1).image();
        if (n.equals("(") || n.chars().allMatch(Character::isDigit)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Calcite runs a recursive common table expression through a temporary table its JDBC path
   * cannot find, so such a query fails deep in execution; it is refused here with a message instead.
   */
  private static void refuseRecursion(SqlNode node) {
    node.accept(new SqlShuttle() {
      @Override public SqlNode visit(SqlCall call) {
        if (call instanceof SqlWithItem item && item.recursive.booleanValue()) {
          throw Messages.unsupported("Recursive common table expressions (WITH RECURSIVE)");
        }
        // Calcite takes arguments all by position or all by name, and fails obscurely on a mix.
        long named = call.getOperandList().stream().filter(o -> o != null
            && o.getKind() == org.apache.calcite.sql.SqlKind.ARGUMENT_ASSIGNMENT).count();
        if (named > 0 && named < call.getOperandList().size()) {
          throw new io.asklayer.engine.error.AsklayerException(
              io.asklayer.engine.error.ErrorKind.USER, "The call of " + call.getOperator()
              .getName() + " names some arguments and not others; name them all, for example "
              + "search_documents(query => 'battery', k => 10, sku => 'SKU-107').");
        }
        return super.visit(call);
      }
    });
  }

  private static void checkQuery(SqlNode node) {
    SqlNode n = node;
    if (n.getKind() == SqlKind.EXPLAIN) {
      n = ((SqlExplain) n).getExplicandum();
    }
    if (!n.isA(SqlKind.QUERY)) {
      throw Messages.readOnly(n.getKind().sql);
    }
  }
}
