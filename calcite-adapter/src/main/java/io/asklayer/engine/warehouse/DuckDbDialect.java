package io.asklayer.engine.warehouse;

import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.SqlAlienSystemTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.rel.type.RelDataType;

/**
 * Calcite's DuckDB dialect with the gaps found in testing filled: {@code FLOOR(d TO QUARTER)}
 * unparses to {@code DATE_TRUNC} (Calcite's dialect knows no quarter), and casts to character types
 * are written the way DuckDB accepts them, and the aggregates DuckDB has are pushed down.
 */
public class DuckDbDialect extends DuckDBSqlDialect {
  public static final DuckDbDialect INSTANCE = new DuckDbDialect(DEFAULT_CONTEXT);

  public DuckDbDialect(Context context) {
    super(context);
  }

  /** Aggregates DuckDB has under the names and syntax Calcite writes. */
  @Override public boolean supportsAggregateFunction(SqlKind kind) {
    switch (kind) {
      case AVG:
      case ANY_VALUE:
      case STDDEV_POP:
      case STDDEV_SAMP:
      case VAR_POP:
      case VAR_SAMP:
      case COVAR_POP:
      case COVAR_SAMP:
      case BIT_AND:
      case BIT_OR:
      case BIT_XOR:
      case GROUPING:
      case SINGLE_VALUE:
        return true;
      default:
        return super.supportsAggregateFunction(kind);
    }
  }

  /**
   * A scalar sub-query's single value, checked in DuckDB: {@code CASE COUNT(*) WHEN 0 THEN NULL
   * WHEN 1 THEN MIN(x) ELSE ERROR('...') END}, so more than one row fails the statement as
   * standard SQL (and Calcite, in Java) would, rather than one row being picked.
   */
  @Override public SqlNode rewriteSingleValueExpr(SqlNode aggCall, RelDataType type) {
    SqlNode operand = ((org.apache.calcite.sql.SqlBasicCall) aggCall).operand(0);
    SqlParserPos pos = SqlParserPos.ZERO;
    SqlNode tooMany = ERROR.createCall(pos, SqlLiteral.createCharString(
        "more than one row returned by a sub-query used as an expression", pos));
    return new org.apache.calcite.sql.fun.SqlCase(pos,
        org.apache.calcite.sql.fun.SqlStdOperatorTable.COUNT.createCall(pos,
            org.apache.calcite.sql.SqlIdentifier.STAR),
        org.apache.calcite.sql.SqlNodeList.of(SqlLiteral.createExactNumeric("0", pos),
            SqlLiteral.createExactNumeric("1", pos)),
        org.apache.calcite.sql.SqlNodeList.of(SqlLiteral.createNull(pos),
            org.apache.calcite.sql.fun.SqlStdOperatorTable.MIN.createCall(pos, operand)),
        tooMany);
  }

  /** DuckDB's {@code error(message)}, which fails the statement with the message. */
  private static final org.apache.calcite.sql.SqlFunction ERROR =
      new org.apache.calcite.sql.SqlFunction("ERROR", SqlKind.OTHER_FUNCTION,
          org.apache.calcite.sql.type.ReturnTypes.explicit(SqlTypeName.NULL), null,
          org.apache.calcite.sql.type.OperandTypes.STRING,
          org.apache.calcite.sql.SqlFunctionCategory.SYSTEM);

  /** DuckDB's VARCHAR has no length or character set; Calcite would write both. */
  @Override public SqlNode getCastSpec(RelDataType type) {
    if (SqlTypeUtil.isCharacter(type)) {
      return new SqlDataTypeSpec(new SqlAlienSystemTypeNameSpec("VARCHAR", SqlTypeName.VARCHAR,
          SqlParserPos.ZERO), SqlParserPos.ZERO);
    }
    return super.getCastSpec(type);
  }

  @Override public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
    if (call.getKind() == SqlKind.FLOOR && call.operandCount() == 2) {
      SqlLiteral unit = call.operand(1);
      TimeUnitRange range = unit.getValueAs(TimeUnitRange.class);
      if (range == TimeUnitRange.QUARTER) {
        writer.print("DATE_TRUNC('quarter', ");
        call.operand(0).unparse(writer, 0, 0);
        writer.print(")");
        return;
      }
    }
    super.unparseCall(writer, call, leftPrec, rightPrec);
  }
}
