package io.asklayer.engine.session;

import io.asklayer.engine.error.Messages;
import io.asklayer.engine.model.DocumentSource;
import io.asklayer.engine.model.ModelValidator;
import io.asklayer.engine.model.SecuritySpec;
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
 * by {@code REFRESH DOCUMENTS} (a privileged statement). Building and refreshing stop at the
 * asking statement's cancel or time limit, leaving the index as it was.
 */
final class Documents {
  private static final Map<String, DocumentIndex> INDEXES = new ConcurrentHashMap<>();

  private Documents() {
  }

  /**
   * The session's index, built now if it is the first search on it. The build stops, and nothing
   * is kept, when the statement planning it is cancelled or runs out of time.
   */
  static DocumentIndex index(Session session) {
    DocumentIndex built = INDEXES.get(session.sharedKey());
    if (built != null) {
      return built;
    }
    Runnable checkpoint = PlanningLimit.checkpoint();
    return INDEXES.computeIfAbsent(session.sharedKey(), k -> build(session, checkpoint));
  }

  private static DocumentIndex build(Session session, Runnable checkpoint) {
    return DocumentIndex.build(Embedders.find(), read(session, checkpoint), checkpoint);
  }

  /**
   * Re-reads the documents and applies what changed to the index; needs the refresh privilege.
   *
   * @param checkpoint called between batches; stops the refresh by throwing, the index unchanged
   */
  static DocumentIndex.Refresh refresh(Session session, Runnable checkpoint) {
    session.require(SecuritySpec.Privilege.REFRESH, "REFRESH DOCUMENTS");
    DocumentIndex index = INDEXES.get(session.sharedKey());
    if (index == null) {
      long t0 = System.nanoTime();
      DocumentIndex built = INDEXES.computeIfAbsent(session.sharedKey(),
          k -> build(session, checkpoint));
      return new DocumentIndex.Refresh(built.size(), 0, 0, 0,
          java.time.Duration.ofNanos(System.nanoTime() - t0), built.hybrid());
    }
    return index.refresh(read(session, checkpoint), checkpoint);
  }

  /** Whether the session's policy has an index (tests: a stopped build leaves none). */
  static boolean built(Session session) {
    return INDEXES.containsKey(session.sharedKey());
  }

  /** How many rows are read between two checkpoints. */
  private static final int READ_BATCH = 1_000;

  static List<DocumentIndex.Doc> read(Session session, Runnable checkpoint) {
    List<DocumentIndex.Doc> out = new ArrayList<>();
    for (DocumentSource source : session.model().documents().values()) {
      Map<String, String> expressions = ModelValidator.documentExpressions(source);
      String sql = session.warehouse().sql(session.semantic().compiler().rows(
          session.relBuilder(), source.table(), expressions));
      List<String> keys = List.copyOf(expressions.keySet());
      try (Connection c = session.warehouse().dataSource().getConnection();
          Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          if (out.size() % READ_BATCH == 0) {
            checkpoint.run();
          }
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
