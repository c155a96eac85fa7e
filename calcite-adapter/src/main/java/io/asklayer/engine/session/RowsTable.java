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

/** A small result computed by the engine itself (metadata statements): text columns, fixed rows. */
final class RowsTable extends AbstractTable implements TranslatableTable {
  private final List<String> columns;
  private final List<List<String>> rows;

  RowsTable(List<String> columns, List<List<String>> rows) {
    this.columns = List.copyOf(columns);
    this.rows = List.copyOf(rows);
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder b = typeFactory.builder();
    for (String c : columns) {
      b.add(c, typeFactory.createTypeWithNullability(
          typeFactory.createSqlType(SqlTypeName.VARCHAR), true));
    }
    return b.build();
  }

  @Override public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    RelDataType type = getRowType(context.getCluster().getTypeFactory());
    RexBuilder rex = context.getCluster().getRexBuilder();
    List<List<RexLiteral>> tuples = new ArrayList<>();
    for (List<String> row : rows) {
      List<RexLiteral> t = new ArrayList<>();
      for (int i = 0; i < columns.size(); i++) {
        String v = row.get(i);
        t.add(v == null ? rex.makeNullLiteral(type.getFieldList().get(i).getType())
            : (RexLiteral) rex.makeLiteral(v, type.getFieldList().get(i).getType(), false));
      }
      tuples.add(t);
    }
    RelBuilder b = RelFactories.LOGICAL_BUILDER.create(context.getCluster(), null);
    return b.values(tuples, type).build();
  }
}
