package io.asklayer.engine.session;

import io.asklayer.engine.error.AsklayerException;
import io.asklayer.engine.error.ErrorKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql2rel.SqlRexContext;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;

/**
 * Other dialects' spellings of date truncation, read as Calcite's {@code FLOOR(x TO unit)}, so they
 * mean what {@code FLOOR} means wherever it is evaluated and are a time grain on semantic tables:
 * {@code DATE_TRUNC('month', x)} as PostgreSQL, Redshift, Snowflake and DuckDB write it (what
 * Tableau's PostgreSQL dialect, Metabase and Superset send), a {@code TIMESTAMP} whether {@code x}
 * is a date or a timestamp, as in DuckDB and PostgreSQL; and Oracle's {@code TRUNC(x, 'MM')}, of
 * {@code x}'s type. Weeks start on Monday in both, as {@code FLOOR(x TO WEEK)}'s do. Calcite's own
 * {@code DATE_TRUNC} is BigQuery's ({@code DATE_TRUNC(x, MONTH)}, of {@code x}'s type) and is not in
 * the libraries connections use; the parser still makes calls of it (its grammar has a rule for the
 * name), which the validator resolves by name, to this one.
 */
final class DateTruncation implements SqlRexConvertletTable {
  /** PostgreSQL's units, singular and plural, as Calcite's. */
  private static final Map<String, TimeUnitRange> UNITS = Map.ofEntries(
      Map.entry("year", TimeUnitRange.YEAR), Map.entry("quarter", TimeUnitRange.QUARTER),
      Map.entry("month", TimeUnitRange.MONTH), Map.entry("week", TimeUnitRange.WEEK),
      Map.entry("day", TimeUnitRange.DAY), Map.entry("hour", TimeUnitRange.HOUR),
      Map.entry("minute", TimeUnitRange.MINUTE), Map.entry("second", TimeUnitRange.SECOND));

  /**
   * Oracle's format models for {@code TRUNC} of a datetime that are a calendar unit. {@code WW}
   * and {@code W} (weeks starting on the weekday of January 1st or of the month's 1st) and
   * {@code DAY}/{@code DY}/{@code D} (the locale's first weekday) are not, and are refused.
   */
  private static final Map<String, TimeUnitRange> FORMATS = Map.ofEntries(
      Map.entry("SYYYY", TimeUnitRange.YEAR), Map.entry("YYYY", TimeUnitRange.YEAR),
      Map.entry("YEAR", TimeUnitRange.YEAR), Map.entry("SYEAR", TimeUnitRange.YEAR),
      Map.entry("YYY", TimeUnitRange.YEAR), Map.entry("YY", TimeUnitRange.YEAR),
      Map.entry("Y", TimeUnitRange.YEAR), Map.entry("Q", TimeUnitRange.QUARTER),
      Map.entry("MONTH", TimeUnitRange.MONTH), Map.entry("MON", TimeUnitRange.MONTH),
      Map.entry("MM", TimeUnitRange.MONTH), Map.entry("RM", TimeUnitRange.MONTH),
      Map.entry("IW", TimeUnitRange.WEEK), Map.entry("DDD", TimeUnitRange.DAY),
      Map.entry("DD", TimeUnitRange.DAY), Map.entry("J", TimeUnitRange.DAY),
      Map.entry("HH", TimeUnitRange.HOUR), Map.entry("HH12", TimeUnitRange.HOUR),
      Map.entry("HH24", TimeUnitRange.HOUR), Map.entry("MI", TimeUnitRange.MINUTE));

  private static final Set<TimeUnitRange> WITHIN_A_DAY = EnumSet.of(
      TimeUnitRange.DAY, TimeUnitRange.HOUR, TimeUnitRange.MINUTE, TimeUnitRange.SECOND);

  /** {@code DATE_TRUNC('unit', x)}. */
  static final SqlFunction DATE_TRUNC = new Truncation("DATE_TRUNC", 0, 1, false);

  /**
   * Oracle's {@code TRUNC(x [, 'format'])} of a date or timestamp; of a number, {@code TRUNC(x [,
   * n])} is Calcite's {@code TRUNCATE}, as in PostgreSQL and Oracle.
   */
  static final SqlFunction TRUNC = new Truncation("TRUNC", 1, 0, true);

  /** The operators above, for the validator. */
  static final SqlOperatorTable OPERATORS = SqlOperatorTables.of(DATE_TRUNC, TRUNC);

  private final SqlRexConvertletTable next;
  private final boolean isoWeekFrame;

  /**
   * Conversions of the operators above, then {@code next}'s. With {@code isoWeekFrame} a week is
   * Calcite's {@code ISOWEEK} frame, for warehouses whose dialect writes it (see
   * {@link MondayWeeks}); without, Calcite's {@code WEEK}, as {@code FLOOR(x TO WEEK)} is there.
   */
  DateTruncation(SqlRexConvertletTable next, boolean isoWeekFrame) {
    this.next = next;
    this.isoWeekFrame = isoWeekFrame;
  }

  @Override public SqlRexConvertlet get(SqlCall call) {
    if (call.getOperator() instanceof Truncation t) {
      return (cx, c) -> convert(cx, c, t);
    }
    return next.get(call);
  }

