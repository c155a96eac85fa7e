package io.asklayer.engine.session;

import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Calcite's conversions, except that {@code CURRENT_USER}, {@code SESSION_USER}, {@code USER} and
 * {@code SYSTEM_USER} are the session's principal. Calcite answers them from its own connection
 * ("sa") and the operating-system account the server runs as, which is neither who is asking nor
 * anything a client should learn. A plan holding the name is not kept for other sessions, which
 * may share a policy but not a name.
 */
final class PrincipalConvertlets implements SqlRexConvertletTable {
  private static final Set<SqlOperator> USER_FUNCTIONS = Set.of(SqlStdOperatorTable.CURRENT_USER,
      SqlStdOperatorTable.SESSION_USER, SqlStdOperatorTable.USER, SqlStdOperatorTable.SYSTEM_USER);

  private final String principal;
  private final String schema;

  PrincipalConvertlets(String principal) {
    this(principal, null);
  }

  /**
   * With {@code CURRENT_SCHEMA} as the session's default schema: Calcite cannot evaluate it in
   * Java ("Unable to implement"), and pushed to DuckDB it named the warehouse's schema.
   */
  PrincipalConvertlets(String principal, String schema) {
    this.principal = principal;
    this.schema = schema;
  }

  @Override public SqlRexConvertlet get(SqlCall call) {
    if (call.getOperator() == SqlStdOperatorTable.CURRENT_SCHEMA && schema != null) {
      return (cx, c) -> cx.getRexBuilder().makeLiteral(schema, cx.getTypeFactory().createSqlType(
          SqlTypeName.VARCHAR, 2000), true);
    }
    if (USER_FUNCTIONS.contains(call.getOperator())) {
      return (cx, c) -> {
        PlanCache.doNotKeep();
        // The type Calcite gives these functions.
        return cx.getRexBuilder().makeLiteral(principal, cx.getTypeFactory().createSqlType(
            SqlTypeName.VARCHAR, 2000), true);
      };
    }
    return StandardConvertletTable.INSTANCE.get(call);
  }
}
