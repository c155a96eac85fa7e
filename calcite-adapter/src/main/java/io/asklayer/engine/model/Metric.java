package io.asklayer.engine.model;

import java.util.List;

/**
 * A business number with one definition. Three kinds:
 * <ul>
 *   <li>{@link Kind#AGGREGATE}: an aggregation of a SQL expression over one table's rows
 *   ({@code aggregation}, {@code table}, {@code expression});
 *   <li>{@link Kind#RATIO}: {@code numerator / denominator}, two other metrics, each computed at the
 *   grouping asked for before dividing;
 *   <li>{@link Kind#DERIVED}: an arithmetic {@code expression} over other metrics' names.
 * </ul>
 */
public record Metric(String name, Kind kind, Aggregation aggregation, String table,
    String expression, String numerator, String denominator, Format format,
    List<String> synonyms, String description, Position position) {
  public Metric {
    synonyms = List.copyOf(synonyms);
  }

  /** How a metric is defined. */
  public enum Kind {
    AGGREGATE, RATIO, DERIVED
  }

  /** The aggregations an aggregate metric may use. */
  public enum Aggregation {
    SUM, COUNT, COUNT_DISTINCT, AVG, MIN, MAX
  }

  /** How values are meant to be read; ratios are fractions, not percentages. */
  public enum Format {
    NUMBER, USD, PERCENT
  }
}
