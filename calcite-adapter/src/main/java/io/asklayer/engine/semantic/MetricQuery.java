package io.asklayer.engine.semantic;

import io.asklayer.engine.model.TimeGrain;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A question in the model's terms: metrics, by dimensions (a time dimension with a grain), where
 * dimensions take given values, over a time range, ordered and limited. A value with equality, so it
 * can key a cache. It says nothing about who asks: row-level security applies when it is compiled
 * and planned for a principal.
 *
 * @param time the time range, applied to each metric's own time dimension, or null for all time
 * @param limit the number of rows wanted, or null for all
 */
public record MetricQuery(List<String> metrics, List<DimensionRef> dimensions,
    List<Filter> filters, TimeRange time, List<Order> orderBy, Integer limit) {
  public MetricQuery {
    metrics = List.copyOf(metrics);
    dimensions = List.copyOf(dimensions);
    filters = List.copyOf(filters);
    orderBy = List.copyOf(orderBy);
    if (metrics.isEmpty()) {
      throw new IllegalArgumentException("a metric query needs at least one metric");
    }
    if (limit != null && limit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
  }

  /** A query for some metrics, with nothing else. */
  public static MetricQuery of(String... metrics) {
    return new MetricQuery(List.of(metrics), List.of(), List.of(), null, List.of(), null);
  }

  public MetricQuery withDimensions(DimensionRef... dims) {
    return new MetricQuery(metrics, List.of(dims), filters, time, orderBy, limit);
  }

  public MetricQuery withFilters(Filter... fs) {
    return new MetricQuery(metrics, dimensions, List.of(fs), time, orderBy, limit);
  }

  public MetricQuery withTime(TimeRange range) {
    return new MetricQuery(metrics, dimensions, filters, range, orderBy, limit);
  }

  public MetricQuery withOrder(List<Order> order, Integer rows) {
    return new MetricQuery(metrics, dimensions, filters, time, order, rows);
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
}
