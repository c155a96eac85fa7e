package io.asklayer.engine;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Calcite's type system with the differences analysts expect and warehouses implement: the
 * average of exact numbers is a {@code DOUBLE} (Calcite's default keeps the argument's type, so the
 * average of ratings 4 and 5 would be 4); the sum of integers is a {@code BIGINT}; {@code CASE} and {@code UNION} over strings of different
 * lengths give {@code VARCHAR}, not a blank-padded {@code CHAR} ({@code 'premium '}); and decimals go
 * up to 38 digits as in DuckDB, PostgreSQL and Snowflake.
 */
public final class AsklayerTypeSystem extends RelDataTypeSystemImpl {
  public static final AsklayerTypeSystem INSTANCE = new AsklayerTypeSystem();

  private AsklayerTypeSystem() {
  }

  @Override public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory,
      RelDataType argumentType) {
    if (SqlTypeUtil.isExactNumeric(argumentType)) {
      return typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.DOUBLE),
          argumentType.isNullable());
    }
    return argumentType;
  }

  /** The sum of integers is a BIGINT, as in DuckDB and PostgreSQL, so it does not overflow. */
  @Override public RelDataType deriveSumType(RelDataTypeFactory typeFactory,
      RelDataType argumentType) {
    if (SqlTypeUtil.isIntType(argumentType)) {
      return typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.BIGINT),
          argumentType.isNullable());
    }
    return super.deriveSumType(typeFactory, argumentType);
  }

  @Override public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }

  @Override public int getMaxPrecision(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? 38 : super.getMaxPrecision(typeName);
  }

  @Override public int getMaxScale(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? 38 : super.getMaxScale(typeName);
  }
}
