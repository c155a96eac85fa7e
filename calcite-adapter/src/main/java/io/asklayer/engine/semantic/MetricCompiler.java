package io.asklayer.engine.semantic;

import io.asklayer.engine.error.Messages;
import io.asklayer.engine.model.Dimension;
import io.asklayer.engine.model.JoinGraph;
import io.asklayer.engine.model.Metric;
import io.asklayer.engine.model.ModelTable;
import io.asklayer.engine.model.ModelValidator;
import io.asklayer.engine.model.SemanticModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Compiles metric requests into relational plans over the warehouse tables with {@link RelBuilder}.
 *
 * <p>A request names metrics and, over the <em>model row</em> (every dimension of the model, in
 * model order), the grouping keys and a filter. Metrics expand into their aggregate leaves; leaves
 * on the same table form one group, computed as: that table joined (inner, along the model's
 * many-to-one paths only, so no row is repeated) to every table the group's dimensions and
 * expressions need, filtered, projected and aggregated by the keys. Groups are full-outer-joined on
 * the keys, and ratios and derived metrics are computed on top, so a ratio is always the ratio of
 * the sums at the grouping asked for. A time dimension a group cannot reach is replaced by the
 * group's own time dimension (returns are dated by their order date, reviews by their review date).
 */
public final class MetricCompiler {
  private final SemanticModel model;
  private final JoinGraph graph;
  private final List<String> dimensionNames;
  private final Map<String, SqlNode> parsed = new ConcurrentHashMap<>();

  public MetricCompiler(SemanticModel model) {
    this.model = model;
    this.graph = JoinGraph.of(model.tables());
    this.dimensionNames = List.copyOf(model.dimensions().keySet());
  }

  public SemanticModel model() {
    return model;
  }

  /** The model row: dimension names in the order of the row's fields. */
  public List<String> dimensionNames() {
    return dimensionNames;
  }

  /** A dimension by its position in the model row. */
  public Dimension dimension(int i) {
    return model.dimensions().get(dimensionNames.get(i));
  }

  /** The position of a dimension in the model row, or -1. */
  public int dimensionIndex(String name) {
    return dimensionNames.indexOf(name);
  }

  /**
   * Compiles a request; the result's fields are the keys, then the metrics, with the names given.
   *
   * @param keys grouping expressions over the model row
   * @param predicate a filter over the model row, or null
   */
  public RelNode compile(RelBuilder b, List<RexNode> keys, List<String> keyNames,
      List<String> metrics, RexNode predicate) {
    return compile(b, keys, keyNames, metrics, predicate, null);
  }

  /**
   * As {@link #compile(RelBuilder, List, List, List, RexNode)}; with no metrics, the distinct keys
   * that occur in {@code factTable}'s rows.
   */
  public RelNode compile(RelBuilder b, List<RexNode> keys, List<String> keyNames,
      List<String> metrics, RexNode predicate, String factTable) {
    return compile(b, keys, keyNames, metrics, predicate, factTable, List.of());
  }

  /**
   * An aggregate of a fact table's own rows that is no model metric: the number of rows
   * ({@code dimension} null), or the count, distinct count, least or greatest value of a
   * dimension over them. What BI tools ask of a table ({@code COUNT(*)}, {@code SUM(1)},
   * {@code COUNT(DISTINCT region)}, {@code MIN(order_date)}).
   */
  public record RowAggregate(String name, Metric.Aggregation aggregation, Integer dimension) {
  }

  /**
   * As above, with {@code rowAggregates} computed over {@code factTable}'s rows at the same
   * grouping; the result's fields are the keys, the metrics, then the row aggregates.
   */
  public RelNode compile(RelBuilder b, List<RexNode> keys, List<String> keyNames,
      List<String> metrics, RexNode predicate, String factTable, List<RowAggregate> rowAggregates) {
    return compile(b, keys, keyNames, metrics, predicate, factTable, rowAggregates, null, true);
  }

