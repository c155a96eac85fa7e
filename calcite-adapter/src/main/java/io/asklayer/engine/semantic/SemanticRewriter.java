package io.asklayer.engine.semantic;

import io.asklayer.engine.error.AsklayerException;
import io.asklayer.engine.error.ErrorKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.RelFactories;
import io.asklayer.engine.model.Metric;
import org.apache.calcite.plan.RelOptPredicateList;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexSimplify;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.RelBuilder;

/**
 * Replaces each aggregate over a semantic table with the compiled metric plan. The pattern is an
 * {@link Aggregate} over any chain of {@link Filter}s and {@link Project}s over a
 * {@link SemanticScan}: group keys are expressions over dimension columns, filters are conditions on
 * dimension columns, and aggregate calls are {@code AGGREGATE}, {@code SUM}, {@code AVG},
 * {@code MIN}, {@code MAX} or {@code ANY_VALUE} of a metric column, each meaning "the metric at this
 * grouping". {@code COUNT(*)}, {@code COUNT(1)} and {@code SUM(1)} count the semantic table's fact
 * rows, {@code COUNT([DISTINCT] dimension)}, {@code MIN(dimension)} and {@code MAX(dimension)}
 * count and range a dimension over them, and a query that can return no row ({@code WHERE 1 = 0},
 * {@code LIMIT 0}) is answered with no row and the table's columns. Everything above the aggregate (HAVING, ORDER BY, joins with other tables) stays as
 * written. A semantic scan left anywhere else is refused with a message that says how to query it.
 */
public final class SemanticRewriter {
  private SemanticRewriter() {
  }

  /** Rewrites a plan; returns it unchanged when it reads no semantic table. */
  public static RelNode rewrite(RelNode rel) {
    RelNode out = visit(rel);
    refuseLeftovers(out);
    return out;
  }

  /** Fails on any semantic scan the rewrite could not replace, inside sub-queries too. */
  private static void refuseLeftovers(RelNode rel) {
    if (rel instanceof SemanticScan s) {
      throw notAggregated(s.semanticTable());
    }
    rel.getInputs().forEach(SemanticRewriter::refuseLeftovers);
    rel.accept(new RexShuttle() {
      @Override public RexNode visitSubQuery(RexSubQuery subQuery) {
        refuseLeftovers(subQuery.rel);
        return subQuery;
      }
    });
  }

  /** Rewrites bottom-up: inputs, then sub-queries, then the node itself. */
  private static RelNode visit(RelNode rel) {
    List<RelNode> inputs = new ArrayList<>();
    boolean changed = false;
    for (RelNode input : rel.getInputs()) {
      RelNode v = visit(input);
      changed |= v != input;
      inputs.add(v);
    }
    RelNode node = changed ? rel.copy(rel.getTraitSet(), inputs) : rel;
    node = node.accept(new RexShuttle() {
      @Override public RexNode visitSubQuery(RexSubQuery subQuery) {
        RelNode r = visit(subQuery.rel);
        return r == subQuery.rel ? subQuery : subQuery.clone(r);
      }
    });
    if (node instanceof Aggregate agg) {
      RelNode replaced = tryReplace(agg);
      if (replaced != null) {
        return replaced;
      }
    }
    if (isEmptyProbe(node)) {
      // SELECT * ... WHERE 1 = 0 or LIMIT 0: what a BI tool sends for the columns; no rows.
      return org.apache.calcite.rel.logical.LogicalValues.createEmpty(node.getCluster(),
          node.getRowType());
    }
    return node;
  }

  /**
   * Whether a node reads a semantic scan (through filters and projections) but can return no row:
   * a filter that is always false, or a limit of 0.
   */
  private static boolean isEmptyProbe(RelNode node) {
    RelNode bottom = node;
    while (bottom instanceof Project || bottom instanceof Filter || bottom instanceof Sort) {
      bottom = bottom.getInput(0);
    }
    if (!(bottom instanceof SemanticScan)) {
      return false;
    }
    boolean empty = false;
    RelNode n = node;
    while (n instanceof Project || n instanceof Filter || n instanceof Sort) {
      if (n instanceof Filter f && new RexSimplify(f.getCluster().getRexBuilder(),
          RelOptPredicateList.EMPTY, RexUtil.EXECUTOR).simplify(f.getCondition()).isAlwaysFalse()
          || n instanceof Sort s && s.fetch instanceof RexLiteral l
          && l.getValueAs(Integer.class) == 0) {
        empty = true;
      }
      n = n.getInput(0);
    }
    return empty;
  }

