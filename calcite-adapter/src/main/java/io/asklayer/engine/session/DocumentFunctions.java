package io.asklayer.engine.session;

import io.asklayer.engine.error.AsklayerException;
import io.asklayer.engine.error.ErrorKind;
import io.asklayer.engine.error.Messages;
import io.asklayer.engine.retrieval.DocumentIndex;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Document search from SQL: {@code search_documents('battery drains fast', 10)}, with optional
 * filters by name ({@code source => 'reviews', sku => 'SKU-107', supplier => ..., region => ...,
 * from_date => '2025-01-01', to_date => ..., min_rating => 1, max_rating => 2}), answered from the
 * principal's own index ({@link Documents}). The query may be at most the model's
 * {@code max_question_length} characters, like a question. {@code REFRESH DOCUMENTS} is a
 * statement ({@link RefreshStatements}), not a function.
 */
final class DocumentFunctions {
  static final List<RowsTable.Column> COLUMNS = List.of(
      new RowsTable.Column("source", SqlTypeName.VARCHAR),
      new RowsTable.Column("doc_id", SqlTypeName.VARCHAR),
      new RowsTable.Column("sku", SqlTypeName.VARCHAR),
      new RowsTable.Column("supplier", SqlTypeName.VARCHAR),
      new RowsTable.Column("region", SqlTypeName.VARCHAR),
      new RowsTable.Column("doc_date", SqlTypeName.DATE),
      new RowsTable.Column("rating", SqlTypeName.INTEGER),
      new RowsTable.Column("title", SqlTypeName.VARCHAR),
      new RowsTable.Column("snippet", SqlTypeName.VARCHAR),
      new RowsTable.Column("score", SqlTypeName.DOUBLE));
  static final int MAX_RESULTS = 1000;

  private final Session session;

  DocumentFunctions(Session session) {
    this.session = session;
  }

  void register(SchemaPlus root) {
    root.add("search_documents", Macros.of(List.of(Macros.Param.text("query"),
        new Macros.Param("k", Integer.class, true),
        new Macros.Param("source", String.class, true),
        new Macros.Param("sku", String.class, true),
        new Macros.Param("supplier", String.class, true),
        new Macros.Param("region", String.class, true),
        new Macros.Param("from_date", String.class, true),
        new Macros.Param("to_date", String.class, true),
        new Macros.Param("min_rating", Integer.class, true),
        new Macros.Param("max_rating", Integer.class, true)), this::search));
  }

  private RowsTable search(List<?> a) {
    String query = (String) a.get(0);
    int max = session.model().guardrails().maxQuestionLength();
    if (query != null && query.length() > max) {
      // Refused before the index is touched: a long text is slow to analyse, embed and search.
      throw Messages.searchTooLong(query.length(), max);
    }
    int k = a.get(1) == null ? 10 : ((Number) a.get(1)).intValue();
    if (k < 1 || k > MAX_RESULTS) {
      throw new AsklayerException(ErrorKind.USER, "search_documents returns 1 to " + MAX_RESULTS
          + " documents; asked for " + k + ".");
    }
    String source = (String) a.get(2);
    if (source != null && !session.model().documents().containsKey(source)) {
      throw new AsklayerException(ErrorKind.USER, "There are no documents called '" + source
          + "'; the sources are " + String.join(", ", session.model().documents().keySet())
          + ".");
    }
    DocumentIndex.Request r = new DocumentIndex.Request(query, k, source, (String) a.get(3),
        (String) a.get(4), (String) a.get(5), date(a.get(6), "from_date"),
        date(a.get(7), "to_date"), (Integer) integer(a.get(8)), (Integer) integer(a.get(9)),
        List.of());
    return rows(Documents.index(session).search(r));
  }

  /** Hits as rows of {@link #COLUMNS}. */
  static RowsTable rows(List<DocumentIndex.Hit> hits) {
    List<List<?>> rows = new ArrayList<>();
    for (DocumentIndex.Hit h : hits) {
      DocumentIndex.Doc d = h.doc();
      rows.add(Arrays.asList(d.source(), d.id(), d.sku(), d.supplier(), d.region(), d.date(),
          d.rating(), d.title(), h.snippet(), Math.round(h.score() * 1e6) / 1e6));
    }
    return new RowsTable(COLUMNS, rows, true);
  }

  private static Object integer(Object o) {
    return o == null ? null : ((Number) o).intValue();
  }

  private static LocalDate date(Object o, String name) {
    if (o == null) {
      return null;
    }
    try {
      return LocalDate.parse(o.toString());
    } catch (DateTimeParseException e) {
      throw new AsklayerException(ErrorKind.USER, name + " must be an ISO date such as "
          + "2025-01-31, not '" + o + "'.");
    }
  }
}
