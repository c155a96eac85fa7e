package io.asklayer.engine.session;

import io.asklayer.engine.error.AsklayerException;
import io.asklayer.engine.error.ErrorKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlInternalOperators;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidatorCatalogReader;
import org.apache.calcite.sql.validate.SqlValidatorImpl;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * Calcite's validator with PostgreSQL's typing of untyped parameters in {@code CASE},
 * {@code COALESCE} and {@code NULLIF}: a {@code ?} among the results takes the type of the other
 * results, else the type the context asks for, else text, as PostgreSQL resolves {@code unknown}
 * (Calcite derived the {@code CASE}'s type before typing its parameters, and failed on
 * {@code CASE WHEN c = ? THEN ? ELSE ? END}); a {@code ?} in nested arithmetic takes its
 * neighbour's type. A parameter nothing gives a type ({@code ? + ?}, which PostgreSQL refuses
 * too) is refused with the way out.
 */
final class ParameterTypes extends SqlValidatorImpl {
  ParameterTypes(SqlOperatorTable operators, SqlValidatorCatalogReader catalogReader,
      RelDataTypeFactory typeFactory, Config config) {
    super(operators, catalogReader, typeFactory, config);
  }

  @Override protected void inferUnknownTypes(RelDataType inferredType, SqlValidatorScope scope,
      SqlNode node) {
    if (node instanceof SqlCase c) {
      List<SqlNode> results = new ArrayList<>(c.getThenOperands().getList());
      if (c.getElseOperand() != null) {
        results.add(c.getElseOperand());
      }
      // COALESCE(?, x) is rewritten to CASE WHEN ? IS NOT NULL THEN ? ELSE x END.
      for (SqlNode w : c.getWhenOperands()) {
        if ((w.getKind() == SqlKind.IS_NOT_NULL || w.getKind() == SqlKind.IS_NULL)
            && ((SqlCall) w).operand(0) instanceof SqlDynamicParam p) {
          results.add(p);
        }
      }
      typeAlike(inferredType, scope, results);
    } else if (node.getKind() == SqlKind.COALESCE || node.getKind() == SqlKind.NULLIF) {
      // Every operand of COALESCE is a result; NULLIF's two are compared, and one is the result.
      typeAlike(inferredType, scope, ((SqlCall) node).getOperandList());
    } else if (node.isA(SqlKind.BINARY_ARITHMETIC)) {
      // Calcite types a ? in arithmetic from the first typed operand, which it derives, and
      // deriving one with a ? of its own failed: region_id * ? + 1. Inner arithmetic first.
      for (SqlNode operand : ((SqlCall) node).getOperandList()) {
        if (operand != null && operand.isA(SqlKind.BINARY_ARITHMETIC)) {
          inferUnknownTypes(getUnknownType(), scope, operand);
        }
      }
    } else if (node instanceof SqlDynamicParam p && inferredType.equals(getUnknownType())) {
      if (getValidatedNodeTypeIfKnown(p) != null) {
        return; // typed above, as a CASE's result; here the operand of IS [NOT] NULL
      }
      throw new AsklayerException(ErrorKind.USER, "Parameter " + (p.getIndex() + 1)
          + " (the ? at " + p.getParserPosition() + ") takes no type from where it stands; "
          + "write CAST(? AS type) there, for example CAST(? AS INTEGER) or CAST(? AS VARCHAR).");
    }
    super.inferUnknownTypes(inferredType, scope, node);
  }

  /**
   * One field per parameter number. Calcite counted each {@code ?} node, and its rewrite of
   * {@code COALESCE} copies the operands, so {@code COALESCE(?, ?)} asked for three values.
   */
  @Override public RelDataType getParameterRowType(SqlNode sqlQuery) {
    java.util.SortedMap<Integer, RelDataType> types = new java.util.TreeMap<>();
    sqlQuery.accept(new org.apache.calcite.sql.util.SqlShuttle() {
      @Override public SqlNode visit(SqlDynamicParam param) {
        types.putIfAbsent(param.getIndex(), getValidatedNodeType(param));
        return param;
      }
    });
    return getTypeFactory().createStructType(new ArrayList<>(types.values()),
        types.keySet().stream().map(i -> "?" + i).toList());
  }

  /**
   * Types the {@code ?} among {@code results}, which share one type, before Calcite derives the
   * call's type from them: the others' type, else the context's, else text.
   */
  private void typeAlike(RelDataType inferredType, SqlValidatorScope scope,
      List<SqlNode> results) {
    List<SqlNode> parameters = new ArrayList<>();
    List<RelDataType> known = new ArrayList<>();
    for (SqlNode r : results) {
      if (r instanceof SqlCall cast && cast.getOperator() == SqlInternalOperators.CAST_NOT_NULL
          && cast.operand(0) instanceof SqlDynamicParam inner) {
        r = inner; // COALESCE's rewrite wraps each result but the last
      }
      if (r instanceof SqlDynamicParam) {
        parameters.add(r);
      } else if (!SqlUtil.isNullLiteral(r, false)) {
        known.add(deriveType(scope, r));
      }
    }
    if (parameters.isEmpty()) {
      return;
    }
    RelDataType type = known.isEmpty() ? null : getTypeFactory().leastRestrictive(known);
    if (type == null) {
      type = !inferredType.equals(getUnknownType()) ? inferredType
          : getTypeFactory().createSqlType(SqlTypeName.VARCHAR);
    }
    if (org.apache.calcite.sql.type.SqlTypeUtil.isCharacter(type)) {
      // Text of any length, as PostgreSQL's text: COALESCE(?, 'Magento') took the literal's
      // CHAR(7), and a longer value bound to it was cut to seven characters.
      type = getTypeFactory().createTypeWithNullability(
          getTypeFactory().createSqlType(SqlTypeName.VARCHAR), true);
    }
    for (SqlNode p : parameters) {
      super.inferUnknownTypes(type, scope, p);
    }
  }
}
