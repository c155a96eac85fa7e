package io.asklayer.engine.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded, validated semantic model: tables and joins, dimensions, metrics and verified queries,
 * immutable. The {@code fingerprint} is a hash of the file's text, so caches can key on the model.
 *
 * @param warehouseSchema the schema inside the warehouse that holds the tables, or null for the
 *     warehouse kind's default
 * @param maxDimensionValues a dimension with at most this many distinct values has them all listed
 *     in the metadata snapshot (for grounding questions); above it, only the count
 * @param security who may see what, or null when the model declares no policy (then every user
 *     sees everything)
 * @param guardrails limits on every statement
 * @param referenceDate the date relative time words count from when a session names no
 *     {@code today} (a model of data that ends on a known day declares that day), or null for the
 *     system date
 * @param source where the model was loaded from
 * @param positions where each element and attribute is written, by path such as
 *     {@code metrics.revenue.expression}
 * @param calculations metrics declared as an operator on another metric, by name: the operator
 *     as {@code metric_query} writes it ({@code revenue.growth(year)}, {@code revenue.share()}),
 *     checked and compiled by the semantic layer
 * @param language the model's words for questions beyond its names and synonyms
 */
public record SemanticModel(String name, String description, String warehouseSchema,
    int maxDimensionValues, Map<String, ModelTable> tables, Map<String, Dimension> dimensions,
    Map<String, Metric> metrics, List<VerifiedQuery> verifiedQueries,
    Map<String, DocumentSource> documents, SecuritySpec security, Guardrails guardrails,
    java.time.LocalDate referenceDate, String fingerprint, String source, Map<String, Position> positions,
    Map<String, String> calculations, Language language) {
  /** How many distinct values of a dimension the metadata snapshot lists, unless the model says. */
  public static final int DEFAULT_MAX_DIMENSION_VALUES = 1000;

  public SemanticModel {
    tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    verifiedQueries = List.copyOf(verifiedQueries);
    documents = Collections.unmodifiableMap(new LinkedHashMap<>(documents));
    positions = Collections.unmodifiableMap(new LinkedHashMap<>(positions));
    calculations = Collections.unmodifiableMap(new LinkedHashMap<>(calculations));
  }

  /** Where a path is written, or where the file starts if the path is unknown. */
  public Position position(String path) {
    Position p = positions.get(path);
    return p != null ? p : new Position(source, 1, 1);
  }

  /** The model table a warehouse table is exposed as, or null. */
  public ModelTable tableByWarehouseName(String warehouseTable) {
    for (ModelTable t : tables.values()) {
      if (t.table().equalsIgnoreCase(warehouseTable)) {
        return t;
      }
    }
    return null;
  }
}
