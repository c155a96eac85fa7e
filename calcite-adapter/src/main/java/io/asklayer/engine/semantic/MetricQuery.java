package io.asklayer.engine.semantic;

import io.asklayer.engine.model.TimeGrain;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A question in the model's terms: metrics, by dimensions (a time dimension with a grain), where
 * dimensions take given values, over a time range, ordered and limited; and the semantic layer's
 * operators on top: {@link Calculation}s (ratios, shares, period over period, cumulative values,
 * averages over periods or members, counts), conditions on the answer's values ({@code having}),
 * the first rows within each group ({@code limitPer}) and every member of the grouping
 * ({@code allMembers}). A value with equality, so it can key a cache. It says nothing about who
 * asks: row-level security applies when it is compiled and planned for a principal.
 *
 * @param metrics model metrics, each a column of the answer named for the metric
 * @param time the time range, applied to each metric's own time dimension, or null for all time
 * @param limit the number of rows wanted (within each group of {@code limitPer} when it names
 *     any), or null for all
 * @param calculations operator columns, after the metrics
 * @param having conditions every row of the answer meets, on its metric and calculation columns
 *     (HAVING), or on its dimension columns after shares and totals are computed
 * @param limitPer the grouping columns within which {@code limit} counts rows: the top N in each
 * @param allMembers a row for every member of the grouping dimension, with or without rows of the
 *     metrics' facts (what "never" and "absent" questions need)
 */
