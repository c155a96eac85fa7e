package io.asklayer.engine.session;

import io.asklayer.engine.ask.Interpretation;
import io.asklayer.engine.retrieval.DocumentIndex;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The evidence for a question answered from documents: the principal's documents that match, and
 * for reviews the theme they share. "Why are customers complaining about SKU-123?" has no words to
 * search for: its low-rated reviews are gathered, the words typical of them (against the product's
 * reviews of any rating) are its theme, and the reviews that say it best are the answer.
 */
final class DocumentAnswers {
  /** How many documents a theme is read from. */
  private static final int THEME_FROM = 200;
  static final List<RowsTable.Column> COLUMNS;

  static {
    List<RowsTable.Column> c = new ArrayList<>(DocumentFunctions.COLUMNS);
    c.add(new RowsTable.Column("theme", SqlTypeName.VARCHAR));
    COLUMNS = List.copyOf(c);
  }

  private DocumentAnswers() {
  }

  /** The answer: hits in rank order, and the theme (empty when there is none to tell). */
  record Answer(List<DocumentIndex.Hit> hits, List<String> theme) {
  }

  static Answer answer(Session session, Interpretation.DocumentQuestion d) {
    DocumentIndex index = Documents.index(session);
    DocumentIndex.Request r = new DocumentIndex.Request(d.query(), d.themed() ? THEME_FROM
        : d.k(), d.source(), d.sku(), d.supplier(), d.region(), d.from(), d.to(), null,
        d.maxRating(), d.phrases());
    List<DocumentIndex.Hit> hits = index.search(r);
    List<String> theme = List.of();
    if (d.source().equals("reviews") && hits.size() >= 2) {
      List<DocumentIndex.Doc> set = hits.stream().map(DocumentIndex.Hit::doc).toList();
      // The same product's satisfied reviews: what they all say too is its name, not the fault.
      List<DocumentIndex.Doc> background = d.maxRating() == null ? List.of()
          : index.search(new DocumentIndex.Request("", THEME_FROM, d.source(), d.sku(),
              d.supplier(), d.region(), d.from(), d.to(), 4, null, d.phrases())).stream()
              .map(DocumentIndex.Hit::doc).toList();
      theme = index.theme(set, background, names(session, set), 3);
      if (d.themed() && !theme.isEmpty()) {
        hits = index.search(r.withQuery(String.join(" ", theme), d.k()));
      }
    }
    if (hits.size() > d.k()) {
      hits = hits.subList(0, d.k());
    }
    return new Answer(hits, theme);
  }

  /**
   * The names most of the documents mention (the product's, its brand's): values of the model's
   * dimensions found in at least half of them. Their words say what the documents are about, not
   * what they complain of.
   */
  private static String names(Session session, List<DocumentIndex.Doc> docs) {
    StringBuilder out = new StringBuilder();
    List<String> texts = docs.stream().map(d -> ((d.title() == null ? "" : d.title() + " ")
        + d.text()).toLowerCase(java.util.Locale.ROOT)).toList();
    for (var v : session.metadata().dimensions().values()) {
      for (String name : v.values()) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        if (n.length() < 3) {
          continue;
        }
        long hits = texts.stream().filter(t -> t.contains(n)).count();
        if (hits * 2 >= texts.size()) {
          out.append(name).append(' ');
        }
      }
    }
    return out.toString();
  }

  static RowsTable rows(Answer a) {
    List<List<?>> rows = new ArrayList<>();
    String theme = String.join(", ", a.theme());
    for (DocumentIndex.Hit h : a.hits()) {
      DocumentIndex.Doc d = h.doc();
      rows.add(java.util.Arrays.asList(d.source(), d.id(), d.sku(), d.supplier(), d.region(),
          d.date(), d.rating(), d.title(), h.snippet(), Math.round(h.score() * 1e6) / 1e6,
          theme));
    }
    return new RowsTable(COLUMNS, rows, true);
  }
}
