package io.asklayer.engine.security;

import java.util.List;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcTable;
import org.apache.calcite.adapter.jdbc.JdbcTableScan;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.hint.RelHint;

/**
 * A warehouse table scan made by {@link SecuredTable}, carrying the policy it was made under. The
 * final plan check refuses any warehouse scan that is not one of these, or that was made for another
 * policy.
 */
public final class SecuredScan extends JdbcTableScan {
  private final String policy;

  SecuredScan(RelOptCluster cluster, List<RelHint> hints, RelOptTable table,
      JdbcTable jdbcTable, JdbcConvention convention, String policy) {
    super(cluster, hints, table, jdbcTable, convention);
    this.policy = policy;
  }

  /** The fingerprint of the policy this scan's filters and masks came from. */
  public String policy() {
    return policy;
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new SecuredScan(getCluster(), getHints(), table, jdbcTable,
        (JdbcConvention) getConvention(), policy);
  }

  @Override public RelNode withHints(List<RelHint> hintList) {
    return new SecuredScan(getCluster(), hintList, table, jdbcTable,
        (JdbcConvention) getConvention(), policy);
  }
}
