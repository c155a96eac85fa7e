package io.asklayer.engine.warehouse;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcImplementor;
import org.apache.calcite.adapter.jdbc.JdbcRel;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.InvalidRelException;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql.validate.SqlUserDefinedTableFunction;
import org.apache.calcite.util.ImmutableBitSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Two of Calcite's JDBC rules, widened to what the warehouse's SQL can say. Calcite sends a join to
 * the warehouse only when its condition compares columns (no {@code CAST(a) = b + 1}, no
 * {@code BETWEEN}, no {@code CASE}), and an aggregate only when it has one grouping set (no
 * {@code ROLLUP}, {@code CUBE}, {@code GROUPING SETS}), although its SQL writer handles both. Such
 * queries were cut in two: everything below the join or aggregate read into the proxy, the rest done
 * in Java. These rules send them whole.
 */
public final class WarehouseRules {
  private WarehouseRules() {
  }

  /**
   * Whether the warehouse can evaluate an expression written by Calcite's SQL writer: anything but
   * sub-queries, correlation variables, window functions (in a join condition) and functions
   * defined in the proxy, such as {@code search_documents}.
   */
  static boolean writable(RexNode node) {
    try {
      node.accept(new RexVisitorImpl<Void>(true) {
        @Override public Void visitCall(RexCall call) {
          if (call.getOperator() instanceof SqlUserDefinedFunction
              || call.getOperator() instanceof SqlUserDefinedTableFunction
              || call.getOperator() instanceof SqlUserDefinedAggFunction) {
            throw Unwritable.INSTANCE;
          }
          return super.visitCall(call);
        }

        @Override public Void visitOver(RexOver over) {
          throw Unwritable.INSTANCE;
        }

        @Override public Void visitSubQuery(RexSubQuery subQuery) {
          throw Unwritable.INSTANCE;
        }

        @Override public Void visitCorrelVariable(RexCorrelVariable variable) {
          throw Unwritable.INSTANCE;
        }
      });
      return true;
    } catch (Unwritable e) {
      return false;
    }
  }

  /** Thrown out of the visitor at the first expression the warehouse cannot be sent. */
  private static final class Unwritable extends RuntimeException {
    static final Unwritable INSTANCE = new Unwritable();

    private Unwritable() {
      super(null, null, false, false);
    }
  }

  /**
   * Moves a projection, sort, row limit or aggregate that the planner left in Java, right above a
   * trip out of the warehouse, into the warehouse statement, wherever in the plan that is.
   * Calcite's planner compares plans by row count alone, and such an operator costs the same rows
   * on either side, so which side it lands on is an accident of rule order; on the warehouse side
   * the statement is one, and the direct reader serves it. Order is kept: a projection moves below
   * an ordered limit only when it keeps the sort columns, which are renumbered.
   */
  public static RelNode absorb(RelNode rel) {
    List<RelNode> inputs = new ArrayList<>();
    boolean changed = false;
    for (RelNode input : rel.getInputs()) {
      RelNode a = absorb(input);
      changed |= a != input;
      inputs.add(a);
    }
    RelNode node = changed ? rel.copy(rel.getTraitSet(), inputs) : rel;
    for (RelNode a = absorbOne(node); a != node; a = absorbOne(node)) {
      node = a;
    }
    return node;
  }

