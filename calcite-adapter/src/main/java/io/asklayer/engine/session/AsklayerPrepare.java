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
import java.util.Map;
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
 * The statement pipeline inside Calcite's prepare step, which every endpoint goes through (the
 * embedded driver's statements and prepared statements, the network server's, the warm-up's).
 * Its steps, each its own type, in order:
 *
 * <ol>
 *   <li><b>escapes</b> ({@link JdbcEscapes}): JDBC's {@code {oj}}, {@code {escape}} and
 *       {@code {limit}} written out, before anything reads the text;
 *   <li><b>recognise</b> ({@link Statements}): a typed statement ({@code ASK}, {@code EXPLAIN
 *       ASK}, {@code SHOW}/{@code DESCRIBE}, {@code REFRESH}) or SQL, from the text's words read
 *       once;
 *   <li><b>reuse</b> ({@link PlanCache}): the kept plan of the same text, of the same meaning (a
 *       question), or of the same shape;
 *   <li><b>interpret</b> ({@link Session#interpret}): a question's metric query or document
 *       request;
 *   <li><b>guard</b> ({@link StatementGuard}): one statement, a query, parsed once;
 *   <li><b>shape</b> ({@link Shapes}): the literals a plan does not depend on as parameters;
 *   <li><b>plan</b>: Calcite's validation and planning of the tree (never of rewritten text),
 *       with the semantic rewrite, pushdown and the plan's security check
 *       ({@link AsklayerPreparingStmt});
 *   <li><b>log</b> ({@link RefusalLog}): what was refused, and why.
 * </ol>
 *
 * <p>One instance prepares one statement (Calcite's driver makes one per statement), so the tree
 * a step built for Calcite to plan is this instance's, handed over in {@link #createParser}.
 * DDL is refused here too, in case anything got past the guard.
 */
public class AsklayerPrepare extends CalcitePrepareImpl {
  /** The tree Calcite plans next in place of parsing its text, or null. */
  private SqlNode tree;

  @Override public <T> CalciteSignature<T> prepareSql(Context context, Query<T> query,
      Type elementType, long maxRowCount) {
    Session session = Session.of(context);
    if (session == null) {
      throw new IllegalStateException("statement prepared outside an Asklayer session");
    }
    // A planning begun on this thread outside this method (and never ended) is not this one's.
    PlanningLimit.end();
    Run<T> run = new Run<>(session, context, elementType, maxRowCount);
    try {
      return query.sql == null ? plan(run, query) : statement(run, query.sql);
    } catch (AsklayerException e) {
      if (e.kind() != ErrorKind.INTERNAL) {
        RefusalLog.record(session.principal(), query.sql != null ? query.sql : "(plan)",
            e.getMessage());
      }
      throw e;
    } catch (RuntimeException e) {
      AsklayerException stopped = stopped(e);
      RefusalLog.record(session.principal(), query.sql != null ? query.sql : "(plan)",
          stopped.getMessage());
      throw stopped;
    } finally {
      PlanningLimit.end();
      tree = null;
    }
  }

  /**
   * One statement's preparation: what every step reads. Plans are kept unless this is a
   * warm-up, which plans statements afresh and keeps nothing.
   */
  private record Run<T>(Session session, Context context, Type elementType, long maxRowCount) {
    boolean keeps() {
      return !session.planOnly();
    }

    PlanCache.Key key(String text) {
      return keeps() ? PlanCache.key(session, text, elementType, maxRowCount) : null;
    }

    CalciteSignature<T> kept(PlanCache.Key key, String sql, boolean replayWarnings) {
      return key == null ? null : PlanCache.lookup(key, session, context.getRootSchema(), sql,
          replayWarnings);
    }
  }

  /** The pipeline for a statement's text. */
  private <T> CalciteSignature<T> statement(Run<T> run, String text) {
    Session session = run.session();
    String sql = JdbcEscapes.process(text);
    // A text seen before needs no other step (a refresh is never kept, so never found).
    PlanCache.Key key = run.key(sql);
    CalciteSignature<T> kept = run.kept(key, sql, true);
    if (kept != null) {
      return kept;
    }
    Statements.Statement statement = Statements.recognise(sql, session);
    if (statement instanceof Statements.Refresh r) {
      // Refreshing happens when the statement runs, never while one is planned or kept.
      return RefreshStatements.prepare(session, r.kind(), sql,
          shape -> super.prepareSql(run.context(), Query.of(shape), run.elementType(),
              run.maxRowCount()));
    }
    if (statement instanceof Statements.Ask a) {
      return a.explain() ? plan(run, sql, explainAsk(run, sql, a.question()), null)
          : ask(run, sql, key, a.question());
    }
    if (statement instanceof Statements.Meta m) {
      return plan(run, sql, m.query(), key);
    }
    return sql(run, sql, key, (Statements.Sql) statement);
  }

  /** A question: its plan is kept under the metric query it means too, whatever its words. */
  private <T> CalciteSignature<T> ask(Run<T> run, String sql, PlanCache.Key key,
      String question) {
    Session session = run.session();
    Interpretation i = session.interpret(question);
    PlanCache.Key meaning = i.documents() != null ? null
        : run.key("ASK " + MetricQueryText.format(i.query()));
    CalciteSignature<T> kept = run.kept(meaning, sql, false);
    if (kept != null) {
      session.warn(i.warnings());
      return kept;
    }
    CalciteSignature<T> signature = plan(run, sql, askQuery(session, question, i), key);
    if (meaning != null) {
      PlanCache.copy(key, meaning);
    }
    return signature;
  }

  /**
   * SQL: guarded, then planned by its shape when it has one whose plan takes its literals, else
   * with its literals.
   */
  private <T> CalciteSignature<T> sql(Run<T> run, String sql, PlanCache.Key key,
      Statements.Sql statement) {
    Session session = run.session();
    StatementGuard.Checked c = session.guard().check(sql, statement.statements());
    SqlNode node = TextLiterals.plain(CatalogNames.unqualify(c.node(), session.model().name(),
        run.context().getRootSchema().getSubSchemaMap().keySet()));
    Shapes.Shape shape = key == null ? null : Shapes.of(node);
    if (shape != null) {
      CalciteSignature<T> shaped = shaped(run, c.sql(), key, shape);
      if (shaped != null) {
        return shaped;
      }
    }
    return plan(run, c.sql(), node, key);
  }

  /**
   * The statement's plan through its shape's, with its literals bound; or null when the shape's
   * plan does not take them (or its planning failed, which the statement's own planning, with
   * its literals, then reports or not).
   */
  private <T> CalciteSignature<T> shaped(Run<T> run, String sql, PlanCache.Key key,
      Shapes.Shape shape) {
    PlanCache.Key shapeKey = run.key("SHAPE " + shape.key());
    CalciteSignature<T> plan = run.kept(shapeKey, sql, true);
    boolean planned = plan == null;
    if (planned) {
      if (PlanCache.unshaped(shapeKey)) {
        PlanCache.countShape(false, false);
        return null;
      }
      try {
        plan = plan(run, sql, shape.node(), shapeKey);
      } catch (RuntimeException e) {
        if (planningStopped()) {
          throw e;
        }
        PlanningLimit.end();
        PlanCache.markUnshaped(shapeKey);
        PlanCache.countShape(false, false);
        return null;
      }
    }
    Map<String, Object> values = Shapes.values(shape, plan.parameters);
    PlanCache.countShape(values != null, planned);
    if (values == null) {
      return null;
    }
    PlanCache.keepBound(key, shapeKey, values);
    return PlanCache.bound(plan, sql, run.context().getRootSchema(), values);
  }

  /** Plans {@code node} as the statement {@code sql}, kept under {@code key} unless null. */
  private <T> CalciteSignature<T> plan(Run<T> run, String sql, SqlNode node,
      PlanCache.Key key) {
    PlanCache.Recording recording = key == null ? null : PlanCache.start();
    try {
      tree = node;
      CalciteSignature<T> signature = plan(run, Query.of(sql));
      if (recording != null) {
        PlanCache.keep(key, recording, signature, run.session());
      }
      return signature;
    } finally {
      tree = null;
      if (recording != null) {
        PlanCache.stop();
      }
    }
  }

  /** Calcite's validation and planning of a query. */
  private <T> CalciteSignature<T> plan(Run<T> run, Query<T> query) {
    // IN lists stay IN lists, whatever their length: the warehouse evaluates them directly,
    // where Calcite's default (a join with a VALUES of 20 or more rows) is written for the
    // warehouse as one nested UNION ALL per value, which overflows the stack at about 1,000.
    try (TryThreadLocal.Memo ignored = Prepare.THREAD_INSUBQUERY_THRESHOLD.push(
        Integer.MAX_VALUE)) {
      return super.prepareSql(run.context(), query, run.elementType(), run.maxRowCount());
    }
  }

  /** A failure of planning as the client is told it: stopped by its time limit or a cancel. */
  private static AsklayerException stopped(RuntimeException e) {
    if (!planningStopped()) {
      throw e;
    }
    PlanningLimit.Planning planning = PlanningLimit.current();
    return planning.timedOut ? Messages.planningTimedOut(planning.seconds)
        : Messages.planningCancelled(e);
  }

  /** Whether this thread's planning was stopped by its time limit or a cancel. */
  private static boolean planningStopped() {
    PlanningLimit.Planning planning = PlanningLimit.current();
    return planning != null && planning.flag.get();
  }

  /** Calcite plans the tree a step built or the guard parsed, once, instead of parsing text. */
  @Override protected SqlParser createParser(String sql, SqlParser.Config parserConfig) {
    SqlNode t = tree;
    if (t != null) {
      tree = null;
      return ParsedStatement.create(sql, parserConfig, t);
    }
    return super.createParser(sql, parserConfig);
  }

  /** The query that answers a question: {@code SELECT * FROM TABLE(ask('...')) ORDER BY ...}. */
  private static SqlNode askQuery(Session session, String question, Interpretation i) {
    return MetricStatements.selectNode(Session.ASK_FUNCTION, question, i.documents() != null
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
  private <T> SqlNode explainAsk(Run<T> run, String sql, String question) {
    Session session = run.session();
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
      List<String> warehouseSql = new ArrayList<>();
      try (Hook.Closeable h = Hook.QUERY_PLAN.addThread(
          (java.util.function.Consumer<Object>) o -> warehouseSql.add(String.valueOf(o)))) {
        plan(new Run<>(session, run.context(), Object[].class, -1), sql,
            askQuery(session, question, i), null);
      }
      warehouseSql.forEach(s -> rows.add(List.of("warehouse sql", s, "")));
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