  /** The compiled plan for an aggregate over a semantic scan, or null if it is not one. */
  private static RelNode tryReplace(Aggregate agg) {
    List<RelNode> chain = new ArrayList<>();
    RelNode n = agg.getInput();
    while (n instanceof Project || n instanceof Filter) {
      chain.add(n);
      n = n.getInput(0);
    }
    if (!(n instanceof SemanticScan scan)) {
      for (AggregateCall call : agg.getAggCallList()) {
        if (call.getAggregation() == AggregateMetric.AGGREGATE) {
          throw new AsklayerException(ErrorKind.USER, "AGGREGATE(...) takes a metric column of a "
              + "semantic table, for example SELECT category, AGGREGATE(revenue) FROM "
              + "semantic.sales GROUP BY category; for other columns use SUM, AVG, MIN or MAX.");
        }
      }
      return null;
    }
    SemanticTable table = scan.semanticTable();
    RexBuilder rex = agg.getCluster().getRexBuilder();
    int dimCount = table.dimensions().size();

    // Express the aggregate's input fields, and every filter, over the scan's row.
    List<RexNode> exprs = new ArrayList<>();
    scan.getRowType().getFieldList().forEach(f ->
        exprs.add(rex.makeInputRef(f.getType(), f.getIndex())));
    List<RexNode> conditions = new ArrayList<>();
    for (int i = chain.size() - 1; i >= 0; i--) {
      RelNode node = chain.get(i);
      if (node instanceof Filter f) {
        conditions.add(substitute(f.getCondition(), exprs));
      } else {
        List<RexNode> next = new ArrayList<>();
        for (RexNode p : ((Project) node).getProjects()) {
          next.add(substitute(p, exprs));
        }
        exprs.clear();
        exprs.addAll(next);
      }
    }
    if (agg.getGroupType() != Aggregate.Group.SIMPLE) {
      throw new AsklayerException(ErrorKind.UNSUPPORTED, "GROUPING SETS, ROLLUP and CUBE are not "
          + "supported on semantic tables; run one GROUP BY per grouping.");
    }
    // Scan columns are dimensions, then metrics; the compiler speaks of the model row.
    RexShuttle toModelRow = new RexShuttle() {
      @Override public RexNode visitInputRef(RexInputRef ref) {
        int i = ref.getIndex();
        if (i >= dimCount) {
          throw metricOutsideAggregate(table, scan.getRowType().getFieldNames().get(i));
        }
        return rex.makeInputRef(ref.getType(), table.dimensions().get(i));
      }
    };
    List<RexNode> keys = new ArrayList<>();
    List<String> keyNames = new ArrayList<>();
    for (int g : agg.getGroupSet()) {
      keys.add(exprs.get(g).accept(toModelRow));
      keyNames.add(agg.getInput().getRowType().getFieldNames().get(g));
    }
    RexNode predicate = conditions.isEmpty() ? null
        : RexUtil.composeConjunction(rex, conditions).accept(toModelRow);
    List<String> metrics = new ArrayList<>();
    List<MetricCompiler.RowAggregate> rowAggregates = new ArrayList<>();
    // Where each aggregate call's value is among the compiled fields (keys, metrics, row aggregates).
    List<Integer> positions = new ArrayList<>();
    List<AggregateCall> calls = agg.getAggCallList();
    for (AggregateCall call : calls) {
      MetricCompiler.RowAggregate r = rowAggregateOf(call, exprs, table, toModelRow, dimCount,
          rowAggregates.size());
      if (r != null) {
        rowAggregates.add(r);
        positions.add(-rowAggregates.size());
      } else {
        metrics.add(metricOf(call, exprs, table, scan, dimCount));
        positions.add(metrics.size() - 1);
      }
    }
    RelBuilder b = RelFactories.LOGICAL_BUILDER.create(agg.getCluster(),
        scan.getTable().getRelOptSchema());
    RelNode compiled = table.catalog().compiler().compile(b, keys, keyNames, metrics, predicate,
        table.factTable(), rowAggregates);
    if (!rowAggregates.isEmpty()) {
      b.push(compiled);
      List<RexNode> fields = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        fields.add(b.field(i));
      }
      for (int p : positions) {
        fields.add(b.field(keys.size() + (p >= 0 ? p : metrics.size() - p - 1)));
      }
      compiled = b.project(fields, agg.getRowType().getFieldNames(), true).build();
    }
    return RelOptUtil.createCastRel(compiled, agg.getRowType(), true);
  }

  /**
   * A call that aggregates the fact table's rows rather than a metric, or null: {@code COUNT(*)},
   * {@code COUNT(1)} and {@code SUM(1)} (the number of rows), {@code COUNT([DISTINCT] dimension)},
   * {@code MIN(dimension)} and {@code MAX(dimension)}.
   */
  private static MetricCompiler.RowAggregate rowAggregateOf(AggregateCall call,
      List<RexNode> exprs, SemanticTable table, RexShuttle toModelRow, int dimCount, int n) {
    String name = "$rows" + n;
    SqlKind kind = call.getAggregation().getKind();
    List<RexNode> args = new ArrayList<>();
    call.getArgList().forEach(i -> args.add(exprs.get(i)));
    if (call.filterArg >= 0 || args.size() > 1) {
      return null;
    }
    RexNode arg = args.isEmpty() ? null : args.get(0);
    boolean one = arg instanceof RexLiteral l && !l.isNull() && l.getValue() instanceof
        java.math.BigDecimal d && d.compareTo(java.math.BigDecimal.ONE) == 0;
    if (kind == SqlKind.COUNT && !call.isDistinct()
        && (arg == null || arg instanceof RexLiteral l && !l.isNull())
        || (kind == SqlKind.SUM || kind == SqlKind.SUM0) && one) {
      return new MetricCompiler.RowAggregate(name, Metric.Aggregation.COUNT, null);
    }
    if (!(arg instanceof RexInputRef ref) || ref.getIndex() >= dimCount) {
      return null;
    }
    int dimension = ((RexInputRef) ref.accept(toModelRow)).getIndex();
    Metric.Aggregation aggregation = switch (kind) {
      case COUNT -> call.isDistinct() ? Metric.Aggregation.COUNT_DISTINCT
          : Metric.Aggregation.COUNT;
      case MIN -> Metric.Aggregation.MIN;
      case MAX -> Metric.Aggregation.MAX;
      default -> null;
    };
    if (aggregation == null) {
      throw new AsklayerException(ErrorKind.USER, "On semantic." + table.name() + ", "
          + call.getAggregation().getName() + "(" + (call.isDistinct() ? "DISTINCT " : "")
          + "...) of a dimension column has no meaning; a dimension can be counted "
          + "(COUNT, COUNT(DISTINCT ...)) or ranged (MIN, MAX), and metric columns are aggregated "
          + "with AGGREGATE(metric).");
    }
    return new MetricCompiler.RowAggregate(name, aggregation, dimension);
  }

  private static String metricOf(AggregateCall call, List<RexNode> exprs, SemanticTable table,
      SemanticScan scan, int dimCount) {
    SqlKind kind = call.getAggregation().getKind();
    boolean accepted = call.getAggregation() == AggregateMetric.AGGREGATE || kind == SqlKind.SUM
        || kind == SqlKind.SUM0 || kind == SqlKind.AVG || kind == SqlKind.MIN
        || kind == SqlKind.MAX || kind == SqlKind.ANY_VALUE;
    if (!accepted || call.getArgList().size() != 1 || call.isDistinct() || call.filterArg >= 0) {
      throw new AsklayerException(ErrorKind.USER, "On semantic." + table.name() + ", aggregate "
          + "metric columns with AGGREGATE(metric) (or SUM, AVG, MIN, MAX, which mean the same: "
          + "the metric at the query's grouping); " + call.getAggregation().getName()
          + (call.isDistinct() ? " DISTINCT" : "") + " is not supported there.");
    }
    RexNode arg = exprs.get(call.getArgList().get(0));
    if (!(arg instanceof RexInputRef ref) || ref.getIndex() < dimCount) {
      throw new AsklayerException(ErrorKind.USER, "On semantic." + table.name() + ", "
          + call.getAggregation().getName() + "(...) takes a metric column as it is (one of "
          + String.join(", ", table.metrics()) + "); dimension columns go in GROUP BY.");
    }
    return scan.getRowType().getFieldNames().get(ref.getIndex());
  }

  private static RexNode substitute(RexNode e, List<RexNode> exprs) {
    return e.accept(new RexShuttle() {
      @Override public RexNode visitInputRef(RexInputRef ref) {
        return exprs.get(ref.getIndex());
      }
    });
  }

  private static AsklayerException metricOutsideAggregate(SemanticTable table, String column) {
    return new AsklayerException(ErrorKind.USER, "Metric column '" + column + "' of semantic."
        + table.name() + " can only be aggregated, as AGGREGATE(" + column + "); group and filter "
        + "by dimension columns, and filter on metrics with HAVING.");
  }

  private static AsklayerException notAggregated(SemanticTable table) {
    return new AsklayerException(ErrorKind.USER, "semantic." + table.name() + " answers aggregate "
        + "queries: select dimension columns and AGGREGATE(metric) columns and GROUP BY the "
        + "dimensions, for example SELECT category, AGGREGATE(revenue) FROM semantic."
        + table.name() + " GROUP BY category.");
  }
}
