package io.asklayer.engine.session;

import io.asklayer.engine.error.Messages;
import io.asklayer.engine.guard.Lexeme;
import io.asklayer.engine.model.SecuritySpec;
import io.asklayer.engine.retrieval.DocumentIndex;
import io.asklayer.engine.warehouse.MetadataSnapshot;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.runtime.Bindable;

/**
 * {@code REFRESH METADATA} and {@code REFRESH DOCUMENTS}: statements that re-read the warehouse for
 * every session of the principal's policy and forget kept plans, so they need the
 * {@link SecuritySpec.Privilege#REFRESH refresh} privilege. Their work is done when the statement
 * is executed, by the plan's own {@link Bindable}, and by nothing else: no table function or table
 * a {@code SELECT} (or a JDBC metadata call, which evaluates zero-argument table functions) could
 * reach does it, preparing one does not do it, and its plan is never kept.
 */
final class RefreshStatements {
  /** Which refresh a statement asks for. */
  enum Kind {
    METADATA("REFRESH METADATA", List.of("property", "value")),
    DOCUMENTS("REFRESH DOCUMENTS", List.of("documents", "added", "changed", "removed",
        "unchanged", "took_ms", "search"));

    final String statement;
    final List<String> columns;

    Kind(String statement, List<String> columns) {
      this.statement = statement;
      this.columns = columns;
    }
  }

  private RefreshStatements() {
  }

  /** The refresh statement of words {@code t} asks for, or null if it is not one. */
  static Kind recognise(List<Lexeme> t) {
    if (t.size() != 2 || !t.get(0).is("REFRESH")) {
      return null;
    }
    return t.get(1).is("METADATA") ? Kind.METADATA : t.get(1).is("DOCUMENTS") ? Kind.DOCUMENTS
        : null;
  }

  /**
   * The plan of refresh statement {@code sql}. A principal without the privilege is refused now,
   * before anything is planned.
   *
   * @param plan plans a query, used for the shape (columns and types) of the refresh's result
   */
  @SuppressWarnings("unchecked")
  static <T> CalciteSignature<T> prepare(Session session, Kind kind, String sql,
      Function<String, CalciteSignature<T>> plan) {
    session.require(SecuritySpec.Privilege.REFRESH, kind.statement);
    CalciteSignature<T> shape = plan.apply(shapeQuery(kind.columns));
    Bindable<T> run = dataContext -> (org.apache.calcite.linq4j.Enumerable<T>) (Object)
        Linq4j.asEnumerable(run(session, kind, dataContext));
    return new CalciteSignature<>(sql, shape.parameters, shape.internalParameters, shape.rowType,
        shape.columns, shape.cursorFactory, shape.rootSchema, shape.getCollationList(), -1,
        run, shape.statementType);
  }

  /** A query with the refresh's columns, all text, and no rows: only its shape is used. */
  private static String shapeQuery(List<String> columns) {
    StringBuilder nulls = new StringBuilder();
    StringBuilder names = new StringBuilder();
    for (String c : columns) {
      nulls.append(nulls.length() == 0 ? "" : ", ").append("CAST(NULL AS VARCHAR)");
      names.append(names.length() == 0 ? "" : ", ").append('"').append(c).append('"');
    }
    return "SELECT * FROM (VALUES (" + nulls + ")) AS \"t\"(" + names + ") WHERE 1 = 0";
  }

  /** Does the refresh, at execution: its result rows. */
  private static List<Object[]> run(Session session, Kind kind, DataContext dataContext) {
    AtomicBoolean cancelled = DataContext.Variable.CANCEL_FLAG.get(dataContext);
    Runnable checkpoint = () -> {
      if (cancelled != null && cancelled.get()) {
        throw Messages.refreshCancelled(kind.statement);
      }
    };
    return switch (kind) {
      case METADATA -> metadata(session.refreshMetadata());
      case DOCUMENTS -> documents(session, Documents.refresh(session, checkpoint));
    };
  }

  private static List<Object[]> metadata(MetadataSnapshot s) {
    long listed = s.dimensions().values().stream().filter(v -> v.complete(s.cap()))
        .mapToLong(v -> v.values().size()).sum();
    return List.of(
        new Object[] {"taken_at", s.takenAt().toString()},
        new Object[] {"took_ms", String.valueOf(s.took().toMillis())},
        new Object[] {"tables", String.valueOf(s.rowCounts().size())},
        new Object[] {"dimensions", String.valueOf(s.dimensions().size())},
        new Object[] {"values_listed", String.valueOf(listed)});
  }

  private static List<Object[]> documents(Session session, DocumentIndex.Refresh r) {
    return List.<Object[]>of(new Object[] {String.valueOf(session.documents().size()),
        String.valueOf(r.added()), String.valueOf(r.changed()), String.valueOf(r.removed()),
        String.valueOf(r.unchanged()), String.valueOf(r.took().toMillis()),
        r.vectors() ? "full text and vectors" : "full text only"});
  }
}
