package io.asklayer.engine.warehouse;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.jdbc.JdbcImplementor;
import org.apache.calcite.adapter.jdbc.JdbcRel;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.BiRel;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * A join with the distinct values of one column, written as {@code a IN (SELECT ...)}. Calcite
 * turns {@code x IN (sub-query)} into an inner join with the sub-query's distinct values (its
 * semi-joins the JDBC adapter cannot write, see {@code PushdownRules}), and DuckDB runs that join
 * after grouping the whole sub-query: TPC-DS 95 grouped the six million rows of its web sales
 * self-join twice, where on the original text DuckDB runs a semi-join whose hash table prunes the
 * self-join's scans to the few thousand orders the outer query keeps (305 ms against 91 ms at
 * scale 1; written with {@code IN}, 103 ms).
 *
 * <p>Rewritten: an inner join whose right input groups by one column and computes nothing, on
 * the single condition {@code left.a = right.key}. The rows are the same (the grouping removed
 * duplicates the join would have made; a null on either side matched nothing and is not in the
 * {@code IN}), and the key column, equal to {@code left.a} on every row, is projected from it.
 */
final class SemiJoins {
  private SemiJoins() {
  }

  /** {@code rel} with each such join replaced by {@link KeyIn} and a projection. */
  static RelNode rewrite(RelNode rel) {
    List<RelNode> inputs = new ArrayList<>();
    boolean changed = false;
    for (RelNode input : rel.getInputs()) {
      RelNode r = rewrite(input);
      changed |= r != input;
      inputs.add(r);
    }
    RelNode node = changed ? rel.copy(rel.getTraitSet(), inputs) : rel;
    return node instanceof JdbcRules.JdbcJoin join ? asIn(join) : node;
  }

  private static RelNode asIn(JdbcRules.JdbcJoin join) {
    int leftCount = join.getLeft().getRowType().getFieldCount();
    if (join.getJoinType() != JoinRelType.INNER
        || !(join.getRight() instanceof Aggregate agg)
        || !agg.getAggCallList().isEmpty() || agg.getGroupSets().size() != 1
        || agg.getGroupSet().cardinality() != 1
        || join.getCondition().getKind() != SqlKind.EQUALS) {
      return join;
    }
    List<RexNode> operands = ((RexCall) join.getCondition()).getOperands();
    if (!(operands.get(0) instanceof RexInputRef a) || !(operands.get(1) instanceof RexInputRef b)
        || Math.max(a.getIndex(), b.getIndex()) != leftCount
        || Math.min(a.getIndex(), b.getIndex()) >= leftCount) {
      return join;
    }
    int column = Math.min(a.getIndex(), b.getIndex());
    RelDataType keyType = join.getRowType().getFieldList().get(leftCount).getType();
    RexBuilder rex = join.getCluster().getRexBuilder();
    RexNode leftColumn = rex.makeInputRef(join.getLeft(), column);
    if (!SqlTypeUtil.equalSansNullability(join.getCluster().getTypeFactory(), keyType,
        leftColumn.getType())) {
      return join;
    }
    // The sub-query's rows: the grouped column of the aggregate's input, not grouped again.
    int key = agg.getGroupSet().nth(0);
    RelNode input = agg.getInput();
    RelNode values = new JdbcRules.JdbcProject(join.getCluster(), input.getTraitSet(), input,
        List.of(rex.makeInputRef(input, key)),
        join.getCluster().getTypeFactory().createStructType(
            List.of(input.getRowType().getFieldList().get(key).getType()),
            List.of(input.getRowType().getFieldNames().get(key))));
    KeyIn in = new KeyIn(join.getCluster(), join.getTraitSet(), join.getLeft(), values, column);
    List<RexNode> projects = new ArrayList<>();
    for (int i = 0; i < leftCount; i++) {
      projects.add(rex.makeInputRef(in, i));
    }
    RexNode k = rex.makeInputRef(in, column);
    projects.add(k.getType().equals(keyType) ? k : rex.makeCast(keyType, k, true, false));
    return new JdbcRules.JdbcProject(join.getCluster(), join.getTraitSet(), in, projects,
        join.getRowType());
  }

  /** The rows of the left input whose column {@code column} is among the right input's values. */
  static final class KeyIn extends BiRel implements JdbcRel {
    final int column;

    KeyIn(RelOptCluster cluster, RelTraitSet traits, RelNode left, RelNode values, int column) {
      super(cluster, traits, left, values);
      this.column = column;
    }

    @Override protected RelDataType deriveRowType() {
      return getLeft().getRowType();
    }

    @Override public RelNode copy(RelTraitSet traits, List<RelNode> inputs) {
      return new KeyIn(getCluster(), traits, inputs.get(0), inputs.get(1), column);
    }

    @Override public RelWriter explainTerms(RelWriter pw) {
      return super.explainTerms(pw).item("column", column);
    }

    @Override public JdbcImplementor.Result implement(JdbcImplementor implementor) {
      return implementor.implement(this);
    }
  }
}
