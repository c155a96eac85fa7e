package io.asklayer.engine.warehouse;

import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import java.util.List;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Calcite's meaning of operations whose DuckDB spelling depends on the operands' types, written
 * into the part of a plan DuckDB runs: dividing integers truncates ({@code //}, where DuckDB's
 * {@code /} gives a fraction), a cast of a fraction to an integer or to fewer decimal places
 * truncates (DuckDB rounds), and a boolean cast to text is {@code TRUE}/{@code FALSE} (DuckDB:
 * lower case), and the difference of two datetimes ({@code TIMESTAMPDIFF}, {@code (a - b) DAY})
 * is written at all. Applied to the final plan, on warehouse operators only; Java operators keep
 * Calcite's own implementation. {@code golden/semantics.txt} holds the cases.
 */
public final class DuckDbSemantics {
  /** DuckDB's integer division, which truncates toward zero as Java's does. */
  static final SqlBinaryOperator INTEGER_DIVIDE = new SqlBinaryOperator("//", SqlKind.OTHER,
      60, true, ReturnTypes.ARG0_NULLABLE, null, OperandTypes.EXACT_NUMERIC_EXACT_NUMERIC);

  private DuckDbSemantics() {
  }

  /** The plan with each DuckDB warehouse operator's expressions rewritten as above. */
  public static RelNode apply(RelNode root) {
    return root.accept(new RelHomogeneousShuttle() {
      @Override public RelNode visit(RelNode other) {
        RelNode visited = super.visit(other);
        if (visited.getConvention() instanceof JdbcConvention c
            && c.dialect instanceof DuckDbDialect) {
          return visited.accept(new Rewriter(visited.getCluster().getRexBuilder()));
        }
        return visited;
      }
    });
  }

  /** Rewrites calls bottom-up, keeping each call's type exactly. */
  private static final class Rewriter extends RexShuttle {
    private final RexBuilder rex;

    Rewriter(RexBuilder rex) {
      this.rex = rex;
    }

    @Override public RexNode visitCall(RexCall original) {
      RexNode visited = super.visitCall(original);
      if (!(visited instanceof RexCall call)) {
        return visited;
      }
      RelDataType type = call.getType();
      if (call.getOperator() == SqlStdOperatorTable.MINUS_DATE && SqlTypeUtil.isInterval(type)) {
        return dateDifference(call, type);
      }
      if (call.getKind() == SqlKind.REINTERPRET && SqlTypeUtil.isIntType(type)
          && call.getOperands().get(0) instanceof RexCall inner
          && SqlTypeUtil.isInterval(inner.getType())) {
        // An interval's number (days in milliseconds, months), as the difference above gives it.
        return rex.makeCall(type, inner.getOperator(), inner.getOperands());
      }
      if (call.getKind() == SqlKind.DIVIDE && call.getOperands().stream()
          .allMatch(o -> SqlTypeUtil.isIntType(o.getType()))) {
        return rex.makeCall(type, INTEGER_DIVIDE, call.getOperands());
      }
      if (call.getKind() != SqlKind.CAST) {
        return visited;
      }
      RexNode operand = call.getOperands().get(0);
      RelDataType from = operand.getType();
      if (SqlTypeUtil.isIntType(type) && (SqlTypeUtil.isApproximateNumeric(from)
          || SqlTypeUtil.isDecimal(from) && from.getScale() > 0)) {
        return rex.makeAbstractCast(type, rex.makeCall(SqlStdOperatorTable.TRUNCATE, operand),
            false);
      }
      if (SqlTypeUtil.isDecimal(type) && !roundedTo(operand, type.getScale())
          && (SqlTypeUtil.isApproximateNumeric(from)
          || SqlTypeUtil.isDecimal(from) && from.getScale() > type.getScale()
          || SqlTypeUtil.isCharacter(from))) {
        RexNode number = SqlTypeUtil.isCharacter(from)
            ? rex.makeAbstractCast(rex.getTypeFactory().createTypeWithNullability(
                rex.getTypeFactory().createSqlType(SqlTypeName.DECIMAL, 38, 18),
                from.isNullable()), operand, false)
            : operand;
        return rex.makeAbstractCast(type, rex.makeCall(SqlStdOperatorTable.TRUNCATE, number,
            rex.makeExactLiteral(java.math.BigDecimal.valueOf(type.getScale()))), false);
      }
      if (SqlTypeUtil.isCharacter(type) && SqlTypeUtil.isCharacter(from)
          && type.getPrecision() != RelDataType.PRECISION_NOT_SPECIFIED
          && (from.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED
              || from.getPrecision() > type.getPrecision())) {
        // CAST(x AS CHAR(n)) and VARCHAR(n) keep n characters, as in Java and PostgreSQL;
        // DuckDB ignores the length and kept the whole text.
        return rex.makeAbstractCast(type, rex.makeCall(SqlStdOperatorTable.SUBSTRING, operand,
            rex.makeExactLiteral(java.math.BigDecimal.ONE),
            rex.makeExactLiteral(java.math.BigDecimal.valueOf(type.getPrecision()))), false);
      }
      if (type.getSqlTypeName() == SqlTypeName.TIMESTAMP && (SqlTypeUtil.isCharacter(from)
          || from.getSqlTypeName() == SqlTypeName.TIMESTAMP
              && from.getPrecision() > type.getPrecision())) {
        // CAST(x AS TIMESTAMP) keeps whole seconds (TIMESTAMP(3): milliseconds) and drops the
        // rest, as in Java; DuckDB's TIMESTAMP(0) is its TIMESTAMP_S, which rounded 12.5 s to 13.
        // The cast is written as DuckDB's TIMESTAMP (microseconds, DuckDbDialect), then cut.
        org.apache.calcite.avatica.util.TimeUnitRange unit = type.getPrecision() <= 0
            ? org.apache.calcite.avatica.util.TimeUnitRange.SECOND
            : type.getPrecision() <= 3 ? org.apache.calcite.avatica.util.TimeUnitRange.MILLISECOND
            : null;
        if (unit != null) {
          return rex.makeCall(type, SqlStdOperatorTable.FLOOR, List.of(visited,
              rex.makeFlag(unit)));
        }
      }
      if (SqlTypeUtil.isCharacter(type) && SqlTypeUtil.isBoolean(from)) {
        return rex.makeCall(type, SqlStdOperatorTable.UPPER,
            java.util.List.of(rex.makeAbstractCast(type, operand, false)));
      }
      return visited;
    }

    /** Whether a value is {@code ROUND(x, n)} with n at most {@code scale}: nothing to cut. */
    private static boolean roundedTo(RexNode operand, int scale) {
      return operand instanceof RexCall round && round.getOperator() == SqlStdOperatorTable.ROUND
          && round.getOperands().size() == 2
          && round.getOperands().get(1) instanceof org.apache.calcite.rex.RexLiteral places
          && places.getValueAs(Integer.class) != null
          && places.getValueAs(Integer.class) <= scale;
    }

    /**
     * {@code (a - b) unit}, the interval between two datetimes, as Calcite holds it (and
     * {@code TIMESTAMPDIFF} reads it): milliseconds, or whole months. Calcite's SQL writer cannot
     * write this operator at all.
     */
    private RexNode dateDifference(RexCall call, RelDataType type) {
      RexNode a = call.getOperands().get(0);
      RexNode b = call.getOperands().get(1);
      if (type.getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_YEAR_MONTH) {
        return rex.makeCall(type, DATESUB, List.of(rex.makeLiteral("month"), b, a));
      }
      return rex.makeCall(type, SqlStdOperatorTable.MINUS, List.of(epochMillis(a),
          epochMillis(b)));
    }

    private RexNode epochMillis(RexNode datetime) {
      RelDataType timestamp = rex.getTypeFactory().createTypeWithNullability(
          rex.getTypeFactory().createSqlType(SqlTypeName.TIMESTAMP), datetime.getType()
              .isNullable());
      return rex.makeCall(EPOCH_MS, rex.makeAbstractCast(timestamp, datetime, false));
    }
  }

  /** DuckDB's {@code epoch_ms(timestamp)}: milliseconds since 1970-01-01. */
  private static final SqlFunction EPOCH_MS = new SqlFunction("EPOCH_MS", SqlKind.OTHER_FUNCTION,
      ReturnTypes.BIGINT_NULLABLE, null, OperandTypes.TIMESTAMP, SqlFunctionCategory.TIMEDATE);

  /** DuckDB's {@code datesub(part, start, end)}: the whole parts from start to end. */
  private static final SqlFunction DATESUB = new SqlFunction("DATESUB", SqlKind.OTHER_FUNCTION,
      ReturnTypes.BIGINT_NULLABLE, null, OperandTypes.ANY_ANY, SqlFunctionCategory.TIMEDATE);
}
