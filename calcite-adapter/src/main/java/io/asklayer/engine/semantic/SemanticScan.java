package io.asklayer.engine.semantic;

import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;

/**
 * A scan of a semantic table. It has no implementation: it only stands for "the metrics and
 * dimensions of the model" until {@link SemanticRewriter} replaces the aggregate above it with the
 * compiled plan. One left in a plan is an error the rewriter reports.
 */
public final class SemanticScan extends TableScan {
  SemanticScan(RelOptCluster cluster, RelOptTable table) {
    super(cluster, cluster.traitSetOf(Convention.NONE), List.of(), table);
  }

  SemanticTable semanticTable() {
    return table.unwrapOrThrow(SemanticTable.class);
  }

  @Override public RelNode copy(org.apache.calcite.plan.RelTraitSet traitSet,
      List<RelNode> inputs) {
    return this;
  }
}