  /** {@link #absorb} of the node right above a trip out of the warehouse, if it is one. */
  private static RelNode absorbOne(RelNode root) {
    if (!(root instanceof org.apache.calcite.adapter.enumerable.EnumerableRel)
        || root.getInputs().size() != 1
        || !(root.getInput(0) instanceof WarehouseConvention.WarehouseToEnumerableConverter c)) {
      return root;
    }
    RelNode inside = c.getInput();
    RelTraitSet jdbc = inside.getTraitSet();
    // Rows ordered by something below a projection or limit could lose that order in a sub-query.
    boolean orderBelow = !(inside instanceof JdbcRules.JdbcSort)
        && !jdbc.getCollation().getFieldCollations().isEmpty();
    RelNode moved = null;
    if (orderBelow && !(root instanceof org.apache.calcite.rel.core.Sort)
        && !(root instanceof Aggregate)) {
      return root;
    } else if (root instanceof org.apache.calcite.adapter.enumerable.EnumerableCalc calc) {
      moved = calcInto(calc.getProgram(), inside, jdbc);
    } else if (root instanceof org.apache.calcite.adapter.enumerable.EnumerableLimit limit) {
      moved = sortInto(null, limit.offset, limit.fetch, inside, jdbc);
    } else if (root instanceof org.apache.calcite.rel.core.Sort sort) {
      // EnumerableSort, and EnumerableLimitSort (a sort with its limit)
      moved = sortInto(sort.getCollation(), sort.offset, sort.fetch, inside, jdbc);
    } else if (root instanceof org.apache.calcite.adapter.enumerable.EnumerableAggregateBase agg) {
      moved = aggregateInto(agg, inside, jdbc);
    }
    if (moved == null) {
      return root;
    }
    return new WarehouseConvention.WarehouseToEnumerableConverter(root.getCluster(),
        root.getTraitSet(), moved);
  }

  private static @Nullable RelNode calcInto(org.apache.calcite.rex.RexProgram program,
      RelNode inside, RelTraitSet jdbc) {
    for (RexNode e : program.getExprList()) {
      if (!writable(e)) {
        return null;
      }
    }
    if (program.getCondition() != null) {
      return null;
    }
    if (inside instanceof JdbcRules.JdbcSort sort
        && !sort.getCollation().getFieldCollations().isEmpty()) {
      // Project, then sort and limit, with the sort keys renumbered to the projected columns.
      List<org.apache.calcite.rel.RelFieldCollation> keys = new ArrayList<>();
      for (org.apache.calcite.rel.RelFieldCollation k : sort.getCollation().getFieldCollations()) {
        int at = -1;
        List<org.apache.calcite.rex.RexLocalRef> projects = program.getProjectList();
        for (int i = 0; i < projects.size() && at < 0; i++) {
          RexNode e = program.expandLocalRef(projects.get(i));
          if (e instanceof org.apache.calcite.rex.RexInputRef ref
              && ref.getIndex() == k.getFieldIndex()) {
            at = i;
          }
        }
        if (at < 0) {
          return null;
        }
        keys.add(k.withFieldIndex(at));
      }
      RelNode projected = project(sort.getInput(), program,
          sort.getInput().getTraitSet());
      RelCollation collation = RelCollations.of(keys);
      return new JdbcRules.JdbcSort(sort.getCluster(), jdbc.replace(collation), projected,
          collation, sort.offset, sort.fetch);
    }
    return project(inside, program, jdbc.replace(RelCollations.EMPTY));
  }

  /** A calculation without a condition as a warehouse projection (Calcite cannot write a calc). */
  private static RelNode project(RelNode input, org.apache.calcite.rex.RexProgram program,
      RelTraitSet traits) {
    List<RexNode> projects = new ArrayList<>();
    program.getProjectList().forEach(r -> projects.add(program.expandLocalRef(r)));
    return new JdbcRules.JdbcProject(input.getCluster(), traits, input, projects,
        program.getOutputRowType());
  }

  /** An aggregate, which does not depend on the order of its input. */
  private static @Nullable RelNode aggregateInto(Aggregate agg, RelNode inside, RelTraitSet jdbc) {
    RelTraitSet traits = jdbc.replace(RelCollations.EMPTY);
    try {
      return agg.getGroupSets().size() == 1
          ? new JdbcRules.JdbcAggregate(agg.getCluster(), traits, inside, agg.getGroupSet(),
              agg.getGroupSets(), agg.getAggCallList())
          : new WarehouseAggregate(agg.getCluster(), traits, inside, agg.getGroupSet(),
              agg.getGroupSets(), agg.getAggCallList());
    } catch (InvalidRelException e) {
      return null;
    }
  }

