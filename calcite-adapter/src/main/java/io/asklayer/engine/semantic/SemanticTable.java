package io.asklayer.engine.semantic;

import java.util.List;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A table of the {@code semantic} schema: one per model table that metrics aggregate, its columns
 * the dimensions reachable from that table, then every metric. Queried with metric columns under
 * {@code AGGREGATE(...)} (or {@code SUM}, {@code AVG}, {@code MIN}, {@code MAX}) and dimension
 * columns in {@code GROUP BY} and {@code WHERE}; each metric is then computed from its definition at
 * that grouping.
 *
 * @param dimensions positions in the model row of this table's dimension columns, in column order
 */
public final class SemanticTable extends AbstractTable implements TranslatableTable {
  private final String name;
  private final String factTable;
  private final List<Integer> dimensions;
  private final List<String> metrics;
  private final SemanticCatalog catalog;

  SemanticTable(String name, String factTable, List<Integer> dimensions, List<String> metrics,
      SemanticCatalog catalog) {
    this.name = name;
    this.factTable = factTable;
    this.dimensions = List.copyOf(dimensions);
    this.metrics = List.copyOf(metrics);
    this.catalog = catalog;
  }

  public String name() {
    return name;
  }

  /** The model table this semantic table's rows come from when no metric is asked for. */
  String factTable() {
    return factTable;
  }

  List<Integer> dimensions() {
    return dimensions;
  }

  List<String> metrics() {
    return metrics;
  }

  SemanticCatalog catalog() {
    return catalog;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder b = typeFactory.builder();
    MetricCompiler c = catalog.compiler();
    for (int i : dimensions) {
      b.add(c.dimensionNames().get(i), catalog.dimensionType(i, typeFactory));
    }
    for (String m : metrics) {
      b.add(m, catalog.metricType(m, typeFactory));
    }
    return b.build();
  }

  @Override public Schema.TableType getJdbcTableType() {
    return Schema.TableType.VIEW;
  }

  @Override public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return new SemanticScan(context.getCluster(), relOptTable);
  }
}
