package io.asklayer.engine.session;

import io.asklayer.engine.AsklayerTypeSystem;
import io.asklayer.engine.SqlSettings;
import io.asklayer.engine.ask.Interpretation;
import io.asklayer.engine.ask.AskRefusal;
import io.asklayer.engine.ask.Interpreter;
import io.asklayer.engine.cache.SemanticCache;
import io.asklayer.engine.ask.QuestionFallback;
import io.asklayer.engine.ask.llm.LlmFallbacks;
import io.asklayer.engine.error.Messages;
import io.asklayer.engine.guard.StatementGuard;
import io.asklayer.engine.model.ModelLoader;
import io.asklayer.engine.model.ModelValidator;
import io.asklayer.engine.model.SecuritySpec;
import io.asklayer.engine.model.SemanticModel;
import io.asklayer.engine.security.AccessPolicy;
import io.asklayer.engine.security.SecuredTable;
import io.asklayer.engine.semantic.MetricCompiler;
import io.asklayer.engine.semantic.MetricQueryMacro;
import io.asklayer.engine.semantic.MetricQueryText;
import io.asklayer.engine.semantic.SemanticCatalog;
import io.asklayer.engine.warehouse.MetadataSnapshot;
import io.asklayer.engine.warehouse.Warehouse;
import io.asklayer.engine.warehouse.WarehouseRegistry;
import io.asklayer.engine.warehouse.WarehouseSchema;
import io.asklayer.engine.warehouse.WarehouseTable;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.List;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.RelBuilder;

/**
 * One principal's connection to the engine: the model, the warehouse (borrowed from the
 * {@link WarehouseRegistry}), the reference date, and the schemas its statements are planned
 * against. Lives exactly as long as its JDBC connection.
 */
public final class Session implements AutoCloseable {
  private final SessionConfig config;
  private final SemanticModel model;
  private final AccessPolicy policy;
  private final WarehouseRegistry.Lease lease;
  private final StatementGuard guard;
  private final CalciteSchema rootSchema;
  private final SemanticCatalog semantic;

  /** The table function that answers a question: {@code TABLE(ask('...'))}. */
  public static final String ASK_FUNCTION = "ask";

  private volatile QuestionFallback fallback;
  private final List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** While true, statements are planned afresh and their plans not kept ({@link Warmup}). */
  private volatile boolean planOnly;

  /** The schema semantic tables appear in. */
  public static final String SEMANTIC_SCHEMA = "semantic";

  private Session(SessionConfig config, SemanticModel model, AccessPolicy policy,
      WarehouseRegistry.Lease lease) {
    this.config = config;
    this.model = model;
    this.policy = policy;
    this.lease = lease;
    this.guard = new StatementGuard(SqlSettings.parserConfig());
    this.rootSchema = CalciteSchema.createRootSchema(false, true, "", new SessionRootSchema(this));
    // Only the tables the principal may read exist for it; each applies its row filter and masks.
    Map<String, Table> tables = new LinkedHashMap<>();
    lease.warehouse().tables().forEach((name, t) -> {
      if (policy.canRead(name)) {
        tables.put(name, new SecuredTable(t, policy, model.name(), this::catalogReader));
      }
    });
    rootSchema.add(model.name(), new WarehouseSchema(lease.warehouse(), tables));
    this.semantic = new SemanticCatalog(model, this::relBuilder);
    rootSchema.add(SEMANTIC_SCHEMA, new AbstractSchema() {
      @Override protected Map<String, Table> getTableMap() {
        return semantic.tables();
      }
    });
    // Its filter values are checked against the data, as a question's are.
    rootSchema.plus().add("metric_query", new MetricQueryMacro("query",
        text -> FilterValues.ground(MetricQueryText.parse(text), metadata()), semantic,
        this::relBuilder, this::catalogReader));
    rootSchema.plus().add(ASK_FUNCTION, new AskMacro(this, new MetricQueryMacro("question",
        MetricQueryText::parse, semantic, this::relBuilder, this::catalogReader)));
    // CAST(x AS TEXT), as BI tools write it for PostgreSQL-like databases: VARCHAR.
    rootSchema.plus().add("TEXT", f -> f.createSqlType(
        org.apache.calcite.sql.type.SqlTypeName.VARCHAR));
    SchemaPlus asklayer = rootSchema.plus().add(MetadataFunctions.SCHEMA, new AbstractSchema());
    new MetadataFunctions(this).register(asklayer);
    new JdbcMetadata(this).register(asklayer);
    new DocumentFunctions(this).register(rootSchema.plus());
  }

