package io.asklayer.engine.model;

import java.util.List;

/**
 * Something to group or filter by: a column (or expression) of a model table.
 *
 * @param expression a SQL expression over the table's columns, or null when {@code column} is used
 * @param grains for time dimensions, the grains it can be grouped by; empty otherwise
 * @param valueSynonyms words for one or more of its values ("online": Shopify, Magento, Amazon)
 */
public record Dimension(String name, String table, String column, String expression,
    Type type, List<TimeGrain> grains, List<String> synonyms,
    java.util.Map<String, List<String>> valueSynonyms, String description, Position position) {
  public Dimension {
    grains = List.copyOf(grains);
    synonyms = List.copyOf(synonyms);
    valueSynonyms = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(
        valueSynonyms));
  }

  /** The kind of values a dimension has. */
  public enum Type {
    STRING, NUMBER, TIME, BOOLEAN
  }

  /** The SQL expression this dimension reads: its expression, or its column. */
  public String sql() {
    return expression != null ? expression : column;
  }

  public boolean isTime() {
    return type == Type.TIME;
  }
}
