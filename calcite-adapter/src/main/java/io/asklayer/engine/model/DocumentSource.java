package io.asklayer.engine.model;

import java.util.List;
import java.util.Map;

/**
 * A kind of document the model makes searchable (reviews, policies, emails): which model table
 * holds them, and which of its columns (or expressions, which may reach other model tables through
 * many-to-one joins, as in metrics) are the document's id, title, text and date, and the optional
 * attributes search results carry and can be filtered by.
 *
 * @param attributes optional: {@code sku}, {@code rating}, {@code supplier}, {@code region} to
 *     SQL expressions over the table
 */
public record DocumentSource(String name, String table, String id, String title, String text,
    String date, Map<String, String> attributes, String description, Position position) {
  /** The attributes a document source may declare, and search can filter by. */
  public static final List<String> ATTRIBUTES = List.of("sku", "rating", "supplier", "region");

  public DocumentSource {
    attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
  }
}