  private RexNode convert(SqlRexContext cx, SqlCall call, Truncation t) {
    RexBuilder rex = cx.getRexBuilder();
    RelDataType type = cx.getValidator().getValidatedNodeType(call);
    RexNode x = cx.convertExpression(call.operand(t.datetime));
    if (SqlTypeUtil.isNumeric(x.getType())) {
      // TRUNC(x [, n]) of a number, as PostgreSQL and Oracle mean it: Calcite's TRUNCATE.
      RexNode places = call.operandCount() == 2 ? cx.convertExpression(call.operand(1))
          : rex.makeExactLiteral(java.math.BigDecimal.ZERO);
      return rex.makeCall(type, SqlStdOperatorTable.TRUNCATE, List.of(x, places));
    }
    TimeUnitRange unit = t.unit(call);
    boolean date = x.getType().getSqlTypeName() == SqlTypeName.DATE;
    // A date has no time of day: truncating it to a day or finer leaves it as it is.
    RexNode frame = unit == TimeUnitRange.WEEK && isoWeekFrame ? rex.makeLiteral("ISOWEEK")
        : rex.makeFlag(unit);
    RexNode floored = date && WITHIN_A_DAY.contains(unit) ? x
        : rex.makeCall(x.getType(), SqlStdOperatorTable.FLOOR, List.of(x, frame));
    return rex.makeCast(type, floored, true, false);
  }

  /** One of the two spellings: where its datetime and unit operands are, and how it reads units. */
  private static final class Truncation extends SqlFunction {
    private final int datetime;
    private final int unitOperand;
    private final boolean oracle;

    Truncation(String name, int unitOperand, int datetime, boolean oracle) {
      // No type for a ?: PostgreSQL has DATE_TRUNC of timestamps, of zoned ones and of
      // intervals, and asks for a cast too.
      super(name, SqlKind.OTHER_FUNCTION, Truncation::returnType, null, null,
          SqlFunctionCategory.TIMEDATE);
      this.datetime = datetime;
      this.unitOperand = unitOperand;
      this.oracle = oracle;
    }

    /** A timestamp for DATE_TRUNC, as PostgreSQL and DuckDB give; the operand's type for TRUNC. */
    private static RelDataType returnType(SqlOperatorBinding b) {
      Truncation t = (Truncation) b.getOperator();
      RelDataType x = b.getOperandType(t.datetime);
      if (t.oracle || x.getSqlTypeName() == SqlTypeName.TIMESTAMP) {
        return x;
      }
      return b.getTypeFactory().createTypeWithNullability(
          b.getTypeFactory().createSqlType(SqlTypeName.TIMESTAMP), x.isNullable());
    }

    @Override public SqlOperandCountRange getOperandCountRange() {
      return oracle ? SqlOperandCountRanges.between(1, 2) : SqlOperandCountRanges.of(2);
    }

    @Override public String getAllowedSignatures(String opNameToUse) {
      return oracle ? "TRUNC(<DATE or TIMESTAMP>[, '<format>']), TRUNC(<NUMERIC>[, <INTEGER>])"
          : "DATE_TRUNC('<unit>', <DATE or TIMESTAMP>)";
    }

    @Override public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
      RelDataType x = binding.getOperandType(datetime);
      boolean number = oracle && SqlTypeUtil.isNumeric(x) && (binding.getOperandCount() == 1
          || SqlTypeUtil.isIntType(binding.getOperandType(1)));
      boolean dated = x.getSqlTypeName() == SqlTypeName.DATE
          || x.getSqlTypeName() == SqlTypeName.TIMESTAMP;
      if (!number && !dated) {
        if (throwOnFailure) {
          throw binding.newValidationSignatureError();
        }
        return false;
      }
      if (dated) {
        unit(binding.getCall());
      }
      return true;
    }

    /** The call's unit; a refusal naming the accepted ones if it has none of them. */
    TimeUnitRange unit(SqlCall call) {
      if (oracle && call.operandCount() == 1) {
        return TimeUnitRange.DAY;
      }
      SqlNode u = call.operand(unitOperand);
      String text = u instanceof SqlCharStringLiteral s ? s.getValueAs(String.class) : null;
      TimeUnitRange unit = text == null ? null : oracle
          ? FORMATS.get(text.toUpperCase(Locale.ROOT))
          : UNITS.get(text.toLowerCase(Locale.ROOT).replaceFirst("s$", ""));
      if (unit == null) {
        throw refusal(u, text);
      }
      return unit;
    }

    private AsklayerException refusal(SqlNode u, String text) {
      String where = " (line " + u.getParserPosition().getLineNum() + ", column "
          + u.getParserPosition().getColumnNum() + ")";
      if (oracle) {
        return new AsklayerException(ErrorKind.USER, "TRUNC of a date takes one of the formats "
            + "'YYYY', 'Q', 'MM', 'IW', 'DD', 'HH', 'MI'" + (text == null ? ", as a string literal"
            : "; '" + text + "' is not one of them") + where + ". Or write DATE_TRUNC('unit', "
            + "x), for example DATE_TRUNC('week', x) for weeks starting on Monday.");
      }
      return new AsklayerException(ErrorKind.USER, "DATE_TRUNC takes its unit as a string "
          + "literal, one of 'year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', "
          + "'second'" + (text == null ? "" : "; '" + text + "' is not one of them") + where
          + ". For example DATE_TRUNC('month', d).");
    }
  }
}
