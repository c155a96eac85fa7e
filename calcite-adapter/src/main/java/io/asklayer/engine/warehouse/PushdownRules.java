package io.asklayer.engine.warehouse;

import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.rules.JoinPushThroughJoinRule;
import org.apache.calcite.rel.rules.ProjectToWindowRule;

/**
 * Adjustments to Calcite's default rule set so whole queries reach the warehouse as one statement.
 */
public final class PushdownRules {
  /**
   * Splits windowed aggregates out of logical projects only. Calcite's default matches any project,
   * including one already converted to the JDBC convention, where it produces a window node the JDBC
   * adapter cannot implement and planning fails. Left alone, a JDBC project carries its window
   * functions down to the warehouse.
   */
  public static final RelOptRule LOGICAL_PROJECT_TO_WINDOW =
      ProjectToWindowRule.ProjectToLogicalProjectAndWindowRule
          .ProjectToLogicalProjectAndWindowRuleConfig.DEFAULT
          .withOperandSupplier(b -> b.operand(LogicalProject.class)
              .predicate(Project::containsOver).anyInputs())
          .withDescription("ProjectToWindowRule:logicalProject")
          .toRule();

  private PushdownRules() {
  }

  /** Applies the adjustments to a planner that has Calcite's default rules. */
  public static void apply(RelOptPlanner planner) {
    planner.removeRule(CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW);
    planner.addRule(LOGICAL_PROJECT_TO_WINDOW);
    planner.removeRule(CoreRules.PROJECT_TO_SEMI_JOIN);
    planner.removeRule(CoreRules.JOIN_ON_UNIQUE_TO_SEMI_JOIN);
    planner.removeRule(CoreRules.JOIN_TO_SEMI_JOIN);
    // Join order is the warehouse's business: it reorders joins itself, and exploring both sides
    // of every join, or every way of nesting three (a four-table join written with commas took
    // 100 to 160 ms to plan), costs planning time without changing the statement's work. Merge joins
    // only matter for rows pulled into the proxy, where the hash join serves.
    planner.removeRule(CoreRules.JOIN_COMMUTE);
    planner.removeRule(JoinPushThroughJoinRule.LEFT);
    planner.removeRule(JoinPushThroughJoinRule.RIGHT);
    planner.removeRule(EnumerableRules.ENUMERABLE_MERGE_JOIN_RULE);
  }
}
