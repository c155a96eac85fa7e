package io.asklayer.engine.security;

import io.asklayer.engine.error.AsklayerException;
import io.asklayer.engine.error.ErrorKind;
import org.apache.calcite.adapter.jdbc.JdbcTableScan;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;

/**
 * The last check before a plan runs: every warehouse scan in it, sub-queries included, must have
 * been made by {@link SecuredTable} under the executing principal's policy. A plan that fails is
 * not run. Nothing a user types reaches here without a policy applied; this is the check that
 * would catch a path that forgot to.
 */
public final class PlanCheck {
  private PlanCheck() {
  }

  public static void verify(RelNode rel, AccessPolicy policy) {
    if (rel instanceof JdbcTableScan scan) {
      if (!(scan instanceof SecuredScan s) || !s.policy().equals(policy.fingerprint())) {
        throw new AsklayerException(ErrorKind.INTERNAL, "Refused to run a plan that reads table '"
            + scan.jdbcTable.jdbcTableName + "' without the access policy of '"
            + policy.principal() + "' applied. Nothing was read.");
      }
    }
    rel.getInputs().forEach(i -> verify(i, policy));
    rel.accept(new RexShuttle() {
      @Override public RexNode visitSubQuery(RexSubQuery subQuery) {
        verify(subQuery.rel, policy);
        return subQuery;
      }
    });
  }
}