  /** A RelBuilder over this session's schemas, for plans built outside a statement. */
  public RelBuilder relBuilder() {
    FrameworkConfig config = Frameworks.newConfigBuilder()
        .defaultSchema(rootSchema.plus())
        .parserConfig(SqlSettings.parserConfig())
        .typeSystem(AsklayerTypeSystem.INSTANCE)
        .build();
    return RelBuilder.create(config);
  }

  /** This session's tables as a catalog, through a given type factory. */
  public CalciteCatalogReader catalogReader(RelDataTypeFactory typeFactory) {
    return new CalciteCatalogReader(rootSchema, List.of(defaultSchema()), typeFactory,
        new CalciteConnectionConfigImpl(SqlSettings.calciteProperties()));
  }

  /**
   * What the warehouse holds, for this model: taken on first use, then shared by every session on
   * the same warehouse and model until {@link #refreshMetadata()}.
   */
  public MetadataSnapshot metadata() {
    return grounding().snapshot();
  }

  private Grounding grounding() {
    return SNAPSHOTS.computeIfAbsent(snapshotKey(), k -> ground(takeSnapshot()));
  }

  /**
   * Takes a new metadata snapshot and makes it the one sessions of this policy see; needs the
   * refresh privilege.
   */
  public MetadataSnapshot refreshMetadata() {
    require(SecuritySpec.Privilege.REFRESH, "REFRESH METADATA");
    Grounding g = ground(takeSnapshot());
    SNAPSHOTS.put(snapshotKey(), g);
    PlanCache.invalidate();
    return g.snapshot();
  }

  /**
   * A snapshot with the interpreter that reads questions against it: built once per snapshot and
   * shared, like the snapshot, by every session of the same warehouse, model and policy.
   */
  private record Grounding(MetadataSnapshot snapshot, Interpreter interpreter,
      String fingerprint) {
  }

  private Grounding ground(MetadataSnapshot snapshot) {
    return new Grounding(snapshot, new Interpreter(model, snapshot), snapshot.fingerprint());
  }

  /** What sessions that see the same data share caches under: warehouse, model and policy. */
  String sharedKey() {
    return snapshotKey();
  }

  private String snapshotKey() {
    return warehouse().url() + "|" + model.fingerprint() + "|" + policy.fingerprint();
  }

  private MetadataSnapshot takeSnapshot() {
    MetricCompiler c = semantic.compiler();
    try {
      return MetadataSnapshot.take(warehouse(), c.dimensionNames(),
          new MetadataSnapshot.DimensionPlans() {
            @Override public RelNode values(String dimension, int limit) {
              return c.dimensionValues(relBuilder(), c.dimensionIndex(dimension), limit);
            }

            @Override public RelNode range(String dimension) {
              return c.dimensionRange(relBuilder(), c.dimensionIndex(dimension));
            }

            @Override public boolean isTime(String dimension) {
              return c.dimension(c.dimensionIndex(dimension)).isTime();
            }
          }, model.maxDimensionValues());
    } catch (SQLException e) {
      throw Messages.internal("Reading the warehouse's metadata failed", e);
    }
  }

  private static final Map<String, Grounding> SNAPSHOTS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * What a question means for this session: read against the model and the current metadata
   * snapshot (values this principal may see), relative to the session's today. Kept in the
   * {@link SemanticCache} (shared through Redis when the session has one), so a question asked
   * before, by any session with the same model, policy, data and today, is not read again.
   */
  public Interpretation interpret(String question) {
    Grounding grounding = grounding();
    SemanticCache cache = SemanticCache.shared(config.cache());
    String key = SemanticCache.key(model.fingerprint(), policy.fingerprint(),
        grounding.fingerprint(), today(), config.llm() == null ? "" : config.llm().provider()
            + " " + config.llm().url() + " " + config.llm().model(), question);
    Interpretation known = cache.get(key, question);
    if (known != null) {
      return known;
    }
    Interpretation i;
    try {
      i = grounding.interpreter().interpret(question, today());
    } catch (AskRefusal r) {
      if (!r.ungrounded() || config.llm() == null) {
        throw r;
      }
      i = fallback().interpret(question, grounding.snapshot(), today(), r);
    }
    cache.put(key, i);
    return i;
  }

  private QuestionFallback fallback() {
    QuestionFallback f = fallback;
    if (f == null) {
      f = LlmFallbacks.open(model, config.llm());
      fallback = f;
    }
    return f;
  }

