package io.asklayer.engine.session;

import io.asklayer.engine.ask.AskRefusal;
import io.asklayer.engine.ask.Interpretation;
import io.asklayer.engine.error.AsklayerException;
import io.asklayer.engine.error.ErrorKind;
import io.asklayer.engine.error.Messages;
import io.asklayer.engine.guard.RefusalLog;
import io.asklayer.engine.guard.StatementGuard;
import io.asklayer.engine.semantic.MetricQueryText;
import io.asklayer.engine.semantic.MetricStatements;
import io.asklayer.engine.warehouse.PushdownRules;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.util.TryThreadLocal;

/**
 * The statement pipeline inside Calcite's prepare step, which every JDBC path (statements, prepared
 * statements, the network server) goes through: the statement guard first, then Calcite's
 * validation, planning and pushdown. DDL is refused here too, in case anything got past the guard.
 */
public class AsklayerPrepare extends CalcitePrepareImpl {
  /** The statement the guard passed, parsed, until Calcite's prepare step asks for its tree. */
  private static final ThreadLocal<StatementGuard.Checked> PARSED = new ThreadLocal<>();

  @Override public <T> CalciteSignature<T> prepareSql(Context context, Query<T> query,
      Type elementType, long maxRowCount) {
    Session session = Session.of(context);
    if (session == null) {
      throw new IllegalStateException("statement prepared outside an Asklayer session");
    }
    PlanCache.Key key = null;
    PlanCache.Key meaning = null;
    PlanCache.Recording recording = null;
    // A planning begun on this thread outside this method (and never ended) is not this one's.
    PlanningLimit.end();
    try {
      Query<T> checked = query;
      if (query.sql != null) {
        // JDBC escapes ({oj ...}, {escape '\'}) first, before anything reads the text, so the
        // statements of every endpoint have them.
        String sql = JdbcEscapes.process(query.sql);
        // Refreshing happens when the statement runs, never while one is planned or kept.
        CalciteSignature<T> refresh = RefreshStatements.prepare(session, sql,
            shape -> super.prepareSql(context, Query.of(shape), elementType, maxRowCount));
        if (refresh != null) {
          return refresh;
        }
        // A warm-up plans statements afresh and keeps nothing.
        boolean cached = !session.planOnly();
        if (cached) {
          key = PlanCache.key(session, sql, elementType, maxRowCount);
          CalciteSignature<T> kept = PlanCache.lookup(key, session, context.getRootSchema(),
              sql, true);
          if (kept != null) {
            return kept;
          }
          recording = PlanCache.start();
        }
        AskStatements.Ask ask = AskStatements.parse(sql);
        if (ask != null && ask.explain()) {
          PlanCache.doNotKeep();
        } else if (ask != null) {
          // Questions that mean the same metric query share one plan, whatever their words.
          Interpretation i = session.interpret(ask.question());
          if (cached && i.documents() == null) {
            meaning = PlanCache.key(session, "ASK " + MetricQueryText.format(i.query()),
                elementType, maxRowCount);
            CalciteSignature<T> kept = PlanCache.lookup(meaning, session,
                context.getRootSchema(), sql, false);
            if (kept != null) {
              session.warn(i.warnings());
              return kept;
            }
          }
        }
        String rewritten = ask == null ? MetaStatements.rewrite(sql, session)
            : ask.explain() ? explainAsk(context, session, ask.question())
            : askSelect(session, ask.question());
        StatementGuard.Checked c = session.guard().check(rewritten != null ? rewritten : sql);
        c = new StatementGuard.Checked(c.sql(), CatalogNames.unqualify(c.node(),
            session.model().name(), context.getRootSchema().getSubSchemaMap().keySet()));
        checked = Query.of(c.sql());
        PARSED.set(c);
      }
      CalciteSignature<T> signature;
      // IN lists stay IN lists, whatever their length: the warehouse evaluates them directly,
      // where Calcite's default (a join with a VALUES of 20 or more rows) is written for the
      // warehouse as one nested UNION ALL per value, which overflows the stack at about 1,000.
      try (TryThreadLocal.Memo ignored = Prepare.THREAD_INSUBQUERY_THRESHOLD.push(
          Integer.MAX_VALUE)) {
        signature = super.prepareSql(context, checked, elementType, maxRowCount);
      }
      if (recording != null) {
        PlanCache.keep(key, recording, signature, session);
        if (meaning != null) {
          PlanCache.keep(meaning, recording, signature, session);
        }
      }
      return signature;
    } catch (AsklayerException e) {
      if (e.kind() != ErrorKind.INTERNAL) {
        RefusalLog.record(session.principal(), query.sql != null ? query.sql : "(plan)",
            e.getMessage());
      }
      throw e;
    } catch (RuntimeException e) {
      PlanningLimit.Planning planning = PlanningLimit.current();
      if (planning == null || !planning.flag.get()) {
        throw e;
      }
      // The planner stopped at its cancel flag: the time limit passed, or the client cancelled.
      AsklayerException stopped = planning.timedOut ? Messages.planningTimedOut(planning.seconds)
          : Messages.planningCancelled(e);
      RefusalLog.record(session.principal(), query.sql != null ? query.sql : "(plan)",
          stopped.getMessage());
      throw stopped;
    } finally {
      PlanningLimit.end();
      PARSED.remove();
      if (recording != null) {
        PlanCache.stop();
      }
    }
  }

