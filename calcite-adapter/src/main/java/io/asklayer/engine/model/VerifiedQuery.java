package io.asklayer.engine.model;

import java.util.List;

/**
 * A question with the metric query that answers it, checked by a person: documentation of the
 * model and examples for interpreting questions.
 *
 * @param dimensions dimension names, a time dimension with its grain as {@code name.grain}
 * @param filters dimension name to the values it must take
 * @param timeFrom first day of the time range (inclusive, ISO date), or null
 * @param timeTo day after the time range (exclusive, ISO date), or null
 * @param orderBy metric or dimension names, each optionally followed by {@code " desc"}
 * @param limit row limit, or null
 */
public record VerifiedQuery(String question, List<String> metrics, List<String> dimensions,
    java.util.Map<String, List<String>> filters, String timeFrom, String timeTo,
    List<String> orderBy, Integer limit, Position position) {
  public VerifiedQuery {
    metrics = List.copyOf(metrics);
    dimensions = List.copyOf(dimensions);
    filters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(filters));
    orderBy = List.copyOf(orderBy);
  }
}
