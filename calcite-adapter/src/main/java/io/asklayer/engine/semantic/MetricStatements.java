package io.asklayer.engine.semantic;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * The query that runs a metric table function as a statement:
 * {@code SELECT * FROM TABLE(fn('argument')) ORDER BY ...}, built as a syntax tree (and written by
 * Calcite where text is wanted), so the argument is always a literal, never SQL. The outer ORDER BY is needed because an order
 * inside a table function does not survive planning unless the statement asks for it.
 */
public final class MetricStatements {
  private static final SqlParserPos POS = SqlParserPos.ZERO;

  private MetricStatements() {
  }

  /** A column to order by, descending or not; nulls last. */
  public record OrderColumn(String column, boolean descending) {
  }

  public static String select(String function, String argument, List<OrderColumn> order) {
    return write(selectNode(function, argument, order));
  }

  /** {@code SELECT * FROM TABLE(fn('argument')) ORDER BY ...}. */
  public static SqlNode selectNode(String function, String argument, List<OrderColumn> order) {
    return selectNode(List.of(function), argument == null ? List.of() : List.of(argument), order);
  }

  /** {@code SELECT * FROM TABLE(schema.fn('arg', ...)) ORDER BY ...}, as text. */
  public static String select(List<String> function, List<String> arguments,
      List<OrderColumn> order) {
    return write(selectNode(function, arguments, order));
  }

  /** {@code SELECT * FROM TABLE(schema.fn('arg', ...)) ORDER BY ...}. */
  public static SqlNode selectNode(List<String> function, List<String> arguments,
      List<OrderColumn> order) {
    List<SqlNode> args = new ArrayList<>();
    arguments.forEach(a -> args.add(SqlLiteral.createCharString(a, POS)));
    SqlNode call = new SqlBasicCall(new SqlUnresolvedFunction(new SqlIdentifier(function, POS),
        null, null, null, null, SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION), args, POS);
    SqlNode from = SqlStdOperatorTable.COLLECTION_TABLE.createCall(POS, call);
    List<SqlNode> orderBy = new ArrayList<>();
    for (OrderColumn o : order) {
      SqlNode key = new SqlIdentifier(o.column(), POS);
      if (o.descending()) {
        key = SqlStdOperatorTable.DESC.createCall(POS, key);
      }
      orderBy.add(SqlStdOperatorTable.NULLS_LAST.createCall(POS, key));
    }
    SqlSelect select = new SqlSelect(POS, null, SqlNodeList.SINGLETON_STAR, from, null, null, null,
        null, orderBy.isEmpty() ? null : new SqlNodeList(orderBy, POS), null, null, null);
    return select;
  }

  /**
   * {@code SELECT * FROM (VALUES ...) AS t (columns)} of text rows, in the given order: answers
   * computed by the engine itself, such as {@code EXPLAIN ASK}'s.
   */
  public static SqlNode values(List<String> columns, List<List<String>> rows) {
    List<SqlNode> tuples = new ArrayList<>();
    for (List<String> row : rows) {
      List<SqlNode> cells = new ArrayList<>();
      row.forEach(v -> cells.add(SqlLiteral.createCharString(v, POS)));
      // A row number first, so the rows keep their order.
      cells.add(0, SqlLiteral.createExactNumeric(String.valueOf(tuples.size() + 1), POS));
      tuples.add(SqlStdOperatorTable.ROW.createCall(POS, cells));
    }
    List<SqlNode> as = new ArrayList<>();
    as.add(SqlStdOperatorTable.VALUES.createCall(POS, tuples));
    as.add(new SqlIdentifier("t", POS));
    as.add(new SqlIdentifier("step", POS));
    columns.forEach(c -> as.add(new SqlIdentifier(c, POS)));
    List<SqlNode> select = new ArrayList<>();
    select.add(new SqlIdentifier("step", POS));
    columns.forEach(c -> select.add(new SqlIdentifier(c, POS)));
    SqlSelect q = new SqlSelect(POS, null, new SqlNodeList(select, POS),
        SqlStdOperatorTable.AS.createCall(POS, as), null, null, null, null,
        new SqlNodeList(List.of(new SqlIdentifier("step", POS)), POS), null, null, null);
    return q;
  }

  /** A tree as Calcite writes it, identifiers quoted, on as few lines as Calcite allows. */
  public static String write(SqlNode node) {
    SqlDialect dialect = CalciteSqlDialect.DEFAULT;
    return node.toSqlString(c -> c.withDialect(dialect).withQuoteAllIdentifiers(true)
        .withAlwaysUseParentheses(false).withSelectListItemsOnSeparateLines(false))
        .getSql();
  }
}
