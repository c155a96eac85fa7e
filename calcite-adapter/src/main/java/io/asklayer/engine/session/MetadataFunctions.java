package io.asklayer.engine.session;

import io.asklayer.engine.error.Messages;
import io.asklayer.engine.model.Dimension;
import io.asklayer.engine.model.Metric;
import io.asklayer.engine.model.SemanticModel;
import io.asklayer.engine.semantic.MetricQuery;
import io.asklayer.engine.warehouse.MetadataSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.TableMacro;
import org.apache.calcite.schema.TranslatableTable;

/**
 * The table functions behind the metadata statements, in the {@code asklayer} schema:
 * {@code show_metrics()}, {@code show_dimensions()}, {@code show_model()},
 * {@code describe_metric(name)}, {@code describe_dimension(name)}. Each is computed by the engine
 * from the session's model and metadata snapshot, and only reads: JDBC metadata calls evaluate the
 * zero-argument ones to learn their columns, so none may change anything (refreshing is the
 * privileged statement of {@link RefreshStatements}).
 */
final class MetadataFunctions {
  static final String SCHEMA = "asklayer";

  private final Session session;

  MetadataFunctions(Session session) {
    this.session = session;
  }

  void register(SchemaPlus schema) {
    schema.add("show_metrics", macro(a -> showMetrics()));
    schema.add("show_dimensions", macro(a -> showDimensions()));
    schema.add("show_model", macro(a -> showModel()));
    schema.add("describe_metric", macro1("metric", this::describeMetric));
    schema.add("describe_dimension", macro1("dimension", this::describeDimension));
  }

  private RowsTable showMetrics() {
    List<List<String>> rows = new ArrayList<>();
    for (Metric m : session.model().metrics().values()) {
      rows.add(List.of(m.name(), kind(m), definition(m), lower(m.format()),
          String.join(", ", m.synonyms()), nz(m.description())));
    }
    return new RowsTable(List.of("metric", "kind", "definition", "format", "synonyms",
        "description"), rows);
  }

  private RowsTable showDimensions() {
    MetadataSnapshot snapshot = session.metadata();
    List<List<String>> rows = new ArrayList<>();
    for (Dimension d : session.model().dimensions().values()) {
      MetadataSnapshot.DimensionValues v = snapshot.dimensions().get(d.name());
      rows.add(List.of(d.name(), lower(d.type()), d.table() + "." + d.sql(),
          grains(d), String.join(", ", d.synonyms()),
          distinct(v, snapshot.cap()), sample(v, d), nz(d.description())));
    }
    return new RowsTable(List.of("dimension", "type", "source", "grains", "synonyms",
        "distinct_values", "values", "description"), rows);
  }

  private RowsTable showModel() {
    SemanticModel m = session.model();
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("model", m.name()));
    rows.add(List.of("source", m.source()));
    rows.add(List.of("fingerprint", m.fingerprint()));
    rows.add(List.of("tables", String.join(", ", m.tables().keySet())));
    rows.add(List.of("metrics", String.valueOf(m.metrics().size())));
    rows.add(List.of("dimensions", String.valueOf(m.dimensions().size())));
    rows.add(List.of("verified_queries", String.valueOf(m.verifiedQueries().size())));
    rows.add(List.of("warehouse", session.warehouse().kind().name().toLowerCase(Locale.ROOT)));
    rows.add(List.of("principal", session.principal()));
    rows.add(List.of("today", session.today().toString()));
    return new RowsTable(List.of("property", "value"), rows);
  }

  private RowsTable describeMetric(String name) {
    Metric m = session.model().metrics().get(name);
    if (m == null) {
      throw Messages.unknownMetric(name, session.model().metrics().keySet());
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("metric", m.name()));
    rows.add(List.of("kind", kind(m)));
    rows.add(List.of("definition", definition(m)));
    if (m.table() != null) {
      rows.add(List.of("table", m.table()));
    }
    rows.add(List.of("format", lower(m.format())));
    rows.add(List.of("synonyms", String.join(", ", m.synonyms())));
    rows.add(List.of("description", nz(m.description())));
    rows.add(List.of("defined_at", m.position().toString()));
    rows.add(List.of("sql", session.semantic().sql(MetricQuery.of(name), session.relBuilder(),
        session.warehouse().dialect())));
    return new RowsTable(List.of("property", "value"), rows);
  }

  private RowsTable describeDimension(String name) {
    Dimension d = session.model().dimensions().get(name);
    if (d == null) {
      throw Messages.unknownDimension(name, session.model().dimensions().keySet());
    }
    MetadataSnapshot snapshot = session.metadata();
    MetadataSnapshot.DimensionValues v = snapshot.dimensions().get(name);
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("dimension", d.name()));
    rows.add(List.of("type", lower(d.type())));
    rows.add(List.of("source", d.table() + "." + d.sql()));
    rows.add(List.of("grains", grains(d)));
    rows.add(List.of("synonyms", String.join(", ", d.synonyms())));
    rows.add(List.of("description", nz(d.description())));
    rows.add(List.of("distinct_values", distinct(v, snapshot.cap())));
    rows.add(List.of("values", sample(v, d)));
    rows.add(List.of("defined_at", d.position().toString()));
    return new RowsTable(List.of("property", "value"), rows);
  }

  private static String grains(Dimension d) {
    return String.join(", ", d.grains().stream().map(MetadataFunctions::lower).toList());
  }

  private static String kind(Metric m) {
    return m.kind() == Metric.Kind.AGGREGATE
        ? m.aggregation().name().toLowerCase(Locale.ROOT) : lower(m.kind());
  }

  /** A metric's formula as the model writes it. */
  static String definition(Metric m) {
    return switch (m.kind()) {
      case AGGREGATE -> m.aggregation() == Metric.Aggregation.COUNT_DISTINCT
          ? "count(distinct " + m.expression() + ")"
          : lower(m.aggregation()) + "(" + m.expression() + ")";
      case RATIO -> m.numerator() + " / " + m.denominator();
      case DERIVED -> m.expression();
    };
  }

  private static String distinct(MetadataSnapshot.DimensionValues v, int cap) {
    if (v == null) {
      return "";
    }
    return v.complete(cap) ? String.valueOf(v.distinct()) : "more than " + cap;
  }

  private static String sample(MetadataSnapshot.DimensionValues v, Dimension d) {
    if (v == null) {
      return "";
    }
    if (d.isTime() && v.first() != null) {
      return v.first() + " .. " + v.last();
    }
    List<String> values = v.values();
    String shown = String.join(", ", values.subList(0, Math.min(values.size(), 12)));
    return values.size() > 12 ? shown + ", ..." : shown;
  }

  private static String lower(Object o) {
    return String.valueOf(o).toLowerCase(Locale.ROOT);
  }

  private static String nz(String s) {
    return s == null ? "" : s.strip();
  }

  private static TableMacro macro(Function<List<?>, TranslatableTable> body) {
    return Macros.of(List.of(), body);
  }

  private static TableMacro macro1(String parameter, Function<String, TranslatableTable> body) {
    return Macros.of(List.of(Macros.Param.text(parameter)),
        args -> body.apply(String.valueOf(args.get(0))));
  }
}