  /** Calcite parses the statement the guard parsed: the guard's tree is used, once. */
  @Override protected SqlParser createParser(String sql, SqlParser.Config parserConfig) {
    StatementGuard.Checked c = PARSED.get();
    if (c != null && c.sql().equals(sql)) {
      PARSED.remove();
      return ParsedStatement.create(sql, parserConfig, c.node());
    }
    return super.createParser(sql, parserConfig);
  }

  /** The query that answers a question: {@code SELECT * FROM TABLE(ask('...')) ORDER BY ...}. */
  private static String askSelect(Session session, String question) {
    Interpretation i = session.interpret(question);
    return MetricStatements.select(Session.ASK_FUNCTION, question, i.documents() != null
        ? List.of(new MetricStatements.OrderColumn("score", true),
            new MetricStatements.OrderColumn("source", false),
            new MetricStatements.OrderColumn("doc_id", false))
        : session.semantic().compiler().orderColumns(i.query()));
  }

  /**
   * The rows of {@code EXPLAIN ASK}: each understood part with the words it came from, the words
   * ignored, the metric query, the SQL the warehouse would receive (captured while planning the
   * question exactly as ASK would, so it carries the principal's row filters), and warnings. A
   * question that would be refused explains what was and was not understood, and why.
   */
  private String explainAsk(Context context, Session session, String question) {
    List<List<String>> rows = new ArrayList<>();
    try {
      Interpretation i = session.interpret(question);
      i.readings().forEach(r -> rows.add(List.of(r.kind(), r.item(), r.words())));
      if (!i.ignored().isEmpty()) {
        rows.add(List.of("ignored", "words read as filler", String.join(" ", i.ignored())));
      }
      if (i.query() != null) {
        rows.add(List.of("metric query", MetricQueryText.format(i.query()), ""));
      }
      List<String> sql = new ArrayList<>();
      try (Hook.Closeable h = Hook.QUERY_PLAN.addThread(
          (java.util.function.Consumer<Object>) o -> sql.add(String.valueOf(o)))) {
        super.prepareSql(context, Query.of(askSelect(session, question)), Object[].class, -1);
      }
      sql.forEach(s -> rows.add(List.of("warehouse sql", s, "")));
      if (i.documents() != null) {
        DocumentAnswers.Answer a = DocumentAnswers.answer(session, i.documents());
        if (!a.theme().isEmpty()) {
          rows.add(List.of("theme", String.join(", ", a.theme()), "words typical of the "
              + "matching documents"));
        }
        rows.add(List.of("evidence", a.hits().size() + " documents", a.hits().stream()
            .map(h -> h.doc().source() + " " + h.doc().id()).collect(
                java.util.stream.Collectors.joining(", "))));
      }
      session.drainWarnings();
      i.warnings().forEach(w -> rows.add(List.of("warning", w, "")));
    } catch (AskRefusal r) {
      r.understood().forEach(u -> rows.add(List.of(u.kind(), u.item(), u.words())));
      if (!r.notUnderstood().isEmpty()) {
        rows.add(List.of("not understood", String.join(", ", r.notUnderstood()), ""));
      }
      rows.add(List.of("refused", r.getMessage(), ""));
    }
    return MetricStatements.values(List.of("part", "meaning", "from_words"), rows);
  }

  @Override protected CalcitePreparingStmt getPreparingStmt(Context context, Type elementType,
      CalciteCatalogReader catalogReader, RelOptPlanner planner) {
    JavaTypeFactory typeFactory = context.getTypeFactory();
    EnumerableRel.Prefer prefer = elementType == Object[].class ? EnumerableRel.Prefer.ARRAY
        : EnumerableRel.Prefer.CUSTOM;
    return new AsklayerPreparingStmt(this, context, catalogReader, typeFactory,
        context.getRootSchema(), prefer, createCluster(planner, new RexBuilder(typeFactory)),
        Session.of(context) == null ? createConvertletTable() : convertlets(Session.of(context)));
  }

  /**
   * Calcite's conversions with the session's principal, other dialects' date truncations, and
   * Monday weeks where DuckDB runs.
   */
  private static org.apache.calcite.sql2rel.SqlRexConvertletTable convertlets(Session session) {
    PrincipalConvertlets principal = new PrincipalConvertlets(session.principal(),
        session.defaultSchema());
    boolean duckDb = session.warehouse().dialect()
        instanceof io.asklayer.engine.warehouse.DuckDbDialect;
    return new DateTruncation(duckDb ? new MondayWeeks(principal) : principal, duckDb);
  }

  @Override protected RelOptPlanner createPlanner(Context prepareContext,
      org.apache.calcite.plan.Context externalContext, RelOptCostFactory costFactory) {
    Session session = Session.of(prepareContext);
    if (session != null) {
      org.apache.calcite.util.CancelFlag flag = PlanningLimit.begin(
          session.model().guardrails().statementTimeoutSeconds());
      externalContext = externalContext == null
          ? org.apache.calcite.plan.Contexts.of(prepareContext.config(), flag)
          : org.apache.calcite.plan.Contexts.chain(org.apache.calcite.plan.Contexts.of(flag),
              externalContext);
    }
    RelOptPlanner planner = super.createPlanner(prepareContext, externalContext, costFactory);
    PushdownRules.apply(planner);
    return planner;
  }

  @Override public void executeDdl(Context context, SqlNode node) {
    throw Messages.readOnly(node.getKind().sql);
  }
}
