package io.asklayer.engine.session;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.RelBuilder;

/**
 * A small result computed by the engine itself (metadata statements, document search): named,
 * typed columns (text by default) and fixed rows, planned as a VALUES relation.
 */
final class RowsTable extends AbstractTable implements TranslatableTable {
  /** A column: its name and type (VARCHAR, SMALLINT, INTEGER, BIGINT, BOOLEAN, DOUBLE or DATE), always nullable. */
  record Column(String name, SqlTypeName type) {
  }

  private final List<Column> columns;
  private final List<List<?>> rows;

  RowsTable(List<String> columns, List<List<String>> rows) {
    this(columns.stream().map(c -> new Column(c, SqlTypeName.VARCHAR)).toList(),
        List.<List<?>>copyOf(rows), true);
  }

  RowsTable(List<Column> columns, List<List<?>> rows, boolean typed) {
    this.columns = List.copyOf(columns);
    this.rows = List.copyOf(rows);
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder b = typeFactory.builder();
    for (Column c : columns) {
      b.add(c.name(), typeFactory.createTypeWithNullability(
          typeFactory.createSqlType(c.type()), true));
    }
    return b.build();
  }

  @Override public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    RelDataType type = getRowType(context.getCluster().getTypeFactory());
    RexBuilder rex = context.getCluster().getRexBuilder();
    List<List<RexLiteral>> tuples = new ArrayList<>();
    for (List<?> row : rows) {
      List<RexLiteral> t = new ArrayList<>();
      for (int i = 0; i < columns.size(); i++) {
        t.add(literal(rex, row.get(i), type.getFieldList().get(i).getType()));
      }
      tuples.add(t);
    }
    RelBuilder b = RelFactories.LOGICAL_BUILDER.create(context.getCluster(), null);
    return b.values(tuples, type).build();
  }

  private static RexLiteral literal(RexBuilder rex, Object v, RelDataType type) {
    if (v == null) {
      return rex.makeNullLiteral(type);
    }
    return switch (type.getSqlTypeName()) {
      case SMALLINT, INTEGER, BIGINT -> (RexLiteral) rex.makeLiteral(
          java.math.BigDecimal.valueOf(((Number) v).longValue()), type, false);
      case DOUBLE -> (RexLiteral) rex.makeLiteral(
          java.math.BigDecimal.valueOf(((Number) v).doubleValue()), type, false);
      case BOOLEAN -> rex.makeLiteral((Boolean) v);
      case DATE -> (RexLiteral) rex.makeLiteral(
          new org.apache.calcite.util.DateString(v.toString()), type, false);
      default -> (RexLiteral) rex.makeLiteral(v.toString(), type, false);
    };
  }
}
