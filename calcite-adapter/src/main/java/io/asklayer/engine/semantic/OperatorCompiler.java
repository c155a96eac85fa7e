package io.asklayer.engine.semantic;

import io.asklayer.engine.error.Messages;
import io.asklayer.engine.model.Additivity;
import io.asklayer.engine.model.Dimension;
import io.asklayer.engine.model.Metric;
import io.asklayer.engine.model.ModelTable;
import io.asklayer.engine.model.SemanticModel;
import io.asklayer.engine.model.TimeGrain;
import io.asklayer.engine.semantic.MetricQuery.Calculation;
import io.asklayer.engine.semantic.MetricQuery.DimensionRef;
import io.asklayer.engine.semantic.MetricQuery.Operator;
import io.asklayer.engine.semantic.MetricQuery.Period;
import io.asklayer.engine.semantic.MetricQuery.TimeRange;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexWindowBounds;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Compiles a metric query's operators into one plan on top of the metric plans
 * {@link MetricCompiler} builds:
 * <ol>
 *   <li><em>parts</em> at the query's grouping, full-outer-joined on its keys: the metrics (with
 *   every member of the grouping first, for {@code members: all}), each mean (the metric at a finer
 *   grouping, averaged back), each to-date total (over a range widened to the period's start), each
 *   count of a table's rows;
 *   <li>each comparison period, left-joined: the metrics over the time range moved back by the
 *   offset, their time keys computed from dates moved forward by it, so every row meets its own
 *   comparison period even where that lies outside the range;
 *   <li>one projection: metric columns, ratios, shares and running totals (window functions over
 *   the answer's rows, so a principal's share is of what its row filter leaves), differences and
 *   growth;
 *   <li>the {@code having} conditions, then the first rows of each group ({@code ROW_NUMBER}).
 * </ol>
 * Everything is one relational plan, so it reaches the warehouse as one statement. Nonsense is
 * refused before anything is built, with the column and the reason.
 */
final class OperatorCompiler {
  private static final SqlParserPos POS = SqlParserPos.ZERO;

  private final MetricCompiler compiler;
  private final SemanticModel model;
  private final RelBuilder b;
  private final MetricQuery q;
  private final SemanticCatalog types;
  private final List<RexNode> keys;
  private final List<String> keyNames;
  private final int k;
  /** Positions among the keys of the time dimension the range applies to, finest grain last. */
  private final List<Integer> timeKeys = new ArrayList<>();
  /** The model-row position of that time dimension, or -1 when the model has none. */
  private final int timeDimension;

  OperatorCompiler(MetricCompiler compiler, RelBuilder b, MetricQuery q, SemanticCatalog types,
      List<RexNode> keys, List<String> keyNames) {
    this.compiler = compiler;
    this.model = compiler.model();
    this.b = b;
    this.q = q;
    this.types = types;
    this.keys = keys;
    this.keyNames = keyNames;
    this.k = keys.size();
    int t = -1;
    for (int i = 0; i < compiler.dimensionNames().size(); i++) {
      if (compiler.dimension(i).isTime()) {
        t = compiler.timeDimensionFor(q);
        break;
      }
    }
    this.timeDimension = t;
    for (int i = 0; i < q.dimensions().size(); i++) {
      if (compiler.dimensionIndex(q.dimensions().get(i).dimension()) == t) {
        timeKeys.add(i);
      }
    }
    timeKeys.sort((x, y) -> Integer.compare(grainOf(y).ordinal(), grainOf(x).ordinal()));
  }

  /** Whether a query uses any operator; a query without is compiled as before. */
  static boolean applies(MetricQuery q) {
    return !q.calculations().isEmpty() || !q.having().isEmpty() || !q.limitPer().isEmpty()
        || q.allMembers();
  }

  RelNode compile() {
    check();
    Set<String> base = new LinkedHashSet<>(q.metrics());
    for (Calculation c : q.calculations()) {
      switch (c.operator()) {
        case PER -> {
          base.add(c.metric());
          base.add(c.other());
        }
        case SHARE, RUNNING, PREVIOUS, CHANGE, GROWTH -> base.add(c.metric());
        default -> { }
      }
    }
    int parts = 0;
    if (!base.isEmpty()) {
      b.push(compiler.compile(b, keys, keyNames, List.copyOf(base), predicate(q.time()), null,
          List.of(), q.allMembers() ? membersTable() : null, false));
      parts++;
    }
    for (Calculation c : q.calculations()) {
      RelNode part = switch (c.operator()) {
        case MEAN -> mean(c);
        case TO_DATE -> toDate(c);
        case COUNT -> count(c);
        default -> null;
      };
      if (part != null) {
        b.push(part);
        if (parts++ > 0) {
          compiler.combine(b, k);
        }
      }
    }
    Map<Period, String> comparisons = new LinkedHashMap<>();
    for (Calculation c : q.calculations()) {
      if (isComparison(c.operator())) {
        Period p = comparisonPeriod(c);
        if (!comparisons.containsKey(p)) {
          String suffix = "$" + comparisons.size();
          comparisons.put(p, suffix);
          joinComparison(p, suffix, comparedMetrics(p));
        }
      }
    }
    project(parts > 1, comparisons);
    having();
    perGroup();
    roundMoney();
    return b.build();
  }

  // Checks, before anything is built.

  private void check() {
    Set<String> columns = new LinkedHashSet<>(keyNames);
    for (String m : q.metrics()) {
      requireMetric(m);
      if (!columns.add(m)) {
        throw Messages.duplicateColumn(m);
      }
    }
    for (Calculation c : q.calculations()) {
      if (!columns.add(c.column())) {
        throw Messages.duplicateColumn(c.column());
      }
      if (c.operator() == Operator.COUNT) {
        checkCount(c);
        continue;
      }
      requireMetric(c.metric());
      switch (c.operator()) {
        case PER -> requireMetric(c.other());
        case SHARE -> {
          requireAdditive(c, "a share of its total");
          for (DimensionRef d : c.over()) {
            requireGrouped(c, d, "a share within " + d.columnName());
          }
        }
        case PREVIOUS, CHANGE, GROWTH -> comparisonPeriod(c);
        case RUNNING -> {
          requireAdditive(c, "a running total");
          if (timeKeys.isEmpty()) {
            throw Messages.operatorRefused(c.column(), "a running total runs along a time grain; "
                + "group by one, for example by: " + timeName() + ".month");
          }
        }
        case TO_DATE -> checkToDate(c);
        case MEAN -> checkMean(c);
        default -> throw new AssertionError(c.operator());
      }
    }
    for (DimensionRef d : q.limitPer()) {
      if (!keyNames.contains(d.columnName())) {
        throw Messages.unknownColumn("limit ... per", d.columnName(), keyNames);
      }
    }
    if (q.allMembers()) {
      membersTable();
    }
    List<String> all = new ArrayList<>(columns);
    for (MetricQuery.Condition h : q.having()) {
      if (!all.contains(h.column())) {
        throw Messages.unknownColumn("having", h.column(), all);
      }
    }
  }

  private void requireMetric(String m) {
    requireMetric(model, m);
  }

  private static void requireMetric(SemanticModel model, String m) {
    if (!model.metrics().containsKey(m)) {
      throw Messages.unknownMetric(m, model.metrics().keySet());
    }
  }

  private void requireAdditive(Calculation c, String operation) {
    requireAdditive(model, c, operation);
  }

  private static void requireAdditive(SemanticModel model, Calculation c, String operation) {
    String why = Additivity.whyNot(model, c.metric());
    if (why != null) {
      throw Messages.notAdditive(c.column(), operation, why);
    }
  }

  /**
   * The checks of a calculation a model declares that need no query: its metrics exist, what it
   * sums adds up, what it counts is countable. The rest (a time grain to run along, offsets that
   * line up with it) is checked when a query uses it.
   */
  static void checkDeclared(SemanticModel model, Calculation c) {
    if (c.operator() == Operator.COUNT) {
      ModelTable t = model.tables().get(c.metric());
      if (t == null || !t.countable()) {
        throw Messages.operatorRefused(c.column(), "'" + c.metric() + "' is not a table the "
            + "model marks countable: true");
      }
      return;
    }
    requireMetric(model, c.metric());
    switch (c.operator()) {
      case PER -> requireMetric(model, c.other());
      case SHARE -> requireAdditive(model, c, "a share of its total");
      case RUNNING -> requireAdditive(model, c, "a running total");
      case TO_DATE -> requireAdditive(model, c, "a to-date total");
      default -> { }
    }
  }

  private void requireGrouped(Calculation c, DimensionRef d, String what) {
    if (!keyNames.contains(d.columnName())) {
      throw Messages.operatorRefused(c.column(), what + " needs " + d.columnName()
          + " among the query's dimensions (by: ...)");
    }
  }

  private String timeName() {
    return timeDimension < 0 ? "order_date" : compiler.dimensionNames().get(timeDimension);
  }

  private TimeGrain grainOf(int key) {
    TimeGrain g = q.dimensions().get(key).grain();
    return g == null ? TimeGrain.DAY : g;
  }

  /** The finest time grain the query groups by, or null. */
  private TimeGrain finestGrain() {
    return timeKeys.isEmpty() ? null : grainOf(timeKeys.get(timeKeys.size() - 1));
  }

  private static boolean isComparison(Operator o) {
    return o == Operator.PREVIOUS || o == Operator.CHANGE || o == Operator.GROWTH;
  }

  /**
   * The offset a comparison moves back by: as given, else one step of the query's finest time
   * grain, else the length of its time range. Refused when rows of the grain would not line up.
   */
  private Period comparisonPeriod(Calculation c) {
    TimeGrain grain = finestGrain();
    if (grain != null) {
      Period p = c.period() != null ? c.period() : Period.of(grain);
      Period step = Period.of(grain);
      boolean lines = p.months() > 0 ? step.months() > 0 && p.months() % step.months() == 0
          : step.days() > 0 && p.days() % step.days() == 0;
      if (!lines) {
        String g = grain.name().toLowerCase(java.util.Locale.ROOT);
        String by = p.count() + " " + p.grain().name().toLowerCase(java.util.Locale.ROOT)
            + (p.count() == 1 ? "" : "s");
        throw Messages.operatorRefused(c.column(), "a " + g + " moved back by " + by + " is not "
            + "a " + g + " of the grouping" + (grain == TimeGrain.WEEK ? " (weeks start on "
            + "Monday; compare with 52 week)" : "") + "; compare with an offset that is a whole "
            + "number of " + g + "s");
      }
      return p;
    }
    TimeRange r = q.time();
    if (r == null || r.from() == null || r.to() == null) {
      throw Messages.operatorRefused(c.column(), "a comparison needs periods: group by a time "
          + "grain (by: " + timeName() + ".month) or give a time range with both ends "
          + "(time: 2025-01-01..2026-01-01)");
    }
    if (c.period() != null) {
      return c.period();
    }
    if (r.from().getDayOfMonth() == 1 && r.to().getDayOfMonth() == 1) {
      return new Period((int) ChronoUnit.MONTHS.between(r.from(), r.to()), TimeGrain.MONTH);
    }
    return new Period((int) ChronoUnit.DAYS.between(r.from(), r.to()), TimeGrain.DAY);
  }

  private void checkToDate(Calculation c) {
    requireAdditive(c, "a to-date total");
    TimeGrain grain = finestGrain();
    Period p = c.period();
    if (grain == null) {
      throw Messages.operatorRefused(c.column(), "a to-date total is given per row of a time "
          + "grain; group by one (by: " + timeName() + ".month), or for one total give the "
          + "time range from the start of the period");
    }
    boolean fits = p.count() == 1 && (p.months() > 0
        ? grain != TimeGrain.WEEK && Period.of(grain).months() <= p.months()
        : Period.of(grain).days() <= p.days());
    if (!fits) {
      throw Messages.operatorRefused(c.column(), "rows of a " + grain.name().toLowerCase(
          java.util.Locale.ROOT) + " do not fall within one " + p + "; to_date takes one "
          + "period (day, week, month, quarter, year) that holds whole rows of the grouping");
    }
  }

  private void checkMean(Calculation c) {
    if (c.period() != null) {
      if (timeDimension < 0 || c.period().count() != 1) {
        throw Messages.operatorRefused(c.column(), "a mean over periods takes one grain, for "
            + "example mean(month)");
      }
      TimeGrain grain = finestGrain();
      Dimension d = compiler.dimension(timeDimension);
      if (!d.grains().contains(c.period().grain())) {
        throw Messages.grainNotOffered(d.name(), c.period().grain().name(),
            d.grains().toString());
      }
      if (grain != null && c.period().grain() == TimeGrain.WEEK) {
        throw Messages.operatorRefused(c.column(), "weeks do not fit in " + grain.name()
            .toLowerCase(java.util.Locale.ROOT) + "s (a week can start in one and end in the "
            + "next); take mean(day), or group by week");
      }
      if (grain != null && grain.ordinal() <= c.period().grain().ordinal()) {
        throw Messages.operatorRefused(c.column(), "each row is already one " + grain.name()
            .toLowerCase(java.util.Locale.ROOT) + "; a mean over " + c.period() + "s needs a "
            + "coarser grouping, or none");
      }
      return;
    }
    if (c.over().size() != 1) {
      throw Messages.operatorRefused(c.column(), "a mean is over one period or one dimension");
    }
    DimensionRef d = c.over().get(0);
    compiler.key(b, d, types);
    if (q.dimensions().stream().anyMatch(x -> x.dimension().equals(d.dimension()))) {
      throw Messages.operatorRefused(c.column(), "the query is grouped by " + d.dimension()
          + " already, so each row is one member; a mean over " + d.dimension()
          + " needs a coarser grouping, or none");
    }
  }

  private void checkCount(Calculation c) {
    ModelTable t = model.tables().get(c.metric());
    List<String> countable = model.tables().values().stream().filter(ModelTable::countable)
        .map(ModelTable::name).toList();
    if (t == null || !t.countable()) {
      throw Messages.operatorRefused(c.column(), "the model does not let questions count the "
          + "rows of '" + c.metric() + "'; " + (countable.isEmpty() ? "it lets none be counted"
          : "it lets these be counted: " + String.join(", ", countable)));
    }
    Set<Integer> used = new LinkedHashSet<>();
    for (RexNode key : keys) {
      used.addAll(org.apache.calcite.plan.RelOptUtil.InputFinder.bits(key).asList());
    }
    RexNode p = predicate(q.time());
    if (p != null) {
      used.addAll(org.apache.calcite.plan.RelOptUtil.InputFinder.bits(p).asList());
    }
    for (int i : used) {
      Dimension d = compiler.dimension(i);
      if (!compiler.reaches(t.name(), i) && !(d.isTime() && t.timeDimension() != null)) {
        throw Messages.operatorRefused(c.column(), "rows of '" + t.name() + "' have no "
            + d.name() + (d.isTime() ? " (the table has no date)" : "") + ", so they cannot be "
            + "counted by it or filtered on it");
      }
    }
  }

  /** The model table whose rows are the members of the grouping, for {@code members: all}. */
  private String membersTable() {
    if (q.dimensions().isEmpty() || !timeKeys.isEmpty()) {
      throw Messages.operatorRefused("members: all", "it lists the members of the grouping's "
          + "dimensions, which have no dates; group by dimensions other than time");
    }
    if (q.metrics().isEmpty() && q.calculations().stream().noneMatch(c -> c.operator()
        != Operator.MEAN && c.operator() != Operator.TO_DATE && c.operator() != Operator.COUNT)) {
      throw Messages.operatorRefused("members: all", "it needs a metric to show for each member");
    }
    String table = compiler.dimension(compiler.dimensionIndex(q.dimensions().get(0).dimension()))
        .table();
    for (DimensionRef d : q.dimensions()) {
      if (!compiler.reaches(table, compiler.dimensionIndex(d.dimension()))) {
        throw Messages.operatorRefused("members: all", "the members of " + q.dimensions().get(0)
            .dimension() + " (table '" + table + "') have no " + d.dimension() + "; list the "
            + "members of dimensions of one table");
      }
    }
    return table;
  }

  // Parts.

  private RexNode predicate(TimeRange time) {
    return compiler.predicate(b, q, types, time);
  }

  /** The metric at the grouping and one finer key, averaged over that key's values. */
  private RelNode mean(Calculation c) {
    DimensionRef over = c.period() != null
        ? new DimensionRef(timeName(), c.period().grain()) : c.over().get(0);
    List<RexNode> finer = new ArrayList<>(keys);
    finer.add(compiler.key(b, over, types));
    List<String> names = new ArrayList<>(keyNames);
    names.add("$over");
    b.push(compiler.compile(b, finer, names, List.of(c.metric()), predicate(q.time()), null,
        List.of(), null, false));
    b.aggregate(b.groupKey(ImmutableBitSet.range(k)), b.avg(false, hidden(c),
        b.field(c.metric())));
    return b.build();
  }

  /**
   * The metric summed from the start of each row's period: computed over the range widened back
   * to the start of the period holding its first day, then cut to the range's rows.
   */
  private RelNode toDate(Calculation c) {
    TimeGrain period = c.period().grain();
    TimeRange r = q.time();
    LocalDate from = r == null || r.from() == null ? null : r.from();
    TimeRange widened = r == null ? null : new TimeRange(
        from == null ? null : Grains.floor(from, period), r.to());
    b.push(compiler.compile(b, keys, keyNames, List.of(c.metric()), predicate(widened), null,
        List.of(), null, false));
    int finest = timeKeys.get(timeKeys.size() - 1);
    List<RexNode> partition = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      if (!timeKeys.contains(i)) {
        partition.add(b.field(i));
      }
    }
    partition.add(b.call(SqlStdOperatorTable.FLOOR, b.field(finest),
        b.literal(Grains.timeUnit(period))));
    List<RexNode> out = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      out.add(b.field(i));
      names.add(keyNames.get(i));
    }
    out.add(b.sum(b.field(c.metric())).over().partitionBy(partition).orderBy(b.field(finest))
        .rowsTo(RexWindowBounds.CURRENT_ROW).toRex());
    names.add(hidden(c));
    b.project(out, names, true);
    if (from != null) {
      b.filter(b.greaterThanOrEqual(b.field(finest),
          Literals.date(b, Grains.floor(from, grainOf(finest)))));
    }
    return b.build();
  }

  /** The rows of a countable table at the grouping. */
  private RelNode count(Calculation c) {
    return compiler.compile(b, keys, keyNames, List.of(), predicate(q.time()), c.metric(),
        List.of(new MetricCompiler.RowAggregate(hidden(c), Metric.Aggregation.COUNT, null)), null,
        false);
  }

  private static String hidden(Calculation c) {
    return "$" + c.column();
  }

  // Comparison periods.

  private List<String> comparedMetrics(Period p) {
    Set<String> out = new LinkedHashSet<>();
    for (Calculation c : q.calculations()) {
      if (isComparison(c.operator()) && comparisonPeriod(c).equals(p)) {
        out.add(c.metric());
      }
    }
    return List.copyOf(out);
  }

  /**
   * Left-joins the metrics of the comparison period to the rows built so far: computed over the
   * range moved back by {@code p}, grouped by keys whose time keys read each date moved forward
   * by {@code p}, so a comparison row lands on the row it compares with.
   */
  private void joinComparison(Period p, String suffix, List<String> metrics) {
    TimeRange r = q.time();
    TimeRange earlier = r == null ? null : new TimeRange(back(r.from(), p), back(r.to(), p));
    List<RexNode> moved = new ArrayList<>();
    RexNode interval = interval(p);
    for (int i = 0; i < k; i++) {
      moved.add(timeKeys.contains(i) ? keys.get(i).accept(new RexShuttle() {
        @Override public RexNode visitInputRef(RexInputRef ref) {
          return ref.getIndex() == timeDimension
              ? b.getRexBuilder().makeCall(ref.getType(), SqlStdOperatorTable.DATETIME_PLUS,
                  List.of(ref, interval))
              : ref;
        }
      }) : keys.get(i));
    }
    RelNode comparison = compiler.compile(b, moved, keyNames, metrics, predicate(earlier), null,
        List.of(), null, false);
    int left = b.peek().getRowType().getFieldCount();
    b.push(comparison);
    List<RexNode> on = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      on.add(b.isNotDistinctFrom(b.field(2, 0, i), b.field(2, 1, i)));
    }
    b.join(JoinRelType.LEFT, on.isEmpty() ? b.literal(true) : b.and(on));
    List<RexNode> fields = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<String> all = b.peek().getRowType().getFieldNames();
    for (int i = 0; i < left; i++) {
      fields.add(b.field(i));
      names.add(all.get(i));
    }
    for (int j = 0; j < metrics.size(); j++) {
      fields.add(b.field(left + k + j));
      names.add(metrics.get(j) + suffix);
    }
    b.project(fields, names, true);
  }

  private static LocalDate back(LocalDate d, Period p) {
    if (d == null) {
      return null;
    }
    return p.months() > 0 ? d.minusMonths(p.months()) : d.minusDays(p.days());
  }

  private RexNode interval(Period p) {
    if (p.months() > 0) {
      return b.getRexBuilder().makeIntervalLiteral(BigDecimal.valueOf(p.months()),
          new SqlIntervalQualifier(TimeUnit.MONTH, null, POS));
    }
    return b.getRexBuilder().makeIntervalLiteral(BigDecimal.valueOf(p.days() * 86_400_000L),
        new SqlIntervalQualifier(TimeUnit.DAY, null, POS));
  }

  // The answer.

  private void project(boolean joinedParts, Map<Period, String> comparisons) {
    List<RexNode> out = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      out.add(b.field(i));
      names.add(keyNames.get(i));
    }
    for (String m : q.metrics()) {
      out.add(joinedParts ? zeroed(m, b.field(m)) : b.field(m));
      names.add(m);
    }
    for (Calculation c : q.calculations()) {
      out.add(calculation(c, joinedParts, comparisons));
      names.add(c.column());
    }
    b.project(out, names, true);
  }

  private RexNode calculation(Calculation c, boolean joinedParts,
      Map<Period, String> comparisons) {
    return switch (c.operator()) {
      case PER -> divide(b.field(c.metric()), b.field(c.other()));
      case SHARE -> {
        RexNode v = b.field(c.metric());
        List<RexNode> within = c.over().stream().map(d -> (RexNode) b.field(d.columnName()))
            .toList();
        yield divide(v, b.sum(v).over().partitionBy(within).toRex());
      }
      case RUNNING -> {
        // Along the finest time grain; a coarser one is a grouping like the others, so the
        // total restarts each year when the rows are years and months (it ran on across years).
        int finest = timeKeys.get(timeKeys.size() - 1);
        List<RexNode> partition = new ArrayList<>();
        for (int i = 0; i < k; i++) {
          if (i != finest) {
            partition.add(b.field(i));
          }
        }
        yield b.sum(b.field(c.metric())).over().partitionBy(partition).orderBy(b.field(finest))
            .rowsTo(RexWindowBounds.CURRENT_ROW).toRex();
      }
      case PREVIOUS, CHANGE, GROWTH -> {
        RexNode now = b.field(c.metric());
        RexNode then = b.field(c.metric() + comparisons.get(comparisonPeriod(c)));
        yield switch (c.operator()) {
          case PREVIOUS -> then;
          case CHANGE -> b.call(SqlStdOperatorTable.MINUS, now, then);
          default -> divide(b.call(SqlStdOperatorTable.MINUS, now, then), then);
        };
      }
      case TO_DATE, MEAN -> b.field(hidden(c));
      case COUNT -> {
        RexNode f = b.field(hidden(c));
        yield joinedParts ? b.call(SqlStdOperatorTable.COALESCE, f,
            b.getRexBuilder().makeZeroLiteral(f.getType())) : f;
      }
    };
  }

  private Metric.Format format(String metric) {
    return model.metrics().get(metric).format();
  }

  /** A metric's value where another part has the key and its own has none: 0 for a count or sum. */
  private RexNode zeroed(String metric, RexNode v) {
    Metric m = model.metrics().get(metric);
    boolean zero = m.kind() == Metric.Kind.AGGREGATE && (m.aggregation() == Metric.Aggregation.SUM
        || m.aggregation() == Metric.Aggregation.COUNT
        || m.aggregation() == Metric.Aggregation.COUNT_DISTINCT);
    return zero ? b.call(SqlStdOperatorTable.COALESCE, v,
        b.getRexBuilder().makeZeroLiteral(v.getType())) : v;
  }

  /**
   * Money to the cent, as plain metric columns are: metrics in USD, and what operators give in
   * their metric's unit (a per-customer amount, a previous or running value, a change, a mean).
   * Last, so conditions and rankings compare the exact values.
   */
  private void roundMoney() {
    List<RexNode> out = new ArrayList<>(b.fields());
    for (int i = 0; i < q.metrics().size(); i++) {
      if (format(q.metrics().get(i)) == Metric.Format.USD) {
        out.set(k + i, round(out.get(k + i)));
      }
    }
    for (int i = 0; i < q.calculations().size(); i++) {
      Calculation c = q.calculations().get(i);
      boolean money = switch (c.operator()) {
        case PER -> format(c.metric()) == Metric.Format.USD
            && format(c.other()) != Metric.Format.USD;
        case PREVIOUS, CHANGE, RUNNING, TO_DATE, MEAN -> format(c.metric()) == Metric.Format.USD;
        default -> false;
      };
      int at = k + q.metrics().size() + i;
      if (money) {
        out.set(at, round(out.get(at)));
      }
    }
    b.project(out, b.peek().getRowType().getFieldNames(), true);
  }

  private RexNode round(RexNode v) {
    return b.cast(b.call(SqlStdOperatorTable.ROUND, v, b.literal(2)), SqlTypeName.DECIMAL, 38, 2);
  }

  /** A fraction: NULL when the denominator is zero or unknown. */
  private RexNode divide(RexNode num, RexNode den) {
    RexNode n = b.cast(num, SqlTypeName.DOUBLE);
    RexNode d = b.cast(den, SqlTypeName.DOUBLE);
    return b.call(SqlStdOperatorTable.CASE, b.equals(d, b.literal(0)),
        b.getRexBuilder().makeNullLiteral(n.getType()), b.call(SqlStdOperatorTable.DIVIDE, n, d));
  }

  /** The {@code having} conditions, on the answer's columns. */
  private void having() {
    if (q.having().isEmpty()) {
      return;
    }
    List<RexNode> conditions = new ArrayList<>();
    for (MetricQuery.Condition h : q.having()) {
      RexNode column = b.field(h.column());
      int key = keyNames.indexOf(h.column());
      RexNode value;
      if (key >= 0) {
        DimensionRef d = q.dimensions().get(key);
        Dimension dim = compiler.dimension(compiler.dimensionIndex(d.dimension()));
        value = Literals.of(b, dim, h.value());
      } else {
        try {
          BigDecimal n = new BigDecimal(h.value().trim());
          if (n.precision() - n.scale() > 38) {
            throw Messages.badHavingValue(h.column(), h.value(),
                "a number of at most 38 digits");
          }
          // 1e7 is a BigDecimal of scale -7, which no DECIMAL type takes.
          value = b.literal(n.scale() < 0 ? n.setScale(0) : n);
        } catch (NumberFormatException e) {
          throw Messages.badHavingValue(h.column(), h.value(), "a number");
        }
      }
      conditions.add(switch (h.comparison()) {
        case EQ -> b.equals(column, value);
        case NE -> b.notEquals(column, value);
        case LT -> b.lessThan(column, value);
        case LE -> b.lessThanOrEqual(column, value);
        case GT -> b.greaterThan(column, value);
        case GE -> b.greaterThanOrEqual(column, value);
      });
    }
    b.filter(conditions);
  }

  /** The first {@code limit} rows of each group of {@code limitPer}, in the query's order. */
  private void perGroup() {
    if (q.limitPer().isEmpty()) {
      return;
    }
    List<RexNode> partition = q.limitPer().stream()
        .map(d -> (RexNode) b.field(d.columnName())).toList();
    List<RexNode> order = new ArrayList<>();
    for (MetricStatements.OrderColumn o : compiler.orderColumns(q)) {
      if (q.limitPer().stream().noneMatch(d -> d.columnName().equals(o.column()))) {
        order.add(o.descending() ? b.nullsLast(b.desc(b.field(o.column())))
            : b.nullsLast(b.field(o.column())));
      }
    }
    int width = b.peek().getRowType().getFieldCount();
    List<RexNode> fields = new ArrayList<>(b.fields());
    fields.add(b.aggregateCall(SqlStdOperatorTable.ROW_NUMBER).over().partitionBy(partition)
        .orderBy(order).rowsTo(RexWindowBounds.CURRENT_ROW).toRex());
    List<String> names = new ArrayList<>(b.peek().getRowType().getFieldNames());
    names.add("$rank");
    b.project(fields, names, true);
    b.filter(b.lessThanOrEqual(b.field(width), b.literal(q.limit())));
    b.project(b.fields(ImmutableBitSet.range(width)));
  }
}
