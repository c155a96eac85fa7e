package io.asklayer.engine.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.lang.ref.WeakReference;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.runtime.Hook;

/**
 * Prepared statements, kept so a statement seen before skips parsing, validation, planning and
 * code generation: Calcite's prepare costs tens of milliseconds, running a kept plan well under one.
 *
 * <p>A plan is kept under everything it was made from: the statement text, the warehouse, the
 * model's fingerprint, the principal's policy fingerprint (row filters and masks are written into
 * the plan, so principals with different policies never share one), the session's {@code today}
 * (questions read "last quarter" against it), the language-model settings (they change which
 * questions are answered), the result type and row cap asked for, and a generation that
 * {@link #invalidate()} advances when metadata is refreshed.
 *
 * <p>SQL is also kept by its shape ({@link Shapes}): the plan of the statement with its compared
 * literals as parameters, under the shape's text, and each statement's own text then holds that
 * plan with the statement's values ({@link #keepBound}), which every use binds as the signature's
 * internal parameters ({@link #bound}). Shapes whose planning failed are remembered, so their
 * statements go straight to planning with their literals.
 *
 * <p>Not kept: statements whose planning read data or changed something — table functions the
 * engine evaluates while planning ({@code SHOW ...}, {@code REFRESH ...}, {@code search_documents},
 * questions answered with documents) call {@link #doNotKeep()} — and statements that failed.
 * Warnings given while planning are kept with the plan and given again on every use.
 *
 * <p>A kept plan is shared by sessions with the same key. Its code looks tables up through the
 * data context's root schema at run time, so a session using another's plan gets a copy pointing
 * at its own root schema. Plans that stashed objects in their internal parameters are only reused
 * by the session that made them, since such objects may belong to that session.
 */
public final class PlanCache {
  private static final int MAX_PLANS = 2_000;
  private static final Cache<Key, Entry> PLANS = Caffeine.newBuilder()
      .maximumSize(MAX_PLANS).recordStats().build();
  private static final AtomicLong GENERATION = new AtomicLong();
  private static final ThreadLocal<Recording> RECORDING = new ThreadLocal<>();

  private PlanCache() {
  }

  /** What a plan was made from. */
  record Key(String shared, long generation, LocalDate today, int llm, String sql,
      String elementType, long maxRowCount) {
  }

  /**
   * A plan, the warnings its planning gave, the session that made it, and the values its
   * parameters take when the plan is a statement's shape with the statement's literals bound
   * ({@link Shapes}; empty otherwise).
   */
  private record Entry(CalciteSignature<?> signature, List<String> warnings,
      List<String> warehouseSql, WeakReference<Session> owner, Map<String, Object> values) {
  }

  private static final java.util.concurrent.atomic.LongAdder SHAPE_REUSED =
      new java.util.concurrent.atomic.LongAdder();
  private static final java.util.concurrent.atomic.LongAdder SHAPE_PLANNED =
      new java.util.concurrent.atomic.LongAdder();
  private static final java.util.concurrent.atomic.LongAdder SHAPE_NOT_TAKEN =
      new java.util.concurrent.atomic.LongAdder();

  /**
   * What shapes did since start: statements answered by a shape planned before ({@code reused}),
   * shapes planned ({@code planned}), and statements planned with their literals although they had
   * a shape ({@code notTaken}: a value that does not convert exactly, or a shape whose planning
   * failed).
   */
  public record ShapeStats(long reused, long planned, long notTaken) {
  }

  /** The counts of {@link ShapeStats}. */
  public static ShapeStats shapeStats() {
    return new ShapeStats(SHAPE_REUSED.sum(), SHAPE_PLANNED.sum(), SHAPE_NOT_TAKEN.sum());
  }

  /** Counts one statement's use of its shape: reused, newly planned, or not taken. */
  static void countShape(boolean taken, boolean planned) {
    (!taken ? SHAPE_NOT_TAKEN : planned ? SHAPE_PLANNED : SHAPE_REUSED).increment();
  }

  /** Shapes whose planning failed: their statements are planned with their literals. */
  private static final Cache<Key, Boolean> UNSHAPED = Caffeine.newBuilder()
      .maximumSize(MAX_PLANS).build();

  /** What happens while one statement is planned. */
  static final class Recording {
    private final List<String> warnings = new ArrayList<>();
    private final List<String> warehouseSql = new ArrayList<>();
    private Hook.Closeable hook;
    private boolean keep = true;
  }

  static Key key(Session session, String sql, Type elementType, long maxRowCount) {
    return new Key(session.sharedKey(), GENERATION.get(), session.today(),
        Objects.hashCode(session.config().llm()), sql, elementType.getTypeName(), maxRowCount);
  }