public record MetricQuery(List<String> metrics, List<DimensionRef> dimensions,
    List<Filter> filters, TimeRange time, List<Order> orderBy, Integer limit,
    List<Calculation> calculations, List<Condition> having, List<DimensionRef> limitPer,
    boolean allMembers) {
  public MetricQuery {
    // Null lists are what an interpretation cached before these components existed reads as.
    metrics = List.copyOf(metrics);
    dimensions = List.copyOf(dimensions);
    filters = List.copyOf(filters);
    orderBy = List.copyOf(orderBy);
    calculations = calculations == null ? List.of() : List.copyOf(calculations);
    having = having == null ? List.of() : List.copyOf(having);
    limitPer = limitPer == null ? List.of() : List.copyOf(limitPer);
    if (metrics.isEmpty() && calculations.isEmpty()) {
      throw new IllegalArgumentException("a metric query needs at least one metric");
    }
    if (limit != null && limit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
    if (!limitPer.isEmpty() && limit == null) {
      throw new IllegalArgumentException("rows per group need a limit: " + limitPer);
    }
  }

  /** A query of metrics by dimensions, with no operators. */
  public MetricQuery(List<String> metrics, List<DimensionRef> dimensions, List<Filter> filters,
      TimeRange time, List<Order> orderBy, Integer limit) {
    this(metrics, dimensions, filters, time, orderBy, limit, List.of(), List.of(), List.of(),
        false);
  }

  /** A query for some metrics, with nothing else. */
  public static MetricQuery of(String... metrics) {
    return new MetricQuery(List.of(metrics), List.of(), List.of(), null, List.of(), null);
  }

  public MetricQuery withDimensions(DimensionRef... dims) {
    return new MetricQuery(metrics, List.of(dims), filters, time, orderBy, limit, calculations,
        having, limitPer, allMembers);
  }

  public MetricQuery withFilters(Filter... fs) {
    return new MetricQuery(metrics, dimensions, List.of(fs), time, orderBy, limit, calculations,
        having, limitPer, allMembers);
  }

  public MetricQuery withTime(TimeRange range) {
    return new MetricQuery(metrics, dimensions, filters, range, orderBy, limit, calculations,
        having, limitPer, allMembers);
  }

  public MetricQuery withOrder(List<Order> order, Integer rows) {
    return new MetricQuery(metrics, dimensions, filters, time, order, rows, calculations, having,
        limitPer, allMembers);
  }

  public MetricQuery withCalculations(Calculation... cs) {
    return new MetricQuery(metrics, dimensions, filters, time, orderBy, limit, List.of(cs),
        having, limitPer, allMembers);
  }

  public MetricQuery withHaving(Condition... cs) {
    return new MetricQuery(metrics, dimensions, filters, time, orderBy, limit, calculations,
        List.of(cs), limitPer, allMembers);
  }

  /** The first {@code rows} rows (in the query's order) within each group of {@code per}. */
  public MetricQuery withLimitPer(int rows, DimensionRef... per) {
    return new MetricQuery(metrics, dimensions, filters, time, orderBy, rows, calculations,
        having, List.of(per), allMembers);
  }

  public MetricQuery withAllMembers(boolean all) {
    return new MetricQuery(metrics, dimensions, filters, time, orderBy, limit, calculations,
        having, limitPer, all);
  }

  /** The answer's value columns: the metrics, then the calculations, by name. */
  public List<String> valueColumns() {
    List<String> out = new java.util.ArrayList<>(metrics);
    calculations.forEach(c -> out.add(c.column()));
    return out;
  }

  /** A dimension to group by; for a time dimension, the grain (null means the day). */
  public record DimensionRef(String dimension, TimeGrain grain) {
    public DimensionRef {
      Objects.requireNonNull(dimension, "dimension");
    }

    public static DimensionRef of(String dimension) {
      return new DimensionRef(dimension, null);
    }

    /** The output column's name: the dimension, with the grain after an underscore. */
    public String columnName() {
      return grain == null ? dimension
          : dimension + "_" + grain.name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * A dimension taking (or, when {@code negated}, not taking) one of some values. With no values,
   * a dimension that has no value (or, when {@code negated}, has one): {@link #present}.
   */
  public record Filter(String dimension, List<String> values, boolean negated) {
    public Filter {
      values = List.copyOf(values);
    }

    /** Only rows where the dimension has a value: "per store" leaves out sales with no store. */
    public static Filter present(String dimension) {
      return new Filter(dimension, List.of(), true);
    }

    /** Whether this filter asks for the dimension to have (or lack) a value, not for values. */
    public boolean isPresence() {
      return values.isEmpty();
    }

    public static Filter in(String dimension, String... values) {
      return new Filter(dimension, List.of(values), false);
    }

    public static Filter notIn(String dimension, String... values) {
      return new Filter(dimension, List.of(values), true);
    }
  }

  /** Days from {@code from} (inclusive) to {@code to} (exclusive); either end may be open. */
  public record TimeRange(LocalDate from, LocalDate to) {
    public TimeRange {
      if (from != null && to != null && !from.isBefore(to)) {
        throw new IllegalArgumentException("an empty time range: " + from + " to " + to);
      }
    }
  }

  /** Order by a metric or a dimension (its name, or its column name with grain). */
  public record Order(String key, boolean descending) {
    public static Order desc(String key) {
      return new Order(key, true);
    }

    public static Order asc(String key) {
      return new Order(key, false);
    }
  }

  /** What an operator computes; see {@link Calculation}. */
  public enum Operator {
    /** {@code metric / other} at the grouping: revenue per customer. */
    PER,
    /** The metric as a fraction of its total over the rows that share {@code over}'s values. */
    SHARE,
    /** The metric in the comparison period, {@code period} earlier. */
    PREVIOUS,
    /** The metric minus its value in the comparison period. */
    CHANGE,
    /** The change as a fraction of the comparison period's value. */
    GROWTH,
    /** The running total along the query's time grain, within the time range. */
    RUNNING,
    /** The total from the start of the row's {@code period} (year to date) to the row. */
    TO_DATE,
    /** The mean over the periods of {@code period}, or the members of {@code over}. */
    MEAN,
    /** The number of rows of the model table {@code metric}, where the model allows it. */
    COUNT
  }

  /** A length of time: {@code count} calendar {@code grain}s. */
  public record Period(int count, TimeGrain grain) {
    public Period {
      Objects.requireNonNull(grain, "grain");
      if (count < 1) {
        throw new IllegalArgumentException("a period needs a positive count: " + count);
      }
    }

    public static Period of(TimeGrain grain) {
      return new Period(1, grain);
    }

    /** The length in months, or 0 for days and weeks. */
    public int months() {
      return switch (grain) {
        case MONTH -> count;
        case QUARTER -> 3 * count;
        case YEAR -> 12 * count;
        default -> 0;
      };
    }

    /** The length in days, or 0 for months, quarters and years. */
    public int days() {
      return switch (grain) {
        case DAY -> count;
        case WEEK -> 7 * count;
        default -> 0;
      };
    }

    /** {@code year}, or {@code 12 month}: how the text form writes it. */
    @Override public String toString() {
      String g = grain.name().toLowerCase(java.util.Locale.ROOT);
      return count == 1 ? g : count + " " + g;
    }
  }

  /**
   * An operator applied to a metric: one column of the answer.
   *
   * @param metric the metric operated on (for {@link Operator#COUNT}, the model table counted)
   * @param other the denominator of {@link Operator#PER}, else null
   * @param over the dimensions of {@link Operator#SHARE} (the total is over rows sharing their
   *     values; none: over all rows) or of {@link Operator#MEAN} (the members averaged over)
   * @param period the comparison offset of {@link Operator#PREVIOUS}, {@link Operator#CHANGE} and
   *     {@link Operator#GROWTH} (null: one step of the query's time grain), the period of
   *     {@link Operator#TO_DATE}, or the periods {@link Operator#MEAN} averages over
   * @param alias the column's name, or null for the {@link #column() default}
   */
  public record Calculation(Operator operator, String metric, String other,
      List<DimensionRef> over, Period period, String alias) {
    public Calculation {
      Objects.requireNonNull(operator, "operator");
      Objects.requireNonNull(metric, "metric");
      over = over == null ? List.of() : List.copyOf(over);
      if ((operator == Operator.PER) != (other != null)) {
        throw new IllegalArgumentException("a denominator belongs to PER only: " + operator);
      }
    }

    public static Calculation of(Operator operator, String metric) {
      return new Calculation(operator, metric, null, List.of(), null, null);
    }

    public static Calculation per(String metric, String other) {
      return new Calculation(Operator.PER, metric, other, List.of(), null, null);
    }

    public static Calculation share(String metric, DimensionRef... within) {
      return new Calculation(Operator.SHARE, metric, null, List.of(within), null, null);
    }

    public static Calculation offset(Operator operator, String metric, Period period) {
      return new Calculation(operator, metric, null, List.of(), period, null);
    }

    public Calculation as(String name) {
      return new Calculation(operator, metric, other, over, period, name);
    }

    /**
     * The column's name: the alias, else the metric and the operator ({@code revenue_growth_year},
     * {@code revenue_per_customer_count}, {@code revenue_share_category}, {@code reviews_count}).
     */
    public String column() {
      if (alias != null) {
        return alias;
      }
      if (operator == Operator.PER) {
        return metric + "_per_" + other;
      }
      if (operator == Operator.COUNT) {
        return metric + "_count";
      }
      StringBuilder b = new StringBuilder(metric).append('_')
          .append(operator.name().toLowerCase(java.util.Locale.ROOT));
      over.forEach(d -> b.append('_').append(d.columnName()));
      if (period != null) {
        b.append('_').append(period.toString().replace(' ', '_'));
      }
      return b.toString();
    }
  }

  /** How a condition compares a column with its value. */
  public enum Comparison {
    EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

    private final String symbol;

    Comparison(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  /** A condition on a column of the answer: {@code return_rate > 0.05}, {@code category = Toys}. */
  public record Condition(String column, Comparison comparison, String value) {
    public Condition {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(comparison, "comparison");
      Objects.requireNonNull(value, "value");
    }
  }
}
