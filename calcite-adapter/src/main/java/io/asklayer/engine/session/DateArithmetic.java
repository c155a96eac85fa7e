package io.asklayer.engine.session;

import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.implicit.TypeCoercionImpl;

/**
 * {@code date + n} and {@code date - n} with a whole number {@code n} mean n days, as in DuckDB and
 * PostgreSQL, where BI tools and hand-written SQL (TPC-DS among them) use them. Calcite's validator
 * accepts only {@code date + INTERVAL}, so the number is read as {@code n * INTERVAL '1' DAY}.
 */
final class DateArithmetic extends TypeCoercionImpl {
  DateArithmetic(RelDataTypeFactory typeFactory, SqlValidator validator) {
    super(typeFactory, validator);
  }

  @Override public boolean binaryArithmeticCoercion(SqlCallBinding binding) {
    SqlKind kind = binding.getOperator().getKind();
    if (binding.getOperandCount() == 2 && (kind == SqlKind.PLUS || kind == SqlKind.MINUS)) {
      RelDataType left = binding.getOperandType(0);
      RelDataType right = binding.getOperandType(1);
      if (isDate(left) && isWholeNumber(right)) {
        return days(binding.getCall(), 1);
      }
      if (kind == SqlKind.PLUS && isWholeNumber(left) && isDate(right)) {
        return days(binding.getCall(), 0);
      }
    }
    return super.binaryArithmeticCoercion(binding);
  }

  private static boolean isDate(RelDataType type) {
    return type.getSqlTypeName() == SqlTypeName.DATE;
  }

  private static boolean isWholeNumber(RelDataType type) {
    return SqlTypeUtil.isExactNumeric(type) && type.getScale() <= 0;
  }

  /** Replaces operand {@code i} by {@code operand * INTERVAL '1' DAY}. */
  private boolean days(SqlCall call, int i) {
    SqlParserPos pos = call.operand(i).getParserPosition();
    SqlIntervalQualifier day = new SqlIntervalQualifier(TimeUnit.DAY, null, pos);
    SqlLiteral one = SqlLiteral.createInterval(1, "1", day, pos);
    SqlNode product = SqlStdOperatorTable.MULTIPLY.createCall(pos, call.operand(i), one);
    call.setOperand(i, product);
    RelDataType interval = factory.createTypeWithNullability(
        factory.createSqlIntervalType(day),
        validator.getValidatedNodeType(((SqlCall) product).operand(0)).isNullable());
    updateInferredType(one, factory.createSqlIntervalType(day));
    updateInferredType(product, interval);
    return true;
  }
}