  /**
   * The kept plan for {@code key}, as a plan of {@code sql} pointed at {@code rootSchema}; or null.
   * With {@code replayWarnings}, the warnings its planning gave are given to the session again.
   */
  @SuppressWarnings("unchecked")
  static <T> CalciteSignature<T> lookup(Key key, Session session, CalciteSchema rootSchema,
      String sql, boolean replayWarnings) {
    Entry e = PLANS.getIfPresent(key);
    if (e == null) {
      return null;
    }
    CalciteSignature<T> s = (CalciteSignature<T>) e.signature();
    if (e.owner().get() != session && !s.internalParameters.isEmpty()) {
      return null;
    }
    if (replayWarnings) {
      session.warn(e.warnings());
    }
    // Whoever watches the SQL sent to the warehouse sees it for a kept plan too.
    e.warehouseSql().forEach(Hook.QUERY_PLAN::run);
    if (!e.values().isEmpty()) {
      return bound(s, sql, rootSchema, e.values());
    }
    if (s.rootSchema == rootSchema && s.sql.equals(sql)) {
      return s;
    }
    return new CalciteSignature<>(sql, s.parameters, s.internalParameters, s.rowType, s.columns,
        s.cursorFactory, rootSchema, s.getCollationList(), -1, s::enumerable, s.statementType);
  }

  /**
   * The plan of a statement's shape as the plan of the statement: no parameters left for the
   * client, and the shape's parameters taking {@code values} (Calcite puts a signature's internal
   * parameters into the data context its plan reads parameters from).
   */
  static <T> CalciteSignature<T> bound(CalciteSignature<T> shape, String sql,
      CalciteSchema rootSchema, Map<String, Object> values) {
    Map<String, Object> internal = new HashMap<>(shape.internalParameters);
    internal.putAll(values);
    return new CalciteSignature<>(sql, List.of(), internal, shape.rowType, shape.columns,
        shape.cursorFactory, rootSchema, shape.getCollationList(), -1, shape::enumerable,
        shape.statementType);
  }

  /**
   * Keeps, under a statement's own key, its shape's kept plan with the statement's values, so the
   * statement seen again skips the guard and the shape step too. Nothing is kept if the shape's
   * plan was not.
   */
  static void keepBound(Key key, Key shape, Map<String, Object> values) {
    Entry e = PLANS.asMap().get(shape); // not a use: the map's view counts no hit
    if (e != null) {
      PLANS.put(key, new Entry(e.signature(), e.warnings(), e.warehouseSql(), e.owner(),
          Map.copyOf(values)));
    }
  }

  /** Keeps the plan kept under {@code from} under {@code to} too, if there is one. */
  static void copy(Key from, Key to) {
    Entry e = from == null ? null : PLANS.asMap().get(from);
    if (e != null) {
      PLANS.put(to, e);
    }
  }

  /** Whether the planning of this shape failed before. */
  static boolean unshaped(Key shape) {
    return UNSHAPED.getIfPresent(shape) != null;
  }

  /** Remembers that the planning of this shape failed, so it is not tried again. */
  static void markUnshaped(Key shape) {
    UNSHAPED.put(shape, Boolean.TRUE);
  }

  /** Starts recording the planning of one statement on this thread. */
  static Recording start() {
    Recording r = new Recording();
    r.hook = Hook.QUERY_PLAN.addThread((Object sql) -> r.warehouseSql.add(String.valueOf(sql)));
    RECORDING.set(r);
    return r;
  }

  /** Ends the recording on this thread. */
  static void stop() {
    Recording r = RECORDING.get();
    if (r != null) {
      r.hook.close();
    }
    RECORDING.remove();
  }

  /** Keeps a plan, unless its planning said not to. */
  static void keep(Key key, Recording recording, CalciteSignature<?> signature, Session owner) {
    if (recording.keep) {
      PLANS.put(key, new Entry(detached(signature), List.copyOf(recording.warnings),
          List.copyOf(recording.warehouseSql), new WeakReference<>(owner), Map.of()));
    }
  }

  /** Calcite's signature keeps its compiled plan in a private field with no getter. */
  private static final java.lang.reflect.Field BINDABLE = bindableField();

  private static java.lang.reflect.Field bindableField() {
    try {
      java.lang.reflect.Field f = CalciteSignature.class.getDeclaredField("bindable");
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The plan without the root schema of the session that made it: the schema (and the session
   * hanging from it) would otherwise stay reachable for as long as the plan is kept, up to 2,000
   * closed sessions' worth. Every use points a copy at the executing session's root anyway.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static CalciteSignature<?> detached(CalciteSignature<?> s) {
    if (BINDABLE == null) {
      return s;
    }
    Object bindable;
    try {
      bindable = BINDABLE.get(s);
    } catch (IllegalAccessException e) {
      return s;
    }
    return new CalciteSignature(s.sql, s.parameters, s.internalParameters, s.rowType, s.columns,
        s.cursorFactory, null, s.getCollationList(), -1,
        (org.apache.calcite.runtime.Bindable) bindable, s.statementType);
  }

  /** Called while planning by anything that reads data or changes state: the plan is not kept. */
  static void doNotKeep() {
    Recording r = RECORDING.get();
    if (r != null) {
      r.keep = false;
    }
  }

  /** Called with the warnings a statement's planning gives, to give them again with the plan. */
  static void warned(List<String> messages) {
    Recording r = RECORDING.get();
    if (r != null) {
      r.warnings.addAll(messages);
    }
  }

  /** Forgets every plan: metadata or documents changed. */
  public static void invalidate() {
    GENERATION.incrementAndGet();
    PLANS.invalidateAll();
    UNSHAPED.invalidateAll();
  }

  /** Hits, misses and evictions since start, for {@code /metrics} and benchmarks. */
  public static CacheStats stats() {
    return PLANS.stats();
  }

  /** The number of plans kept. */
  public static long size() {
    return PLANS.estimatedSize();
  }
}