  /**
   * As above; with {@code membersTable}, the keys' values are first read from that table's rows
   * (the conditions of {@code predicate} it can reach applied, time conditions not), so every
   * member has a row, its sums zero where no fact row has it; with {@code round} false, money is
   * left at full precision for the operators computed on top.
   */
  RelNode compile(RelBuilder b, List<RexNode> keys, List<String> keyNames,
      List<String> metrics, RexNode predicate, String factTable, List<RowAggregate> rowAggregates,
      String membersTable, boolean round) {
    if (metrics.isEmpty() && factTable == null) {
      throw Messages.noMetrics();
    }
    for (String m : metrics) {
      if (!model.metrics().containsKey(m)) {
        throw Messages.unknownMetric(m, model.metrics().keySet());
      }
    }
    Set<Integer> usedDims = new LinkedHashSet<>();
    for (RexNode k : keys) {
      usedDims.addAll(RelOptUtil.InputFinder.bits(k).asList());
    }
    if (predicate != null) {
      usedDims.addAll(RelOptUtil.InputFinder.bits(predicate).asList());
    }
    rowAggregates.stream().filter(r -> r.dimension() != null)
        .forEach(r -> usedDims.add(r.dimension()));
    Map<String, List<Metric>> groups = new LinkedHashMap<>();
    for (Metric leaf : leaves(metrics)) {
      groups.computeIfAbsent(leaf.table(), t -> new ArrayList<>()).add(leaf);
    }
    if (groups.isEmpty() || !rowAggregates.isEmpty()) {
      groups.computeIfAbsent(factTable, t -> new ArrayList<>());
    }
    int k = keys.size();
    boolean combined = groups.size() > 1 || membersTable != null;
    int built = 0;
    if (membersTable != null) {
      RexNode members = memberConditions(b, membersTable, predicate);
      Set<Integer> memberDims = new LinkedHashSet<>();
      for (RexNode key : keys) {
        memberDims.addAll(RelOptUtil.InputFinder.bits(key).asList());
      }
      if (members != null) {
        memberDims.addAll(RelOptUtil.InputFinder.bits(members).asList());
      }
      buildGroup(b, membersTable, List.of(), keys, keyNames, members, memberDims, metrics,
          List.of());
      built++;
    }
    List<String> measureNames = new ArrayList<>();
    for (Map.Entry<String, List<Metric>> g : groups.entrySet()) {
      buildGroup(b, g.getKey(), g.getValue(), keys, keyNames, predicate, usedDims, metrics,
          g.getKey().equals(factTable) ? rowAggregates : List.of());
      g.getValue().forEach(m -> measureNames.add(m.name()));
      if (built++ > 0) {
        combine(b, k);
      }
    }
    // Metrics on top of the measures: ratios and derived metrics at this grouping.
    Map<String, RexNode> values = new HashMap<>();
    List<RexNode> out = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      out.add(b.field(i));
      names.add(keyNames.get(i));
    }
    for (String m : metrics) {
      RexNode v = value(b, m, values, combined);
      // Money is shown to the cent; the sums and ratios beneath keep full precision.
      if (round && model.metrics().get(m).format() == Metric.Format.USD) {
        v = b.cast(b.call(SqlStdOperatorTable.ROUND, v, b.literal(2)), SqlTypeName.DECIMAL, 38,
            2);
      }
      out.add(v);
      names.add(m);
    }
    for (RowAggregate r : rowAggregates) {
      RexNode f = b.field(r.name());
      boolean count = r.aggregation() == Metric.Aggregation.COUNT
          || r.aggregation() == Metric.Aggregation.COUNT_DISTINCT;
      out.add(count && combined ? b.call(SqlStdOperatorTable.COALESCE, f,
          b.getRexBuilder().makeZeroLiteral(f.getType())) : f);
      names.add(r.name());
    }
    b.project(out, names, true);
    return b.build();
  }

  /**
   * Compiles a metric query: keys are its dimensions (time dimensions truncated to their grain),
   * filtered by its filters and time range, ordered (ties broken by the keys) and limited.
   *
   * @param types the model row's field types, from {@link SemanticCatalog}
   */
  public RelNode compile(RelBuilder b, MetricQuery q, SemanticCatalog types) {
    q = withDeclaredCalculations(q);
    List<RexNode> keys = keys(b, q.dimensions(), types);
    List<String> keyNames = q.dimensions().stream().map(MetricQuery.DimensionRef::columnName)
        .toList();
    RexNode predicate = predicate(b, q, types, q.time());
    if (OperatorCompiler.applies(q)) {
      b.push(new OperatorCompiler(this, b, q, types, keys, keyNames).compile());
    } else {
      b.push(compile(b, keys, keyNames, q.metrics(), predicate));
    }
    if (!q.orderBy().isEmpty() || q.limit() != null && q.limitPer().isEmpty()) {
      List<RexNode> order = new ArrayList<>();
      for (MetricStatements.OrderColumn o : orderColumns(q)) {
        order.add(o.descending() ? b.nullsLast(b.desc(b.field(o.column())))
            : b.nullsLast(b.field(o.column())));
      }
      b.sortLimit(-1, q.limit() == null || !q.limitPer().isEmpty() ? -1 : q.limit(), order);
    }
    return b.build();
  }

  /**
   * The query with each calculation the model declares, named among its metrics, moved to its
   * calculations under that name.
   */
  MetricQuery withDeclaredCalculations(MetricQuery q) {
    if (q.metrics().stream().noneMatch(model.calculations()::containsKey)) {
      return q;
    }
    List<String> metrics = new ArrayList<>();
    List<MetricQuery.Calculation> calculations = new ArrayList<>();
    for (String m : q.metrics()) {
      String declared = model.calculations().get(m);
      if (declared == null) {
        metrics.add(m);
      } else {
        calculations.add(MetricQueryText.calculation(declared).as(m));
      }
    }
    calculations.addAll(q.calculations());
    return new MetricQuery(metrics, q.dimensions(), q.filters(), q.time(), q.orderBy(), q.limit(),
        calculations, q.having(), q.limitPer(), q.allMembers());
  }

  /** The grouping keys of dimensions over the model row: time dimensions truncated to a grain. */
  List<RexNode> keys(RelBuilder b, List<MetricQuery.DimensionRef> dims, SemanticCatalog types) {
    List<RexNode> keys = new ArrayList<>();
    for (MetricQuery.DimensionRef d : dims) {
      keys.add(key(b, d, types));
    }
    return keys;
  }

  RexNode key(RelBuilder b, MetricQuery.DimensionRef d, SemanticCatalog types) {
    int i = requireDimension(d.dimension());
    Dimension dim = dimension(i);
    RexNode ref = b.getRexBuilder().makeInputRef(types.dimensionType(i, b.getTypeFactory()), i);
    if (d.grain() != null) {
      if (!dim.isTime()) {
        throw Messages.grainOnNonTime(d.dimension(), d.grain().name());
      }
      if (!dim.grains().contains(d.grain())) {
        throw Messages.grainNotOffered(d.dimension(), d.grain().name(), dim.grains().toString());
      }
      ref = b.call(SqlStdOperatorTable.FLOOR, ref, b.literal(Grains.timeUnit(d.grain())));
    }
    return ref;
  }

  /** A query's filters and a time range as one condition over the model row, or null. */
  RexNode predicate(RelBuilder b, MetricQuery q, SemanticCatalog types,
      MetricQuery.TimeRange time) {
    org.apache.calcite.rex.RexBuilder rex = b.getRexBuilder();
    List<RexNode> conditions = new ArrayList<>();
    for (MetricQuery.Filter f : q.filters()) {
      int i = requireDimension(f.dimension());
      RexNode ref = rex.makeInputRef(types.dimensionType(i, b.getTypeFactory()), i);
      if (f.isPresence()) {
        conditions.add(f.negated() ? b.isNotNull(ref) : b.isNull(ref));
        continue;
      }
      List<RexNode> literals = new ArrayList<>();
      for (String v : f.values()) {
        literals.add(Literals.of(b, dimension(i), v));
      }
      RexNode in = literals.size() == 1 ? b.equals(ref, literals.get(0)) : b.in(ref, literals);
      conditions.add(f.negated() ? b.not(in) : in);
    }
    if (time != null) {
      int t = timeDimensionFor(q);
      RexNode ref = rex.makeInputRef(types.dimensionType(t, b.getTypeFactory()), t);
      if (time.from() != null) {
        conditions.add(b.greaterThanOrEqual(ref, Literals.date(b, time.from())));
      }
      if (time.to() != null) {
        conditions.add(b.lessThan(ref, Literals.date(b, time.to())));
      }
    }
    return conditions.isEmpty() ? null : b.and(conditions);
  }

  /**
   * The columns a metric query's result is ordered by: its order keys, then the remaining grouping
   * columns, so ties always break the same way. Empty when it asks for no order and no limit.
   */
  public List<MetricStatements.OrderColumn> orderColumns(MetricQuery q) {
    List<MetricStatements.OrderColumn> out = new ArrayList<>();
    if (q.orderBy().isEmpty() && q.limit() == null) {
      return out;
    }
    List<String> keyNames = q.dimensions().stream().map(MetricQuery.DimensionRef::columnName)
        .toList();
    Set<String> ordered = new LinkedHashSet<>();
    // The top N of each group come out group by group.
    for (MetricQuery.DimensionRef d : q.limitPer()) {
      String field = orderField(q, d.columnName(), keyNames);
      if (ordered.add(field)) {
        out.add(new MetricStatements.OrderColumn(field, false));
      }
    }
    for (MetricQuery.Order o : q.orderBy()) {
      String field = orderField(q, o.key(), keyNames);
      if (ordered.add(field)) {
        out.add(new MetricStatements.OrderColumn(field, o.descending()));
      }
    }
    for (String key : keyNames) {
      if (ordered.add(key)) {
        out.add(new MetricStatements.OrderColumn(key, false));
      }
    }
    return out;
  }

  /** The type of a dimension's values, read from its own table. */
  RelDataType dimensionRowType(RelBuilder b, int i) {
    Dimension d = dimension(i);
    joinTree(b, d.table(), aliases(d.table(), d.sql()));
    return translate(b, d.table(), d.sql()).getType();
  }

  /** A dimension's distinct non-null values, sorted, at most {@code limit} of them. */
  public RelNode dimensionValues(RelBuilder b, int i, int limit) {
    Dimension d = dimension(i);
    joinTree(b, d.table(), aliases(d.table(), d.sql()));
    RexNode v = translate(b, d.table(), d.sql());
    b.filter(b.isNotNull(v));
    b.project(List.of(v), List.of(d.name()), true);
    b.distinct();
    b.sortLimit(0, limit, b.field(0));
    return b.build();
  }

  /** One row: a dimension's smallest and largest value. */
  public RelNode dimensionRange(RelBuilder b, int i) {
    Dimension d = dimension(i);
    joinTree(b, d.table(), aliases(d.table(), d.sql()));
    RexNode v = translate(b, d.table(), d.sql());
    b.project(List.of(v), List.of(d.name()), true);
    b.aggregate(b.groupKey(), b.min("first", b.field(0)), b.max("last", b.field(0)));
    return b.build();
  }

  /** The time dimension a query's time range applies to: its grouped one, else the first. */
  int timeDimensionFor(MetricQuery q) {
    for (MetricQuery.DimensionRef d : q.dimensions()) {
      int i = requireDimension(d.dimension());
      if (dimension(i).isTime()) {
        return i;
      }
    }
    for (int i = 0; i < dimensionNames.size(); i++) {
      if (dimension(i).isTime()) {
        return i;
      }
    }
    throw Messages.noTimeDimension(model.name());
  }

  private String orderField(MetricQuery q, String key, List<String> keyNames) {
    if (q.valueColumns().contains(key) || keyNames.contains(key)) {
      return key;
    }
    for (MetricQuery.DimensionRef d : q.dimensions()) {
      if (d.dimension().equals(key)) {
        return d.columnName();
      }
    }
    throw Messages.badOrderKey(key, q.valueColumns(), keyNames);
  }

  int requireDimension(String name) {
    int i = dimensionIndex(name);
    if (i < 0) {
      throw Messages.unknownDimension(name, model.dimensions().keySet());
    }
    return i;
  }

  /**
   * The conditions of a predicate over the model row that a members table can apply itself: those
   * on dimensions it reaches, none on a time dimension (members have no date). Null when none.
   */
  private RexNode memberConditions(RelBuilder b, String membersTable, RexNode predicate) {
    if (predicate == null) {
      return null;
    }
    List<RexNode> kept = new ArrayList<>();
    for (RexNode c : RelOptUtil.conjunctions(predicate)) {
      boolean applies = true;
      for (int i : RelOptUtil.InputFinder.bits(c)) {
        applies &= !dimension(i).isTime() && graph.reaches(membersTable, dimension(i).table());
      }
      if (applies) {
        kept.add(c);
      }
    }
    return kept.isEmpty() ? null : b.and(kept);
  }

  /** Whether a model table reaches a dimension's table along many-to-one joins. */
  boolean reaches(String table, int dimension) {
    return graph.reaches(table, dimension(dimension).table());
  }

  /** The aggregate metrics a list of metrics is computed from, each once, in first-use order. */
  List<Metric> leaves(List<String> metrics) {
    Set<Metric> out = new LinkedHashSet<>();
    for (String m : metrics) {
      collectLeaves(model.metrics().get(m), out);
    }
    return new ArrayList<>(out);
  }

  private void collectLeaves(Metric m, Set<Metric> out) {
    switch (m.kind()) {
      case AGGREGATE -> out.add(m);
      case RATIO -> {
        collectLeaves(model.metrics().get(m.numerator()), out);
        collectLeaves(model.metrics().get(m.denominator()), out);
      }
      case DERIVED -> {
        for (SqlIdentifier id : ModelValidator.identifiers(parse(m.expression()))) {
          collectLeaves(model.metrics().get(String.join(".", id.names)), out);
        }
      }
      default -> throw new AssertionError(m.kind());
    }
  }

  /** Builds one group: its table joined to what it needs, filtered, aggregated by the keys. */
  private void buildGroup(RelBuilder b, String table, List<Metric> leaves, List<RexNode> keys,
      List<String> keyNames, RexNode predicate, Set<Integer> usedDims, List<String> metrics,
      List<RowAggregate> rowAggregates) {
    ModelTable base = model.tables().get(table);
    // Where each used dimension is read from in this group: its own table and expression, or,
    // for a time dimension the group cannot reach, the group's own time dimension.
    Map<Integer, Source> sources = new LinkedHashMap<>();
    for (int i : usedDims) {
      Dimension d = dimension(i);
      if (graph.reaches(table, d.table())) {
        sources.put(i, new Source(d.table(), d.sql()));
      } else if (d.isTime() && base.timeDimension() != null) {
        sources.put(i, new Source(table, base.timeDimension()));
      } else {
        throw Messages.unreachableDimension(d.name(), metricsOn(metrics, table), base.name(),
            d.table());
      }
    }
    Set<String> needed = new LinkedHashSet<>();
    needed.add(table);
    sources.values().forEach(s -> needed.addAll(aliases(s.table(), s.sql())));
    leaves.forEach(m -> needed.addAll(aliases(m.table(), m.expression())));
    joinTree(b, table, needed);

    Map<Integer, RexNode> dims = new HashMap<>();
    sources.forEach((i, s) -> dims.put(i, translate(b, s.table(), s.sql())));
    RexShuttle substitute = new RexShuttle() {
      @Override public RexNode visitInputRef(RexInputRef ref) {
        return dims.get(ref.getIndex());
      }
    };
    if (predicate != null) {
      b.filter(predicate.accept(substitute));
    }
    List<RexNode> project = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      project.add(keys.get(i).accept(substitute));
      names.add(keyNames.get(i));
    }
    for (Metric m : leaves) {
      project.add(translate(b, m.table(), m.expression()));
      names.add(m.name());
    }
    for (RowAggregate r : rowAggregates) {
      if (r.dimension() != null) {
        project.add(dims.get(r.dimension()));
        names.add(r.name());
      }
    }
    b.project(project, names, true);
    List<RelBuilder.AggCall> calls = new ArrayList<>();
    for (int j = 0; j < leaves.size(); j++) {
      Metric m = leaves.get(j);
      RexNode arg = b.field(keys.size() + j);
      calls.add(switch (m.aggregation()) {
        case SUM -> b.sum(false, m.name(), arg);
        case COUNT -> b.count(false, m.name(), arg);
        case COUNT_DISTINCT -> b.count(true, m.name(), arg);
        case AVG -> b.avg(false, m.name(), arg);
        case MIN -> b.min(m.name(), arg);
        case MAX -> b.max(m.name(), arg);
      });
    }
    int column = keys.size() + leaves.size();
    for (RowAggregate r : rowAggregates) {
      if (r.dimension() == null) {
        calls.add(b.countStar(r.name()));
        continue;
      }
      RexNode arg = b.field(column++);
      calls.add(switch (r.aggregation()) {
        case COUNT -> b.count(false, r.name(), arg);
        case COUNT_DISTINCT -> b.count(true, r.name(), arg);
        case MIN -> b.min(r.name(), arg);
        case MAX -> b.max(r.name(), arg);
        default -> throw new IllegalArgumentException("row aggregate " + r);
      });
    }
    b.aggregate(b.groupKey(ImmutableBitSet.range(keys.size())), calls);
  }

  private List<String> metricsOn(List<String> metrics, String table) {
    List<String> out = new ArrayList<>();
    for (String m : metrics) {
      if (leaves(List.of(m)).stream().anyMatch(l -> l.table().equals(table))) {
        out.add(m);
      }
    }
    return out;
  }

  /** Where a dimension is read in one group: an expression relative to a model table. */
  private record Source(String table, String sql) {
  }

  /** The model tables an expression relative to {@code home} names, {@code home} included. */
  private Set<String> aliases(String home, String sql) {
    Set<String> out = new LinkedHashSet<>();
    out.add(home);
    for (SqlIdentifier id : ModelValidator.identifiers(parse(sql))) {
      if (id.names.size() > 1) {
        out.add(id.names.get(0));
      }
    }
    return out;
  }

  /**
   * The rows of a model table with the given expressions as named columns, other model tables
   * reached through many-to-one left joins (a document keeps its row when, say, it belongs to no
   * region). Used to read documents for search, through the session's secured tables.
   */
  public RelNode rows(RelBuilder b, String table, Map<String, String> expressions) {
    Set<String> needed = new LinkedHashSet<>();
    expressions.values().forEach(e -> needed.addAll(aliases(table, e)));
    joinTree(b, table, needed, JoinRelType.LEFT);
    List<RexNode> out = new ArrayList<>();
    List<String> names = new ArrayList<>();
    expressions.forEach((name, e) -> {
      out.add(translate(b, table, e));
      names.add(name);
    });
    b.project(out, names, true);
    return b.build();
  }

  /** Scans {@code root} and inner-joins each needed table along its row-preserving path. */
  private void joinTree(RelBuilder b, String root, Set<String> needed) {
    joinTree(b, root, needed, JoinRelType.INNER);
  }

  private void joinTree(RelBuilder b, String root, Set<String> needed, JoinRelType type) {
    Map<String, JoinGraph.Step> parent = new LinkedHashMap<>();
    Map<String, Integer> depth = new HashMap<>();
    depth.put(root, 0);
    for (String alias : needed) {
      List<JoinGraph.Step> path = graph.path(root, alias);
      if (path == null) {
        throw Messages.unreachableTable(alias, root);
      }
      for (int i = 0; i < path.size(); i++) {
        parent.putIfAbsent(path.get(i).to(), path.get(i));
        depth.putIfAbsent(path.get(i).to(), i + 1);
      }
    }
    scan(b, root);
    List<String> order = new ArrayList<>(parent.keySet());
    order.sort(Comparator.comparing(depth::get));
    for (String alias : order) {
      JoinGraph.Step step = parent.get(alias);
      scan(b, alias);
      List<RexNode> on = new ArrayList<>();
      for (int i = 0; i < step.fromColumns().size(); i++) {
        on.add(b.equals(b.field(2, step.from(), step.fromColumns().get(i)),
            b.field(2, step.to(), step.toColumns().get(i))));
      }
      b.join(type, on);
    }
  }

  private void scan(RelBuilder b, String alias) {
    b.scan(model.name(), model.tables().get(alias).table()).as(alias);
  }

  /** Translates a model expression relative to a home table in the join being built. */
  private RexNode translate(RelBuilder b, String home, String sql) {
    return new ExpressionTranslator(b, id -> id.names.size() == 1
        ? b.field(home, id.names.get(0))
        : b.field(id.names.get(0), id.names.get(1))).translate(parse(sql));
  }

  /** Full-outer-joins the top two groups on their keys, keeping one copy of the keys. */
  void combine(RelBuilder b, int k) {
    int leftWidth = b.peek(1).getRowType().getFieldCount();
    int rightWidth = b.peek(0).getRowType().getFieldCount();
    List<RexNode> on = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      on.add(b.isNotDistinctFrom(b.field(2, 0, i), b.field(2, 1, i)));
    }
    b.join(JoinRelType.FULL, on.isEmpty() ? b.literal(true) : b.and(on));
    List<RexNode> fields = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<String> all = b.peek().getRowType().getFieldNames();
    for (int i = 0; i < k; i++) {
      fields.add(b.call(SqlStdOperatorTable.COALESCE, b.field(i), b.field(leftWidth + i)));
      names.add(all.get(i));
    }
    for (int i = k; i < leftWidth; i++) {
      fields.add(b.field(i));
      names.add(all.get(i));
    }
    for (int i = k; i < rightWidth; i++) {
      fields.add(b.field(leftWidth + i));
      names.add(all.get(leftWidth + i));
    }
    b.project(fields, names, true);
  }

  /** A metric's value over the combined measures. */
  private RexNode value(RelBuilder b, String name, Map<String, RexNode> memo, boolean combined) {
    RexNode known = memo.get(name);
    if (known != null) {
      return known;
    }
    Metric m = model.metrics().get(name);
    RexNode v = switch (m.kind()) {
      case AGGREGATE -> {
        RexNode f = b.field(m.name());
        // A sum of no rows (none match, or a key another group has) is zero, not unknown.
        boolean additive = m.aggregation() == Metric.Aggregation.SUM
            || m.aggregation() == Metric.Aggregation.COUNT
            || m.aggregation() == Metric.Aggregation.COUNT_DISTINCT;
        yield additive && (combined || f.getType().isNullable())
            ? b.call(SqlStdOperatorTable.COALESCE, f, b.getRexBuilder().makeZeroLiteral(f.getType()))
            : f;
      }
      case RATIO -> {
        RexNode num = b.cast(value(b, m.numerator(), memo, combined), SqlTypeName.DOUBLE);
        RexNode den = b.cast(value(b, m.denominator(), memo, combined), SqlTypeName.DOUBLE);
        yield b.call(SqlStdOperatorTable.CASE, b.equals(den, b.literal(0)),
            b.getRexBuilder().makeNullLiteral(num.getType()), b.call(SqlStdOperatorTable.DIVIDE,
                num, den));
      }
      case DERIVED -> new ExpressionTranslator(b, id -> value(b, String.join(".", id.names), memo,
          combined)).translate(parse(m.expression()));
    };
    memo.put(name, v);
    return v;
  }

  private SqlNode parse(String sql) {
    return parsed.computeIfAbsent(sql, s -> {
      try {
        return SqlParser.create(s, ModelValidator.EXPRESSION_PARSER).parseExpression();
      } catch (SqlParseException e) {
        throw new IllegalStateException("model expression did not parse: " + s, e);
      }
    });
  }
}
