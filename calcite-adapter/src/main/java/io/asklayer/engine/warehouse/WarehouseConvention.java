package io.asklayer.engine.warehouse;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverter;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverterRule;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.sql.SqlDialect;

/**
 * The JDBC calling convention of one warehouse, with one change to Calcite's: every trip out of the
 * warehouse is expensive. Calcite prices its JDBC-to-Java converter at a tenth of a row, and its row
 * estimates for joins ignore keys, so a plan that pulls the sales lines into the proxy to join them
 * there can look cheaper than the same join done in the warehouse. Priced at a fixed, large cost per
 * statement sent to the warehouse plus the rows it brings back, the plan with the fewest statements
 * (one, when the warehouse can do all of it) wins, and among those, the one bringing back least.
 */
public final class WarehouseConvention extends JdbcConvention {
  /**
   * Cost of one statement sent to the warehouse, in rows: more than any row estimate. Calcite's
   * estimates of joins without known keys multiply (TPC-DS 49's store branch, sales joined to
   * returns, comes to about 1e10 at scale 1), and at 1e9 a statement was cheaper than such a
   * branch's rows counted once more in a warehouse {@code UNION}, so the branch was sorted in a
   * statement of its own and merged in Java. A double still tells apart costs an eighth of a row
   * apart at 1e15.
   */
  static final double STATEMENT_COST = 1e15;
  /**
   * Cost of moving one row from the warehouse into the proxy, in rows of work: Calcite's own
   * figure. Row estimates can be wild (a full join on keys is estimated as a cross product), so the
   * per-statement cost, not this, must decide between pushing down and not.
   */
  static final double TRANSFER_COST_PER_ROW = 0.1;

  private final String schemaName;
  private volatile List<ConverterRule> converters;

  WarehouseConvention(SqlDialect dialect, Expression expression, String name) {
    super(dialect, expression, name);
    this.schemaName = name;
  }

  /**
   * The name of the schema, directly under a session's root, that unwraps to the warehouse's
   * {@link javax.sql.DataSource} (what the generated code reaches through the expression).
   */
  public String schemaName() {
    return schemaName;
  }

  @Override public void register(RelOptPlanner planner) {
    converters().forEach(planner::addRule);
    planner.addRule(CoreRules.FILTER_SET_OP_TRANSPOSE);
    planner.addRule(CoreRules.PROJECT_REMOVE);
    planner.addRule(ToEnumerableRule.create(this));
  }

  /**
   * The rules that turn a logical operator into this warehouse's, first choice first: Calcite's
   * JDBC rules with the warehouse's wider join rule, and its rules for grouping sets and windows.
   * Made once; the planner and {@link WarehouseProgram} use the same list.
   */
  List<ConverterRule> converters() {
    List<ConverterRule> rules = converters;
    if (rules == null) {
      List<ConverterRule> made = new ArrayList<>();
      for (RelOptRule rule : JdbcRules.rules(this)) {
        if (!(rule instanceof JdbcToEnumerableConverterRule)
            && !(rule instanceof JdbcRules.JdbcJoinRule)
            && rule instanceof ConverterRule c) {
          made.add(c);
        }
      }
      made.add(WarehouseRules.JoinRule.create(this));
      made.add(WarehouseRules.AggregateRule.create(this));
      made.add(WarehouseRules.WindowRule.create(this));
      rules = List.copyOf(made);
      converters = rules;
    }
    return rules;
  }

  /** Converts warehouse operators to Java ones through {@link WarehouseToEnumerableConverter}. */
  static final class ToEnumerableRule extends ConverterRule {
    static ToEnumerableRule create(JdbcConvention in) {
      return Config.INSTANCE
          .withConversion(RelNode.class, in, EnumerableConvention.INSTANCE,
              "WarehouseToEnumerableRule")
          .withRuleFactory(ToEnumerableRule::new)
          .toRule(ToEnumerableRule.class);
    }

    ToEnumerableRule(Config config) {
      super(config);
    }

    @Override public RelNode convert(RelNode rel) {
      return new WarehouseToEnumerableConverter(rel.getCluster(),
          rel.getTraitSet().replace(getOutTrait()), rel);
    }
  }

  /** Calcite's JDBC-to-Java converter, priced per statement and per row it brings back. */
  public static final class WarehouseToEnumerableConverter extends JdbcToEnumerableConverter {
    WarehouseToEnumerableConverter(RelOptCluster cluster, RelTraitSet traits, RelNode input) {
      super(cluster, traits, input);
    }

    @Override public RelNode copy(RelTraitSet traitSet, java.util.List<RelNode> inputs) {
      return new WarehouseToEnumerableConverter(getCluster(), traitSet, sole(inputs));
    }

    @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
      double cost = STATEMENT_COST + mq.getRowCount(getInput()) * TRANSFER_COST_PER_ROW;
      return planner.getCostFactory().makeCost(cost, cost, 0);
    }
  }
}
