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
 * {@code SELECT * FROM TABLE(fn('argument')) ORDER BY ...}, built as a syntax tree and written by
 * Calcite, so the argument is always a quoted literal. The outer ORDER BY is needed because an order
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
    return select(List.of(function), argument == null ? List.of() : List.of(argument), order);
  }

  /** {@code SELECT * FROM TABLE(schema.fn('arg', ...)) ORDER BY ...}. */
  public static String select(List<String> function, List<String> arguments,
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
    SqlDialect dialect = CalciteSqlDialect.DEFAULT;
    return select.toSqlString(c -> c.withDialect(dialect).withQuoteAllIdentifiers(true)
        .withAlwaysUseParentheses(false).withSelectListItemsOnSeparateLines(false))
        .getSql();
  }
}
