package io.asklayer.engine.warehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.jdbc.JdbcTableScan;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepRelVertex;
import org.apache.calcite.plan.RelOptCostImpl;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.ChainedRelMetadataProvider;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.rules.AggregateExpandDistinctAggregatesRule;
import org.apache.calcite.rel.rules.AggregateReduceFunctionsRule;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.rel.rules.PruneEmptyRules;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optimizer program: a short one for a statement the warehouse can run whole, Calcite's full
 * Volcano search for any other.
 *
 * <p>Calcite's standard program ({@code Programs.standard()}) expands sub-queries, decorrelates and
 * trims fields, then lets the Volcano planner search every equivalent plan in every convention, and
 * finally turns Java filters and projections into calculations. When every table of a statement
 * is a table of the session's one warehouse and every operator has a warehouse form, the search
 * can only end in one warehouse statement under one converter (a trip out of the warehouse costs
 * more than any plan inside it, {@link WarehouseConvention}), yet its converter rules still build
 * the Java alternative of every node: a quarter to a half of a new statement's planning. The short
 * program keeps the standard program's first steps, applies the logical rewrites of the search
 * that shape the warehouse's SQL (filters pushed into joins and below projections and aggregates,
 * projections merged, constant conditions reduced, empty branches pruned, set operations merged)
 * once each with a Hep planner, then converts every node, bottom up, with the warehouse's own
 * converter rules, and puts one converter to Java on top.
 *
 * <p>Anything the warehouse cannot run (a table of another schema, a semantic table left by the
 * rewriter, a table function, a function defined in the proxy, a correlation, a plan that folds to
 * constants) leaves a node no warehouse rule converts, and the statement is planned by the full
 * program from the same logical plan, as if the short one had not been tried. The system
 * property {@value #PROPERTY}{@code =full} forces the full program, for comparisons.
 */
public final class WarehouseProgram implements Program {
  /** System property: {@code full} plans every statement with the full Volcano program. */
  public static final String PROPERTY = "asklayer.planner";
  /** The one program; it holds no state but counters. */
  public static final WarehouseProgram INSTANCE = new WarehouseProgram();

  private static final Logger LOG = LoggerFactory.getLogger(WarehouseProgram.class);
  private static final RelMetadataProvider METADATA = DefaultRelMetadataProvider.INSTANCE;
  /** The standard program's steps before its Volcano search. */
  private static final Program PRELUDE = Programs.sequence(Programs.subQuery(METADATA),
      Programs.decorrelate(), Programs.measure(METADATA), Programs.trim());
  /** The standard program's step after the search: Java filters and projections as calcs. */
  private static final Program CALC = Programs.calc(METADATA);
  /**
   * {@code SUM(x)} that cannot be null as {@code $SUM0(x)}, written {@code COALESCE(SUM(x), 0)}:
   * the one reduction of Calcite's {@code AGGREGATE_REDUCE_FUNCTIONS} its search keeps (it costs
   * the same), where the others ({@code AVG} as a division) cost more and are dropped.
   */
  private static final RelOptRule SUM_OF_NON_NULLS = AggregateReduceFunctionsRule.Config.DEFAULT
      .withFunctionsToReduce(java.util.EnumSet.of(SqlKind.SUM))
      .withOperandSupplier(b -> b.operand(LogicalAggregate.class)
          .predicate(WarehouseProgram::onlyNonNullSums).anyInputs())
      .withDescription("WarehouseProgram:sumOfNonNulls")
      .as(AggregateReduceFunctionsRule.Config.class)
      .toRule();
  /**
   * An aggregate of one distinct argument list alone ({@code COUNT(DISTINCT x)}) as a grouping by
   * it below a plain aggregate, as Calcite's search chooses; mixed with other aggregates, its
   * expansions (grouping sets or joins) cost more and are not chosen, so they are not made here.
   */
  private static final RelOptRule ONE_DISTINCT_COUNT =
      AggregateExpandDistinctAggregatesRule.Config.DEFAULT
          .withOperandSupplier(b -> b.operand(LogicalAggregate.class)
              .predicate(WarehouseProgram::oneDistinctArgumentList).anyInputs())
          .withDescription("WarehouseProgram:oneDistinctCount")
          .as(AggregateExpandDistinctAggregatesRule.Config.class)
          .toRule();

  /**
   * The logical rewrites of Calcite's default rule set that shape the warehouse statement, each
   * applied until none matches. Only one direction of each pair (filters go down, never up), so
   * the collection ends; join order is the warehouse's business, as in {@link PushdownRules}.
   */
  private static final HepProgram NORMALISE = HepProgram.builder()
      .addRuleCollection(List.of(
          CoreRules.FILTER_REDUCE_EXPRESSIONS,
          SUM_OF_NON_NULLS,
          ONE_DISTINCT_COUNT,
          CoreRules.FILTER_MERGE,
          CoreRules.FILTER_PROJECT_TRANSPOSE,
          CoreRules.FILTER_INTO_JOIN,
          CoreRules.JOIN_CONDITION_PUSH,
          CoreRules.FILTER_AGGREGATE_TRANSPOSE,
          CoreRules.FILTER_SET_OP_TRANSPOSE,
          CoreRules.PROJECT_MERGE,
          CoreRules.PROJECT_REMOVE,
          CoreRules.AGGREGATE_PROJECT_MERGE,
          CoreRules.UNION_MERGE,
          CoreRules.INTERSECT_MERGE,
          CoreRules.MINUS_MERGE,
          PruneEmptyRules.UNION_INSTANCE,
          PruneEmptyRules.INTERSECT_INSTANCE,
          PruneEmptyRules.MINUS_INSTANCE,
          PruneEmptyRules.PROJECT_INSTANCE,
          PruneEmptyRules.FILTER_INSTANCE,
          PruneEmptyRules.SORT_INSTANCE,
          PruneEmptyRules.AGGREGATE_INSTANCE,
          PruneEmptyRules.JOIN_LEFT_INSTANCE,
          PruneEmptyRules.JOIN_RIGHT_INSTANCE,
          PruneEmptyRules.SORT_FETCH_ZERO_INSTANCE))
      .build();

  private final LongAdder shortPlans = new LongAdder();
  private final LongAdder fullPlans = new LongAdder();

  private WarehouseProgram() {
  }

  /** Statements planned by the short program since the JVM started. */
  public long shortPlans() {
    return shortPlans.sum();
  }

  /** Statements planned by the full program since the JVM started (fallbacks and forced). */
  public long fullPlans() {
    return fullPlans.sum();
  }

  private static boolean onlyNonNullSums(Aggregate agg) {
    boolean any = false;
    for (AggregateCall call : agg.getAggCallList()) {
      if (call.getAggregation().getKind() == SqlKind.SUM) {
        if (call.getType().isNullable()) {
          return false;
        }
        any = true;
      }
    }
    return any;
  }

  private static boolean oneDistinctArgumentList(Aggregate agg) {
    List<AggregateCall> calls = agg.getAggCallList();
    if (calls.isEmpty() || agg.getGroupSets().size() != 1) {
      return false;
    }
    for (AggregateCall call : calls) {
      if (!call.isDistinct() || call.filterArg >= 0 || call.distinctKeys != null
          || !call.getArgList().equals(calls.get(0).getArgList())) {
        return false;
      }
    }
    return true;
  }

  /** Whether the full program is forced ({@value #PROPERTY}{@code =full}). */
  public static boolean fullForced() {
    return "full".equals(System.getProperty(PROPERTY));
  }

  @Override public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
    RelNode logical = PRELUDE.run(planner, rel, requiredOutputTraits, materializations, lattices);
    if (!fullForced() && materializations.isEmpty() && lattices.isEmpty()) {
      WarehouseConvention convention = warehouseOnly(logical);
      RelNode planned = convention == null ? null
          : shortPlan(planner, logical, convention, requiredOutputTraits);
      if (planned != null) {
        shortPlans.increment();
        return planned;
      }
      LOG.debug("the warehouse program does not cover this plan; planning it in full:\n{}",
          org.apache.calcite.plan.RelOptUtil.toString(logical));
    }
    fullPlans.increment();
    RelNode best = volcano(planner, logical, requiredOutputTraits, materializations, lattices);
    return CALC.run(planner, best, requiredOutputTraits, materializations, lattices);
  }

  /** The standard program's Volcano step, as {@code Programs.standard()} runs it. */
  private static RelNode volcano(RelOptPlanner planner, RelNode rel, RelTraitSet required,
      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
    materializations.forEach(planner::addMaterialization);
    lattices.forEach(planner::addLattice);
    planner.setRoot(rel);
    RelNode root = rel.getTraitSet().equals(required) ? rel : planner.changeTraits(rel, required);
    planner.setRoot(root);
    RelNode best = planner.chooseDelegate().findBestExp();
    if (best == null) {
      throw new IllegalStateException("could not implement exp");
    }
    return best;
  }

  /**
   * The warehouse every table scan of the plan reads, when it is one and the plan's leaves are
   * all its tables; otherwise null.
   */
  static @Nullable WarehouseConvention warehouseOnly(RelNode rel) {
    WarehouseConvention[] found = new WarehouseConvention[1];
    return leavesIn(rel, found) ? found[0] : null;
  }

  private static boolean leavesIn(RelNode rel, WarehouseConvention[] found) {
    if (rel instanceof TableScan scan) {
      if (!(scan instanceof JdbcTableScan)
          || !(scan.getConvention() instanceof WarehouseConvention c)
          || found[0] != null && found[0] != c) {
        return false;
      }
      found[0] = c;
      return true;
    }
    // Rows made in the proxy (documents found while planning, constants) stay there, as the
    // full program's prices keep them.
    if (rel.getInputs().isEmpty()) {
      return false;
    }
    for (RelNode input : rel.getInputs()) {
      if (!leavesIn(input, found)) {
        return false;
      }
    }
    return true;
  }

  /** The short program's plan, or null when some node has no warehouse form. */
  private static @Nullable RelNode shortPlan(RelOptPlanner planner, RelNode logical,
      WarehouseConvention convention, RelTraitSet required) {
    HepPlanner hep = new HepPlanner(NORMALISE, planner.getContext(), true, null,
        RelOptCostImpl.FACTORY);
    List<RelMetadataProvider> providers = new ArrayList<>(List.of(METADATA));
    hep.registerMetadataProviders(providers);
    logical.getCluster().setMetadataProvider(ChainedRelMetadataProvider.of(providers));
    hep.setRoot(logical);
    RelNode normal = hep.findBestExp();
    // A condition that is always false leaves constant rows, which are Java's: no trip to make.
    if (warehouseOnly(normal) != convention) {
      return null;
    }
    RelNode inside = toWarehouse(normal, convention, convention.converters());
    if (inside == null) {
      return null;
    }
    RelTraitSet traits = inside.getTraitSet().replace(EnumerableConvention.INSTANCE);
    if (!traits.satisfies(required)) {
      return null;
    }
    return new WarehouseConvention.WarehouseToEnumerableConverter(inside.getCluster(), traits,
        inside);
  }

  /**
   * {@code rel} with every node in the warehouse's convention, inputs first, each converted by the
   * first of the warehouse's converter rules that takes it; null when one takes none.
   */
  static @Nullable RelNode toWarehouse(RelNode rel, WarehouseConvention convention,
      List<ConverterRule> rules) {
    RelNode node = rel instanceof HepRelVertex v ? v.getCurrentRel() : rel;
    if (node.getConvention() == convention) {
      return node;
    }
    List<RelNode> inputs = new ArrayList<>(node.getInputs().size());
    boolean changed = false;
    for (RelNode input : node.getInputs()) {
      RelNode in = toWarehouse(input, convention, rules);
      if (in == null) {
        return null;
      }
      changed |= in != input;
      inputs.add(in);
    }
    // A sort without a limit of rows a sort right below already orders the same way (a
    // question's order over its own top-N) is dropped, as the search's SORT_REMOVE does from the
    // collation trait, which only the Volcano planner keeps.
    if (node instanceof Sort sort && sort.offset == null && sort.fetch == null
        && inputs.get(0) instanceof Sort below
        && below.getCollation().equals(sort.getCollation())) {
      return below;
    }
    if (changed) {
      node = node.copy(node.getTraitSet(), inputs);
    }
    for (ConverterRule rule : rules) {
      if (rule.getOperand().matches(node) && rule.matches(new OneNodeCall(rule, node))) {
        RelNode converted = rule.convert(node);
        if (converted != null) {
          return converted;
        }
      }
    }
    return null;
  }

  /**
   * The call a converter rule's {@code matches} reads: the one node it converts. Nothing is ever
   * transformed through it; the rule's {@code convert} is called directly.
   */
  private static final class OneNodeCall extends RelOptRuleCall {
    OneNodeCall(ConverterRule rule, RelNode node) {
      super(node.getCluster().getPlanner(), rule.getOperand(), new RelNode[] {node},
          java.util.Map.of());
    }

    @Override public void transformTo(RelNode rel, java.util.Map<RelNode, RelNode> equiv,
        org.apache.calcite.plan.RelHintsPropagator handler) {
      throw new UnsupportedOperationException("a converter's match is only checked here");
    }
  }
}
