package io.asklayer.engine.warehouse;

import io.asklayer.engine.error.Messages;
import io.asklayer.engine.guard.StringSizes;
import io.asklayer.engine.error.AsklayerException;
import io.asklayer.engine.error.ErrorKind;
import java.util.List;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.fun.SqlSubstringFunction;
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
 * Calcite's DuckDB dialect with the gaps found in testing filled: {@code FLOOR(d TO QUARTER)} and
 * the week time frames unparse to {@code DATE_TRUNC} (Calcite's dialect knows neither), casts to
 * character types are written the way DuckDB accepts them, the aggregates DuckDB has are pushed
 * down, and functions whose DuckDB namesake means something else ({@code EXTRACT(DOW)}, a
 * negative {@code SUBSTRING} start, ...) are written with Calcite's meaning.
 */
public class DuckDbDialect extends DuckDBSqlDialect {
  public static final DuckDbDialect INSTANCE = new DuckDbDialect(DEFAULT_CONTEXT);

  public DuckDbDialect(Context context) {
    super(context);
  }

  /** Aggregates DuckDB has under the names and syntax Calcite writes. */
  /**
   * A string as DuckDB reads it: its text is UTF-8 whatever character set Calcite typed the
   * literal with, and a {@code _UTF-16LE'...'} prefix (what Calcite writes for a literal it had
   * to widen, such as {@code E'a\nb'}) is a syntax error to DuckDB. A newline or a tab inside the
   * quotes is itself.
   */
  @Override public void quoteStringLiteral(StringBuilder buf, String charsetName, String val) {
    super.quoteStringLiteral(buf, null, val);
  }

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
   * lengths. Literal counts of literal strings are checked before planning
   * ({@code StringSizes.check}). A pad without its third argument pads with spaces, as SQL's
   * does (DuckDB's needs the argument).
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
    // A literal count was checked before planning, against a literal string's length; a
    // column's string is as long as the data makes it (REPEAT(region_name, 100000)), so its
    // count is checked here like a computed one.
    boolean check = !(call.operand(1) instanceof SqlLiteral)
        || perCharacter && !(call.operand(0) instanceof SqlLiteral);
    if (!check && !(pad && call.operandCount() == 2)) {
      return false;
    }
    writer.print(name.toLowerCase(java.util.Locale.ROOT) + "(");
    call.operand(0).unparse(writer, 0, 0);
    writer.print(", ");
    if (check) {
      writeCheckedCount(writer, call, name, perCharacter);
    } else {
      call.operand(1).unparse(writer, 0, 0);
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

  /**
   * DuckDB's VARCHAR has no length or character set; Calcite would write both. A TIMESTAMP is
   * DuckDB's own, in microseconds: DuckDB reads {@code TIMESTAMP(0)} as {@code TIMESTAMP_S} and
   * {@code TIMESTAMP(3)} as {@code TIMESTAMP_MS}, rounding into them, where Calcite's precision
   * drops digits ({@link DuckDbSemantics} writes that cut).
   */
  @Override public SqlNode getCastSpec(RelDataType type) {
    if (SqlTypeUtil.isCharacter(type)) {
      return new SqlDataTypeSpec(new SqlAlienSystemTypeNameSpec("VARCHAR", SqlTypeName.VARCHAR,
          SqlParserPos.ZERO), SqlParserPos.ZERO);
    }
    if (type.getSqlTypeName() == SqlTypeName.TIMESTAMP) {
      return new SqlDataTypeSpec(new SqlAlienSystemTypeNameSpec("TIMESTAMP",
          SqlTypeName.TIMESTAMP, SqlParserPos.ZERO), SqlParserPos.ZERO);
    }
    return super.getCastSpec(type);
  }

  /**
   * Writes each function with Calcite's meaning where DuckDB's function of the same name means
   * something else (the cases of {@code golden/semantics.txt}); the type-dependent ones are
   * rewritten before this, by {@link DuckDbSemantics}.
   */
  @Override public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
    if (unparseSizedString(writer, call)) {
      return;
    }
    switch (call.getKind()) {
      case FLOOR:
        if (call.operandCount() == 2 && unparseFloor(writer, call)) {
          return;
        }
        break;
      case CEIL:
        if (call.operandCount() == 2) {
          unparseCeil(writer, call);
          return;
        }
        break;
      case EXTRACT:
        if (call.operand(0) instanceof SqlLiteral unit
            && unit.getValue() instanceof TimeUnitRange range && range == TimeUnitRange.DOW) {
          // Calcite's DOW is 1 (Sunday) to 7; DuckDB's is 0 to 6.
          writer.print("(");
          super.unparseCall(writer, call, 0, 0);
          writer.print(" + 1)");
          return;
        }
        break;
      case POSITION:
        if (call.operandCount() == 3) {
          unparsePositionFrom(writer, call);
          return;
        }
        break;
      case SIMILAR:
        // DuckDB's SIMILAR TO is a regular expression match, in which % and _ are not wildcards.
        throw new AsklayerException(ErrorKind.UNSUPPORTED, "SIMILAR TO is not available on "
            + "columns of a DuckDB warehouse, whose SIMILAR TO means a regular expression. Use "
            + "LIKE, or OR of several LIKE patterns.");
      default:
        if (call.getOperator() == SqlStdOperatorTable.TRUNCATE) {
          // DuckDB's TRUNC(x, n) is Calcite's TRUNCATE(x, n); DuckDB has no TRUNCATE.
          unparseFunction(writer, "TRUNC", call.getOperandList());
          return;
        }
        if (call.getOperator() instanceof SqlSubstringFunction && unparseSubstring(writer, call)) {
          return;
        }
        break;
    }
    super.unparseCall(writer, call, leftPrec, rightPrec);
  }

  /** {@code FLOOR(d TO QUARTER)} and the week frames ({@code ISOWEEK}, {@code WEEK(SUNDAY)}...). */
  private boolean unparseFloor(SqlWriter writer, SqlCall call) {
    SqlLiteral unit = call.operand(1);
    if (unit.getValue() instanceof TimeUnitRange range) {
      if (range != TimeUnitRange.QUARTER) {
        return false;
      }
      unparseFunction(writer, "DATE_TRUNC", List.of(literal("quarter"), call.operand(0)));
      return true;
    }
    String frame = unit.getValueAs(String.class);
    int shift = weekShift(frame);
    if (shift == 0) {
      unparseFunction(writer, "DATE_TRUNC", List.of(literal("week"), call.operand(0)));
    } else {
      // DuckDB's weeks start on Monday: shift the day into a Monday week and back.
      writer.print("(DATE_TRUNC('week', ");
      call.operand(0).unparse(writer, 0, 0);
      writer.print(" - INTERVAL " + shift + " DAY) + INTERVAL " + shift + " DAY)");
    }
    return true;
  }

  /** Days from Monday to the first day of a week time frame ({@code ISOWEEK}: 0). */
  private static int weekShift(String frame) {
    if ("ISOWEEK".equals(frame)) {
      return 0;
    }
    int day = org.apache.calcite.rel.type.TimeFrames.WEEK_FRAME_NAMES.indexOf(frame);
    if (day < 0) {
      throw new AsklayerException(ErrorKind.UNSUPPORTED, "FLOOR to the time frame " + frame
          + " is not available on a DuckDB warehouse. Use YEAR, QUARTER, MONTH, WEEK, ISOWEEK, "
          + "WEEK(<weekday>), DAY, HOUR, MINUTE or SECOND.");
    }
    return (day + 6) % 7;
  }

  /**
   * {@code CEIL(d TO unit)}: the smallest unit boundary at or after {@code d}, which DuckDB has no
   * function for.
   */
  private void unparseCeil(SqlWriter writer, SqlCall call) {
    SqlLiteral unit = call.operand(1);
    TimeUnitRange range = unit.getValue() instanceof TimeUnitRange r ? r : null;
    if (range == null || range == TimeUnitRange.WEEK || range.startUnit.multiplier == null
        || range.endUnit != null) {
      throw new AsklayerException(ErrorKind.UNSUPPORTED, "CEIL(... TO " + unit.toValue()
          + ") is not available on a DuckDB warehouse. Use FLOOR(... TO unit) + INTERVAL '1' "
          + "unit.");
    }
    String name = range.startUnit.name().toLowerCase(java.util.Locale.ROOT);
    writer.print("CASE WHEN DATE_TRUNC('" + name + "', ");
    call.operand(0).unparse(writer, 0, 0);
    writer.print(") = ");
    call.operand(0).unparse(writer, 0, 0);
    writer.print(" THEN ");
    call.operand(0).unparse(writer, 0, 0);
    writer.print(" ELSE DATE_TRUNC('" + name + "', ");
    call.operand(0).unparse(writer, 0, 0);
    writer.print(") + INTERVAL 1 " + name.toUpperCase(java.util.Locale.ROOT) + " END");
  }

  /**
   * {@code POSITION(a IN s FROM n)}, which DuckDB cannot parse: the position of {@code a} in
   * {@code s} at or after {@code n}, counted from the start of {@code s}, 0 when there is none.
   */
  private static void unparsePositionFrom(SqlWriter writer, SqlCall call) {
    SqlNode seek = call.operand(0);
    SqlNode text = call.operand(1);
    SqlNode from = call.operand(2);
    writer.print("CASE WHEN STRPOS(SUBSTRING(");
    text.unparse(writer, 0, 0);
    writer.print(", ");
    from.unparse(writer, 100, 100);
    writer.print("), ");
    seek.unparse(writer, 0, 0);
    writer.print(") = 0 THEN 0 ELSE STRPOS(SUBSTRING(");
    text.unparse(writer, 0, 0);
    writer.print(", ");
    from.unparse(writer, 100, 100);
    writer.print("), ");
    seek.unparse(writer, 0, 0);
    writer.print(") + ");
    from.unparse(writer, 100, 100);
    writer.print(" - 1 END");
  }

  /**
   * {@code SUBSTRING(s FROM n [FOR k])} with a start that is not a constant 0 or more: in SQL the
   * characters at positions n to n + k - 1 that exist; in DuckDB a negative start counts from the
   * end. Returns false when DuckDB's reading is the same.
   */
  private boolean unparseSubstring(SqlWriter writer, SqlCall call) {
    SqlNode from = call.operand(1);
    if (from instanceof SqlNumericLiteral n && n.signum() >= 0) {
      return false;
    }
    writer.print("SUBSTRING(");
    call.operand(0).unparse(writer, 0, 0);
    writer.print(", CASE WHEN ");
    from.unparse(writer, 100, 100);
    writer.print(" < 1 THEN 1 ELSE ");
    from.unparse(writer, 100, 100);
    writer.print(" END");
    if (call.operandCount() == 3) {
      // Characters left once the positions before 1 are dropped; never negative.
      writer.print(", CASE WHEN ");
      from.unparse(writer, 100, 100);
      writer.print(" >= 1 THEN ");
      call.operand(2).unparse(writer, 100, 100);
      writer.print(" WHEN ");
      from.unparse(writer, 100, 100);
      writer.print(" + ");
      call.operand(2).unparse(writer, 100, 100);
      writer.print(" - 1 < 0 THEN 0 ELSE ");
      from.unparse(writer, 100, 100);
      writer.print(" + ");
      call.operand(2).unparse(writer, 100, 100);
      writer.print(" - 1 END");
    }
    writer.print(")");
    return true;
  }

  private static SqlNode literal(String s) {
    return SqlLiteral.createCharString(s, SqlParserPos.ZERO);
  }

  private static void unparseFunction(SqlWriter writer, String name, List<SqlNode> args) {
    writer.print(name);
    SqlWriter.Frame frame = writer.startList("(", ")");
    for (SqlNode arg : args) {
      writer.sep(",");
      arg.unparse(writer, 0, 0);
    }
    writer.endList(frame);
  }
}