  /**
   * A sort and limit in the warehouse: over rows in no order, or merged into a sort below that has
   * no limit of its own. A null {@code collation} (a limit alone) keeps the order below.
   */
  private static @Nullable RelNode sortInto(@Nullable RelCollation collation,
      @Nullable RexNode offset, @Nullable RexNode fetch, RelNode inside, RelTraitSet jdbc) {
    RelNode input = inside;
    RelCollation order = collation == null ? RelCollations.EMPTY : collation;
    if (inside instanceof JdbcRules.JdbcSort below) {
      if (below.offset != null || below.fetch != null) {
        return null;
      }
      input = below.getInput();
      order = collation == null ? below.getCollation() : collation;
    }
    return new JdbcRules.JdbcSort(inside.getCluster(), jdbc.replace(order), input, order, offset,
        fetch);
  }

  /** Joins on any condition the warehouse can evaluate, not only comparisons of columns. */
  public static final class JoinRule extends JdbcRules.JdbcJoinRule {
    public static JoinRule create(JdbcConvention out) {
      return Config.INSTANCE
          .withConversion(Join.class, Convention.NONE, out, "WarehouseJoinRule")
          .withRuleFactory(JoinRule::new)
          .toRule(JoinRule.class);
    }

    JoinRule(Config config) {
      super(config);
    }

    @Override public @Nullable RelNode convert(RelNode rel) {
      Join join = (Join) rel;
      switch (join.getJoinType()) {
        case SEMI:
        case ANTI:
          return null;
        default:
          break;
      }
      if (!join.getVariablesSet().isEmpty() || !writable(join.getCondition())) {
        return null;
      }
      List<RelNode> inputs = new ArrayList<>();
      for (RelNode input : join.getInputs()) {
        inputs.add(input.getConvention() == getOutTrait() ? input
            : convert(input, input.getTraitSet().replace(getOutTrait())));
      }
      try {
        return new JdbcRules.JdbcJoin(join.getCluster(), join.getTraitSet().replace(getOutTrait()),
            inputs.get(0), inputs.get(1), join.getCondition(), join.getVariablesSet(),
            join.getJoinType());
      } catch (InvalidRelException e) {
        return null;
      }
    }
  }

  /** Aggregates over any grouping sets: {@code ROLLUP}, {@code CUBE}, {@code GROUPING SETS}. */
  public static final class AggregateRule extends ConverterRule {
    public static AggregateRule create(JdbcConvention out) {
      return Config.INSTANCE
          .withConversion(Aggregate.class, Convention.NONE, out, "WarehouseAggregateRule")
          .withRuleFactory(AggregateRule::new)
          .toRule(AggregateRule.class);
    }

    AggregateRule(Config config) {
      super(config);
    }

    @Override public boolean matches(RelOptRuleCall call) {
      Aggregate agg = call.rel(0);
      return agg.getGroupSets().size() > 1;
    }

    @Override public @Nullable RelNode convert(RelNode rel) {
      Aggregate agg = (Aggregate) rel;
      try {
        return new WarehouseAggregate(rel.getCluster(), agg.getTraitSet().replace(out),
            convert(agg.getInput(), out), agg.getGroupSet(), agg.getGroupSets(),
            agg.getAggCallList());
      } catch (InvalidRelException e) {
        return null;
      }
    }
  }

  /**
   * An aggregate over several grouping sets, in the warehouse: Calcite's {@code JdbcAggregate}
   * asserts a single grouping set, although the SQL it writes for an aggregate handles any.
   */
  public static final class WarehouseAggregate extends Aggregate implements JdbcRel {
    WarehouseAggregate(RelOptCluster cluster, RelTraitSet traits, RelNode input,
        ImmutableBitSet groupSet, List<ImmutableBitSet> groupSets, List<AggregateCall> calls)
        throws InvalidRelException {
      super(cluster, traits, List.of(), input, groupSet, groupSets, calls);
      SqlDialect dialect = ((JdbcConvention) getConvention()).dialect;
      for (AggregateCall call : calls) {
        if (!dialect.supportsAggregateFunction(call.getAggregation().getKind())
            || call.distinctKeys != null
            || call.hasFilter() && !dialect.supportsAggregateFunctionFilter()) {
          throw new InvalidRelException("the warehouse cannot compute " + call);
        }
      }
    }

