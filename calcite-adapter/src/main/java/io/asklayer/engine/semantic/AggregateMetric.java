package io.asklayer.engine.semantic;

import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlBasicAggFunction;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.util.SqlOperatorTables;

/**
 * {@code AGGREGATE(metric)}: a metric column of a semantic table, computed from its definition at
 * the query's grouping (the form Looker's SQL interface uses). It exists only to be recognised and
 * replaced by {@link SemanticRewriter}; it has no implementation of its own.
 */
public final class AggregateMetric {
  public static final SqlAggFunction AGGREGATE = SqlBasicAggFunction.create("AGGREGATE",
      SqlKind.OTHER_FUNCTION, ReturnTypes.ARG0_NULLABLE, OperandTypes.ANY);

  /** The operators Asklayer adds to Calcite's standard ones. */
  public static final SqlOperatorTable OPERATORS = SqlOperatorTables.of(AGGREGATE);

  private AggregateMetric() {
  }
}