  /**
   * The documents this principal may read, indexed for search: built on first use, shared by the
   * sessions of the same warehouse, model and policy.
   */
  public io.asklayer.engine.retrieval.DocumentIndex documents() {
    return Documents.index(this);
  }

  /** Adds warnings for the statement being prepared; the JDBC boundary hands them out. */
  public void warn(List<String> messages) {
    PlanCache.warned(messages);
    for (String m : messages) {
      if (!warnings.contains(m)) {
        warnings.add(m);
      }
    }
  }

  /** The warnings added since the last call, oldest first. */
  void planOnly(boolean on) {
    planOnly = on;
  }

  boolean planOnly() {
    return planOnly;
  }

  public List<String> drainWarnings() {
    List<String> out = List.copyOf(warnings);
    warnings.removeAll(out);
    return out;
  }

  /** The semantic layer: compiler, metric and dimension types, semantic tables. */
  public SemanticCatalog semantic() {
    return semantic;
  }

  /**
   * Opens a session: loads and checks the model, and opens (or shares) the warehouse.
   *
   * @param warehouseUrl the warehouse to use; the configured one, or a default chosen by the driver
   */
  public static Session open(SessionConfig config, String warehouseUrl) {
    SemanticModel model = config.model() == null ? ModelLoader.loadDemo()
        : ModelLoader.load(config.model());
    AccessPolicy policy = AccessPolicy.of(model, config.user());
    if (config.llm() != null) {
      LlmFallbacks.check(config.llm());
    }
    WarehouseRegistry.Lease lease;
    try {
      lease = WarehouseRegistry.INSTANCE.acquire(warehouseUrl, model.name(),
          model.warehouseSchema(), model.guardrails().warehouseMemoryLimit());
    } catch (SQLException e) {
      throw Messages.warehouseUnavailable(warehouseUrl, e.getMessage());
    }
    try {
      ModelValidator.checkColumns(model, columns(lease.warehouse()));
      return new Session(config, model, policy, lease);
    } catch (RuntimeException e) {
      lease.close();
      throw e;
    }
  }

  private static Map<String, Set<String>> columns(Warehouse warehouse) {
    Map<String, Set<String>> out = new HashMap<>();
    JavaTypeFactoryImpl types = new JavaTypeFactoryImpl();
    for (WarehouseTable t : warehouse.tables().values()) {
      out.put(t.name().toLowerCase(Locale.ROOT), t.getRowType(types).getFieldList().stream()
          .map(RelDataTypeField::getName).map(n -> n.toLowerCase(Locale.ROOT))
          .collect(Collectors.toSet()));
    }
    return out;
  }

  /** The session a statement is being prepared for. */
  public static Session of(CalcitePrepare.Context context) {
    return SessionRootSchema.session(context.getMutableRootSchema());
  }

  /** The session whose root schema this is, or null if it is not a session's. */
  public static Session of(CalciteSchema rootSchema) {
    return SessionRootSchema.session(rootSchema);
  }

  public String principal() {
    return config.user();
  }

  /**
   * The date relative time words count from: the connection's {@code today}, else the model's
   * {@code reference_date}, else the system date.
   */
  public LocalDate today() {
    if (config.today() != null) {
      return config.today();
    }
    return model.referenceDate() != null ? model.referenceDate() : config.systemToday();
  }

  public SessionConfig config() {
    return config;
  }

  public SemanticModel model() {
    return model;
  }

  /** What this session's principal may see. */
  public AccessPolicy policy() {
    return policy;
  }

  public Warehouse warehouse() {
    return lease.warehouse();
  }

  public StatementGuard guard() {
    return guard;
  }

  /**
   * Refuses {@code action} unless one of the principal's roles grants {@code privilege}; in a
   * model without a security section its single user holds every privilege. Being unrestricted
   * does not grant one.
   */
  public void require(SecuritySpec.Privilege privilege, String action) {
    SecuritySpec security = model.security();
    if (security == null || security.grants(principal(), privilege)) {
      return;
    }
    throw Messages.notPrivileged(action, privilege.word(), principal(),
        security.rolesGranting(privilege), security.holders(privilege));
  }

  /** The root of the schemas statements are planned against. */
  public CalciteSchema rootSchema() {
    return rootSchema;
  }

  /** The schema unqualified table names resolve in: the model's name. */
  public String defaultSchema() {
    return model.name();
  }

  @Override public void close() {
    lease.close();
  }
}
