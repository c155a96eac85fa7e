package io.asklayer.engine.session;

import io.asklayer.engine.error.Messages;
import io.asklayer.engine.model.DocumentSource;
import io.asklayer.engine.model.ModelValidator;
import io.asklayer.engine.retrieval.DocumentIndex;
import io.asklayer.engine.retrieval.Embedders;
import io.asklayer.engine.warehouse.MetadataSnapshot;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The documents a principal may read, indexed for search. They are read through the session's
 * secured tables (one plan per document source of the model, written in the warehouse's dialect),
 * so a North manager's index holds North's reviews and the policies for North or every region, and
 * nothing else: row-level security applies to documents by construction. One index per warehouse,
 * model and policy, shared like the metadata snapshot, built on first use and brought up to date
 * by {@code REFRESH DOCUMENTS}.
 */
final class Documents {
  private static final Map<String, DocumentIndex> INDEXES = new ConcurrentHashMap<>();

  private Documents() {
  }

  /** The session's index, built now if it is the first search on it. */
  static DocumentIndex index(Session session) {
    return INDEXES.computeIfAbsent(session.sharedKey(), k -> {
      DocumentIndex index = new DocumentIndex(Embedders.find());
      index.refresh(read(session));
      return index;
    });
  }

  /** Re-reads the documents and applies what changed to the index. */
  static DocumentIndex.Refresh refresh(Session session) {
    DocumentIndex index = INDEXES.get(session.sharedKey());
    if (index == null) {
      long t0 = System.nanoTime();
      DocumentIndex built = index(session);
      return new DocumentIndex.Refresh(built.size(), 0, 0, 0,
          java.time.Duration.ofNanos(System.nanoTime() - t0), built.hybrid());
    }
    return index.refresh(read(session));
  }

  static List<DocumentIndex.Doc> read(Session session) {
    List<DocumentIndex.Doc> out = new ArrayList<>();
    for (DocumentSource source : session.model().documents().values()) {
      Map<String, String> expressions = ModelValidator.documentExpressions(source);
      String sql = session.warehouse().sql(session.semantic().compiler().rows(
          session.relBuilder(), source.table(), expressions));
      List<String> keys = List.copyOf(expressions.keySet());
      try (Connection c = session.warehouse().dataSource().getConnection();
          Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          Map<String, Object> row = new java.util.HashMap<>();
          for (int i = 0; i < keys.size(); i++) {
            row.put(keys.get(i), rs.getObject(i + 1));
          }
          Object rating = row.get("rating");
          out.add(new DocumentIndex.Doc(source.name(), text(row.get("id")),
              text(row.get("title")), text(row.get("text")),
              MetadataSnapshot.toDate(row.get("date")), text(row.get("sku")),
              rating instanceof Number n ? n.intValue() : null, text(row.get("supplier")),
              text(row.get("region"))));
        }
      } catch (SQLException e) {
        throw Messages.internal("Reading the documents of '" + source.name() + "' failed", e);
      }
    }
    return out;
  }

  private static String text(Object o) {
    return o == null ? null : o.toString();
  }
}
