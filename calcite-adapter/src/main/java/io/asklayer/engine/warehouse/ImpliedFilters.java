package io.asklayer.engine.warehouse;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Writes on each input of a warehouse join the equality with a constant that the join implies
 * for it. Calcite folds a column its filter fixes into a constant ({@code ss_sold_year = 2000}
 * becomes {@code CAST(2000 AS INTEGER) AS ss_sold_year} above the aggregate), and a join on that
 * column no longer tells the warehouse that the other side needs only that value: TPC-DS 78's web
 * and catalog sides, joined to the store side on the year, were aggregated over every year in
 * DuckDB, which on the original text filters them to 2000 itself (it carries a filter across a
 * join's equality, but not a constant out of a sub-query's select list). Calcite's
 * {@code JoinPushTransitivePredicatesRule} infers more than this during planning, where it can
 * loop; this runs once over the final plan and writes only what the warehouse cannot see.
 *
 * <p>Written: {@code other.column = value} for a join condition {@code a = b} where one side's
 * column is a literal (or a cast of one) in a projection, or a grouping column its input filters
 * to a literal or parameter (a statement's literals reach the plan as parameters, and then the
 * year stays a grouping column under {@code WHERE d_year = $1}, which DuckDB does not carry to the
 * other side either), on the other side when the join can drop its rows (either side of an inner
 * join, the inner side of an outer join). An equality with a value cannot fail and reads no
 * hidden row, so a row-filtered table meets nothing new.
 */
public final class ImpliedFilters {
  private ImpliedFilters() {
  }

  /** {@code rel} with the implied filters written below each warehouse join. */
  public static RelNode apply(RelNode rel) {
    List<RelNode> inputs = new ArrayList<>();
    boolean changed = false;
    for (RelNode input : rel.getInputs()) {
      RelNode a = apply(input);
      changed |= a != input;
      inputs.add(a);
    }
    RelNode node = changed ? rel.copy(rel.getTraitSet(), inputs) : rel;
    if (!(node instanceof JdbcRules.JdbcJoin join)) {
      return node;
    }
    JoinRelType type = join.getJoinType();
    if (type != JoinRelType.INNER && type != JoinRelType.LEFT && type != JoinRelType.RIGHT) {
      return node;
    }
    int leftCount = join.getLeft().getRowType().getFieldCount();
    List<RexNode> onLeft = new ArrayList<>();
    List<RexNode> onRight = new ArrayList<>();
    RexBuilder rex = join.getCluster().getRexBuilder();
    for (RexNode c : RelOptUtil.conjunctions(join.getCondition())) {
      if (c.getKind() != SqlKind.EQUALS
          || !(((RexCall) c).getOperands().get(0) instanceof RexInputRef a)
          || !(((RexCall) c).getOperands().get(1) instanceof RexInputRef b)) {
        continue;
      }
      int l = Math.min(a.getIndex(), b.getIndex());
      int r = Math.max(a.getIndex(), b.getIndex()) - leftCount;
      if (l >= leftCount || r < 0) {
        continue;
      }
      RexNode leftConstant = constantAt(join.getLeft(), l);
      RexNode rightConstant = constantAt(join.getRight(), r);
      if (leftConstant != null && rightConstant == null && type != JoinRelType.RIGHT) {
        onRight.add(rex.makeCall(SqlStdOperatorTable.EQUALS,
            rex.makeInputRef(join.getRight(), r), leftConstant));
      } else if (rightConstant != null && leftConstant == null && type != JoinRelType.LEFT) {
        onLeft.add(rex.makeCall(SqlStdOperatorTable.EQUALS,
            rex.makeInputRef(join.getLeft(), l), rightConstant));
      }
    }
    if (onLeft.isEmpty() && onRight.isEmpty()) {
      return node;
    }
    return join.copy(join.getTraitSet(),
        List.of(filtered(join.getLeft(), onLeft), filtered(join.getRight(), onRight)));
  }

  private static RelNode filtered(RelNode input, List<RexNode> conditions) {
    if (conditions.isEmpty()) {
      return input;
    }
    RexNode condition = RexUtil.composeConjunction(input.getCluster().getRexBuilder(),
        conditions);
    return new JdbcRules.JdbcFilter(input.getCluster(), input.getTraitSet(), input, condition);
  }

  /**
   * The non-null literal column {@code i} of {@code rel} always is (or null, when an outer join
   * pads it), when a projection seen through filters, sorts, joins and column references writes
   * one; otherwise null. Either way a row joined on the column equals the literal.
   */
  private static @Nullable RexNode constantAt(RelNode rel, int i) {
    if (rel instanceof Project project) {
      RexNode e = project.getProjects().get(i);
      if (e instanceof RexInputRef ref) {
        return constantAt(project.getInput(), ref.getIndex());
      }
      return RexUtil.isLiteral(e, true) && !RexUtil.isNullLiteral(e, true) ? e : null;
    }
    if (rel instanceof Filter || rel instanceof Sort) {
      return constantAt(rel.getInput(0), i);
    }
    if (rel instanceof org.apache.calcite.rel.core.Join join
        && !join.getJoinType().projectsRight()) {
      return constantAt(join.getLeft(), i);
    }
    if (rel instanceof org.apache.calcite.rel.core.Join join) {
      // A side an outer join pads with nulls still matches nothing but the literal.
      int leftCount = join.getLeft().getRowType().getFieldCount();
      return i < leftCount ? constantAt(join.getLeft(), i)
          : constantAt(join.getRight(), i - leftCount);
    }
    if (rel instanceof Aggregate agg && agg.getGroupSets().size() == 1
        && i < agg.getGroupCount()) {
      // A grouping column the aggregate's input filters to one value (a statement's literals
      // are parameters: WHERE d_year = $1 below the GROUP BY d_year).
      return filteredTo(agg.getInput(), agg.getGroupSet().nth(i));
    }
    return null;
  }

  /**
   * The literal or parameter a filter in {@code rel} (seen through projections and inner joins)
   * fixes column {@code i} to, or null.
   */
  private static @Nullable RexNode filteredTo(RelNode rel, int i) {
    if (rel instanceof Filter filter) {
      for (RexNode c : RelOptUtil.conjunctions(filter.getCondition())) {
        if (c.getKind() == SqlKind.EQUALS) {
          List<RexNode> o = ((RexCall) c).getOperands();
          for (int k = 0; k < 2; k++) {
            if (o.get(k) instanceof RexInputRef ref && ref.getIndex() == i
                && (o.get(1 - k) instanceof RexDynamicParam
                    || RexUtil.isLiteral(o.get(1 - k), true)
                        && !RexUtil.isNullLiteral(o.get(1 - k), true))) {
              return o.get(1 - k);
            }
          }
        }
      }
      return filteredTo(filter.getInput(), i);
    }
    if (rel instanceof Project project
        && project.getProjects().get(i) instanceof RexInputRef ref) {
      return filteredTo(project.getInput(), ref.getIndex());
    }
    if (rel instanceof org.apache.calcite.rel.core.Join join
        && join.getJoinType() == JoinRelType.INNER) {
      int leftCount = join.getLeft().getRowType().getFieldCount();
      return i < leftCount ? filteredTo(join.getLeft(), i)
          : filteredTo(join.getRight(), i - leftCount);
    }
    return null;
  }
}