    @Override public Aggregate copy(RelTraitSet traits, RelNode input, ImmutableBitSet groupSet,
        @Nullable List<ImmutableBitSet> groupSets, List<AggregateCall> calls) {
      try {
        return new WarehouseAggregate(getCluster(), traits, input, groupSet,
            groupSets == null ? List.of(groupSet) : groupSets, calls);
      } catch (InvalidRelException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override public JdbcImplementor.Result implement(JdbcImplementor implementor) {
      return implementor.implement(this);
    }
  }

  /**
   * Window functions in the warehouse. A window over the warehouse's rows could only run in the
   * proxy: Calcite splits window functions out of a project into a window node
   * ({@code ProjectToWindowRule}), moves filters and constants past it, and its JDBC adapter has no
   * rule for that node, so a top-N per group or a share next to a condition on its partition came
   * back as the warehouse's grouped rows with the ranking done here. Calcite's SQL writer writes a
   * window node as a select list of {@code OVER} calls; this rule lets it.
   */
  public static final class WindowRule extends ConverterRule {
    public static WindowRule create(JdbcConvention out) {
      return Config.INSTANCE
          .withConversion(org.apache.calcite.rel.logical.LogicalWindow.class, Convention.NONE,
              out, "WarehouseWindowRule")
          .withRuleFactory(WindowRule::new)
          .toRule(WindowRule.class);
    }

    WindowRule(Config config) {
      super(config);
    }

    @Override public boolean matches(RelOptRuleCall call) {
      org.apache.calcite.rel.core.Window w = call.rel(0);
      if (!((JdbcConvention) getOutConvention()).dialect.supportsWindowFunctions()) {
        return false;
      }
      for (org.apache.calcite.rel.core.Window.Group g : w.groups) {
        for (org.apache.calcite.rel.core.Window.RexWinAggCall c : g.aggCalls) {
          if (c.getOperator() instanceof SqlUserDefinedAggFunction || !writable(c)) {
            return false;
          }
        }
      }
      return true;
    }

    @Override public @Nullable RelNode convert(RelNode rel) {
      org.apache.calcite.rel.core.Window w = (org.apache.calcite.rel.core.Window) rel;
      // Only the convention: the warehouse's window does not sort its output, whatever order
      // the window's own ORDER BY gives Calcite's Java implementation.
      return new WarehouseWindow(rel.getCluster(), rel.getCluster().traitSetOf(out),
          convert(w.getInput(), out), w.constants, w.getRowType(), w.groups);
    }
  }

  /** A window node the warehouse computes: Calcite's SQL writer writes its {@code OVER} calls. */
  public static final class WarehouseWindow extends org.apache.calcite.rel.core.Window
      implements JdbcRel {
    WarehouseWindow(RelOptCluster cluster, RelTraitSet traits, RelNode input,
        List<org.apache.calcite.rex.RexLiteral> constants,
        org.apache.calcite.rel.type.RelDataType rowType, List<Group> groups) {
      super(cluster, traits, input, constants, rowType, groups);
    }

    @Override public RelNode copy(RelTraitSet traits, List<RelNode> inputs) {
      return new WarehouseWindow(getCluster(), traits, sole(inputs), constants, getRowType(),
          groups);
    }

    @Override public org.apache.calcite.rel.core.Window copy(
        List<org.apache.calcite.rex.RexLiteral> constants) {
      return new WarehouseWindow(getCluster(), getTraitSet(), getInput(), constants,
          getRowType(), groups);
    }

    @Override public JdbcImplementor.Result implement(JdbcImplementor implementor) {
      return implementor.implement(this);
    }
  }
}
