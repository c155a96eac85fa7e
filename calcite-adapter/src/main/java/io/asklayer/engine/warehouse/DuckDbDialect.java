package io.asklayer.engine.warehouse;

import io.asklayer.engine.error.Messages;
import io.asklayer.engine.guard.StringSizes;
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

  /**
   * A string whose length an argument computed from data decides ({@code REPEAT(s, n)},
   * {@code LPAD(s, n)}, {@code RPAD(s, n)}) has its count checked before DuckDB builds it: DuckDB
   * allocates such strings outside its {@code memory_limit}, and {@code REPEAT('a', quantity *
   * 100000000)} took a process past 20 GB. The count is bound once (a one-element list's lambda, so
   * a volatile count is not read twice) and must leave the result at most
   * {@link StringSizes#MOST} characters, or the statement fails with
   * {@link Messages#dataStringTooLong}.
   * A {@code REPLACE} whose replacement comes from the data is held to the same bound, by the most
   * its result can have (each match replaced by the whole replacement), since nested ones multiply
   * lengths. Literal counts are checked before planning ({@code StringSizes.check}). A pad without its
   * third argument pads with spaces, as SQL's does (DuckDB's needs the argument).
   *
   * @return whether the call was written
   */
  private static boolean unparseSizedString(SqlWriter writer, SqlCall call) {
    String name = call.getOperator().getName().toUpperCase(java.util.Locale.ROOT);
    if (name.equals("REPLACE") && call.operandCount() == 3
        && !(call.operand(2) instanceof SqlLiteral)) {
      // Each match may become the whole replacement: at most length(s) * length(r) characters.
      writer.print("replace(");
      call.operand(0).unparse(writer, 0, 0);
      writer.print(", ");
      call.operand(1).unparse(writer, 0, 0);
      writer.print(", CASE WHEN length(");
      call.operand(0).unparse(writer, 0, 0);
      writer.print(") * greatest(length(");
      call.operand(2).unparse(writer, 0, 0);
      writer.print("), 1) <= " + StringSizes.MOST + " THEN ");
      call.operand(2).unparse(writer, 0, 0);
      writer.print(" ELSE error('" + Messages.dataStringTooLong(name, StringSizes.MOST)
          .replace("'", "''") + "') END)");
      return true;
    }
    boolean perCharacter = name.equals("REPEAT");
    boolean pad = name.equals("LPAD") || name.equals("RPAD");
    if (!perCharacter && !pad || call.operandCount() < 2) {
      return false;
    }
    boolean literalCount = call.operand(1) instanceof SqlLiteral;
    if (literalCount && !(pad && call.operandCount() == 2)) {
      return false;
    }
    writer.print(name.toLowerCase(java.util.Locale.ROOT) + "(");
    call.operand(0).unparse(writer, 0, 0);
    writer.print(", ");
    if (literalCount) {
      call.operand(1).unparse(writer, 0, 0);
    } else {
      writeCheckedCount(writer, call, name, perCharacter);
    }
    for (int i = 2; i < call.operandCount(); i++) {
      writer.print(", ");
      call.operand(i).unparse(writer, 0, 0);
    }
    if (pad && call.operandCount() == 2) {
      // DuckDB's pads have no two-argument form; SQL's pads with spaces.
      writer.print(", ' '");
    }
    writer.print(")");
    return true;
  }

  private static void writeCheckedCount(SqlWriter writer, SqlCall call, String name,
      boolean perCharacter) {
    writer.print("list_transform([");
    call.operand(1).unparse(writer, 0, 0);
    writer.print("], lambda asklayer_count: CASE WHEN asklayer_count IS NULL OR asklayer_count <= "
        + StringSizes.MOST);
    if (perCharacter) {
      writer.print(" // greatest(length(");
      call.operand(0).unparse(writer, 0, 0);
      writer.print("), 1)");
    }
    writer.print(" THEN asklayer_count ELSE error('"
        + Messages.dataStringTooLong(name, StringSizes.MOST).replace("'", "''") + "') END)[1]");
  }

  /** DuckDB's VARCHAR has no length or character set; Calcite would write both. */
  @Override public SqlNode getCastSpec(RelDataType type) {
    if (SqlTypeUtil.isCharacter(type)) {
      return new SqlDataTypeSpec(new SqlAlienSystemTypeNameSpec("VARCHAR", SqlTypeName.VARCHAR,
          SqlParserPos.ZERO), SqlParserPos.ZERO);
    }
    return super.getCastSpec(type);
  }

  @Override public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
    if (unparseSizedString(writer, call)) {
      return;
    }
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
