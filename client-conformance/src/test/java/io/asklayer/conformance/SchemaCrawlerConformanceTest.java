package io.asklayer.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.asklayer.engine.model.Dimension;
import io.asklayer.engine.model.Metric;
import io.asklayer.engine.model.ModelLoader;
import io.asklayer.engine.model.ModelTable;
import io.asklayer.engine.model.SemanticModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import schemacrawler.loader.utility.TableRowCountsUtility;
import schemacrawler.schema.Catalog;
import schemacrawler.schema.Column;
import schemacrawler.schema.ColumnReference;
import schemacrawler.schema.ForeignKey;
import schemacrawler.schema.Routine;
import schemacrawler.schema.RoutineType;
import schemacrawler.schema.Schema;
import schemacrawler.schema.Table;
import schemacrawler.schema.TableConstraintColumn;
import schemacrawler.schemacrawler.LimitOptionsBuilder;
import schemacrawler.schemacrawler.LoadOptionsBuilder;
import schemacrawler.schemacrawler.SchemaCrawlerOptions;
import schemacrawler.schemacrawler.SchemaCrawlerOptionsBuilder;
import schemacrawler.schemacrawler.SchemaInfoLevelBuilder;
import schemacrawler.tools.options.Config;
import schemacrawler.tools.options.ConfigUtility;
import schemacrawler.tools.utility.DatabaseConnectorUtility;
import schemacrawler.tools.utility.SchemaCrawlerUtility;
import us.fatehi.utility.datasource.DatabaseConnectionSource;
import us.fatehi.utility.datasource.DatabaseConnectionSources;
import us.fatehi.utility.datasource.MultiUseUserCredentials;

/**
 * SchemaCrawler 17.9 crawling the catalog as a documentation or diff tool does: its ordinary API
 * ({@code SchemaCrawlerUtility.getCatalog}) at the maximum info level, routines and table row
 * counts included, over a connection source for the driver's URL. What it read is held against
 * the model and DuckDB direct: the schemas, the warehouse tables the principal may read with
 * DuckDB's columns, types and nullability, the semantic views with the model's dimensions and
 * metrics, the model's primary and foreign keys, row counts (North's for {@code north_manager}),
 * and a crawl in which SchemaCrawler logged no failure of a driver call.
 *
 * <p>Before this check's fixes SchemaCrawler put every table into one nameless schema (the driver
 * said schemas are not used in table definitions, which SchemaCrawler reads as "no schemas"), so
 * the warehouse's {@code returns} and the semantic view {@code returns} became one table with both
 * sets of columns; ten getters it reads for the database's properties failed with an internal
 * error; over the network {@code getURL()} named Avatica's driver, which SchemaCrawler then
 * reported; and a date column's size (10) disagreed with a query's precision of it (0).
 */
class SchemaCrawlerConformanceTest {
  private static final SemanticModel MODEL = ModelLoader.loadDemo();

  /** Held so that the levels set on them stay (java.util.logging keeps loggers weakly). */
  private static final List<Logger> LOGGERS = List.of(Logger.getLogger("schemacrawler"),
      Logger.getLogger("us.fatehi"));

  /** One crawl per transport and principal: crawling takes seconds, and the checks only read. */
  private static final Map<String, Crawl> CRAWLS = new ConcurrentHashMap<>();

  /** A crawled catalog and what SchemaCrawler logged as failed or doubtful while crawling it. */
  record Crawl(Catalog catalog, List<String> problems) {
    Schema schema(String name) {
      return catalog.lookupSchema(name).orElseThrow(() -> new AssertionError("no schema "
          + name + " in " + catalog.getSchemas()));
    }

    /** The tables of a schema by name, in SchemaCrawler's order. */
    Map<String, Table> tables(String schema) {
      Map<String, Table> out = new LinkedHashMap<>();
      for (Table t : catalog.getTables(schema(schema))) {
        out.put(t.getName(), t);
      }
      return out;
    }
  }

  static Crawl crawl(Transport t, String user) {
    return CRAWLS.computeIfAbsent(t + "/" + user, k -> {
      try {
        return crawlNow(t, user);
      } catch (Exception e) {
        throw new IllegalStateException("SchemaCrawler could not crawl as " + user + " over "
            + t, e);
      }
    });
  }

  private static Crawl crawlNow(Transport t, String user) throws Exception {
    List<String> problems = new ArrayList<>();
    Handler collect = new Handler() {
      @Override public void publish(LogRecord r) {
        // SchemaCrawler logs a driver call that failed with its exception, mostly at FINE, and
        // goes on without the answer: each is something the driver got wrong.
        if (r.getThrown() != null || r.getLevel().intValue() >= Level.WARNING.intValue()) {
          synchronized (problems) {
            problems.add(r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()
                + (r.getThrown() == null ? "" : "\n" + firstLines(r.getThrown())));
          }
        }
      }

      @Override public void flush() {
      }

      @Override public void close() {
      }
    };
    collect.setLevel(Level.ALL);
    Map<Logger, Level> levels = new LinkedHashMap<>();
    for (Logger l : LOGGERS) {
      levels.put(l, l.getLevel());
      l.setLevel(Level.ALL);
      l.setUseParentHandlers(false);
      l.addHandler(collect);
    }
    try (DatabaseConnectionSource source = DatabaseConnectionSources.newDatabaseConnectionSource(
        t.url(user), new MultiUseUserCredentials(user, Transport.PASSWORD))) {
      SchemaCrawlerOptions options = SchemaCrawlerOptionsBuilder.newSchemaCrawlerOptions()
          .withLimitOptions(LimitOptionsBuilder.builder().includeAllRoutines().toOptions())
          .withLoadOptions(LoadOptionsBuilder.builder()
              .withSchemaInfoLevel(SchemaInfoLevelBuilder.maximum()).toOptions());
      Config config = ConfigUtility.newConfig();
      config.put("load-row-counts", true);
      Catalog catalog = SchemaCrawlerUtility.getCatalog(source,
          DatabaseConnectorUtility.matchSchemaRetrievalOptions(source), options, config);
      synchronized (problems) {
        return new Crawl(catalog, List.copyOf(problems));
      }
    } finally {
      for (Logger l : LOGGERS) {
        l.removeHandler(collect);
        l.setUseParentHandlers(true);
        l.setLevel(levels.get(l));
      }
    }
  }

  private static String firstLines(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return String.join("\n", w.toString().lines().limit(6).toList());
  }

  @AllTransports
  void theCrawlCompletesWithoutAFailedDriverCall(Transport t) {
    Crawl crawl = crawl(t, "analyst");
    assertThat(crawl.problems()).isEmpty();
    assertThat(crawl.catalog().getDatabaseInfo().getDatabaseProductName()).isEqualTo("Asklayer");
    // SchemaCrawler finds the driver again from getURL(): ours, over the network too.
    assertThat(crawl.catalog().getJdbcDriverInfo().getDriverClassName())
        .isEqualTo(io.asklayer.jdbc.Driver.class.getName());
    assertThat(crawl.catalog().getJdbcDriverInfo().getConnectionUrl())
        .startsWith(t == Transport.EMBEDDED ? "jdbc:asklayer:user=" : "jdbc:asklayer:remote:url=")
        .doesNotContain("password");
  }

  @AllTransports
  void schemasAreTheFunctionsTheWarehouseTablesAndTheSemanticViews(Transport t) {
    assertThat(crawl(t, "analyst").catalog().getSchemas()).extracting(Schema::getFullName)
        .containsExactlyInAnyOrder("asklayer", MODEL.name(), "semantic");
  }

  @AllTransports
  void warehouseTablesAreDuckDbsThatThePrincipalMayRead(Transport t) throws Exception {
    Map<String, Table> tables = crawl(t, "analyst").tables(MODEL.name());
    assertThat(tables.keySet()).containsExactlyInAnyOrderElementsOf(readable("analyst"));
    for (Table table : tables.values()) {
      assertThat(table.getTableType().isView()).as(table.getName()).isFalse();
      assertThat(columns(table)).as(table.getName()).containsExactlyElementsOf(Direct.rows(
          "SELECT column_name, data_type, is_nullable FROM information_schema.columns "
          + "WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position",
          table.getName()));
      assertThat(TableRowCountsUtility.getRowCount(table)).as(table.getName())
          .isEqualTo(count("SELECT COUNT(*) FROM \"" + table.getName() + "\""));
      ModelTable model = MODEL.tableByWarehouseName(table.getName());
      assertThat(table.getRemarks()).as(table.getName()).isEqualTo(
          model == null || model.description() == null ? "" : model.description().strip());
    }
  }

  @AllTransports
  void semanticViewsHaveTheReachableDimensionsThenEveryMetric(Transport t) throws Exception {
    Map<String, Table> views = crawl(t, "analyst").tables("semantic");
    Set<String> facts = new LinkedHashSet<>();
    MODEL.metrics().values().stream().map(Metric::table).filter(Objects::nonNull)
        .forEach(facts::add);
    assertThat(views.keySet()).containsExactlyInAnyOrderElementsOf(facts);
    for (String fact : facts) {
      Table view = views.get(fact);
      assertThat(view.getTableType().isView()).isTrue();
      List<String> expected = new ArrayList<>();
      Set<String> reachable = reachable(fact);
      for (Dimension d : MODEL.dimensions().values()) {
        if (reachable.contains(d.table())) {
          expected.add(d.name());
        }
      }
      expected.addAll(MODEL.metrics().keySet());
      assertThat(view.getColumns()).extracting(Column::getName).as(fact)
          .containsExactlyElementsOf(expected);
      for (Column c : view.getColumns()) {
        Dimension d = MODEL.dimensions().get(c.getName());
        String description = d != null ? d.description()
            : MODEL.metrics().get(c.getName()).description();
        assertThat(c.getRemarks()).as(c.getFullName())
            .isEqualTo(description == null ? "" : description.strip());
        if (d != null && d.isTime()) {
          assertThat(c.getColumnDataType().getJavaSqlType().getVendorTypeNumber())
              .as(c.getFullName()).isEqualTo(java.sql.Types.DATE);
        }
      }
      // SchemaCrawler's SELECT COUNT(*) of a semantic view: its fact rows.
      assertThat(TableRowCountsUtility.getRowCount(view)).as(fact).isEqualTo(count(
          "SELECT COUNT(*) FROM \"" + MODEL.tables().get(fact).table() + "\""));
    }
  }

  @AllTransports
  void columnsAgreeWithWhatAQueryOfTheTableDescribes(Transport t) throws Exception {
    Crawl crawl = crawl(t, "analyst");
    try (Connection c = t.connect("analyst"); Statement s = c.createStatement()) {
      for (String schema : List.of(MODEL.name(), "semantic")) {
        for (Table table : crawl.tables(schema).values()) {
          try (ResultSet rs = s.executeQuery("SELECT * FROM \"" + schema + "\".\""
              + table.getName() + "\" WHERE 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> described = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
              described.add(md.getColumnLabel(i) + " " + md.getColumnType(i) + " "
                  + md.getPrecision(i) + " " + md.getScale(i) + " "
                  + (md.isNullable(i) == ResultSetMetaData.columnNullable));
            }
            assertThat(table.getColumns()).extracting(col -> col.getName() + " "
                + col.getColumnDataType().getJavaSqlType().getVendorTypeNumber() + " "
                + col.getSize() + " " + col.getDecimalDigits() + " " + col.isNullable())
                .as(table.getFullName())
                .containsExactlyElementsOf(described);
          }
        }
      }
    }
  }

  @AllTransports
  void primaryAndForeignKeysAreTheModels(Transport t) {
    Map<String, Table> tables = crawl(t, "analyst").tables(MODEL.name());
    Map<String, List<String>> primary = new TreeMap<>();
    Map<String, String> foreign = new TreeMap<>();
    for (Table table : tables.values()) {
      if (table.hasPrimaryKey()) {
        primary.put(table.getPrimaryKey().getName(), table.getPrimaryKey()
            .getConstrainedColumns().stream().map(TableConstraintColumn::getName).toList());
      }
      assertThat(table.getIndexes()).extracting(i -> i.getName() + " " + i.isUnique())
          .as(table.getName()).containsExactlyElementsOf(table.hasPrimaryKey()
          ? List.of(table.getPrimaryKey().getName() + " true") : List.of());
      for (ForeignKey fk : table.getImportedForeignKeys()) {
        foreign.put(fk.getName(), references(fk.getColumnReferences()));
      }
    }
    Map<String, List<String>> modelPrimary = new TreeMap<>();
    Map<String, String> modelForeign = new TreeMap<>();
    for (ModelTable m : MODEL.tables().values()) {
      modelPrimary.put(m.table() + "_pkey", m.primaryKey());
      for (ModelTable.Join j : m.joins().values()) {
        ModelTable target = MODEL.tables().get(j.to());
        // A foreign key is a many-to-one (or one-to-one) join onto exactly the target's key.
        if (j.relationship().preservesRows() && j.keys().size() == target.primaryKey().size()
            && new TreeSet<>(j.keys().values()).equals(new TreeSet<>(target.primaryKey()))) {
          List<String> refs = new ArrayList<>();
          for (String pk : target.primaryKey()) {
            String fk = j.keys().entrySet().stream().filter(e -> e.getValue().equals(pk))
                .findFirst().orElseThrow().getKey();
            refs.add(m.table() + "." + fk + " -> " + target.table() + "." + pk);
          }
          modelForeign.put(m.table() + "_" + j.to() + "_fkey", String.join(", ", refs));
        }
      }
    }
    assertThat(primary).isEqualTo(modelPrimary);
    assertThat(foreign).isEqualTo(modelForeign).isNotEmpty();
    assertThat(crawl(t, "analyst").tables("semantic").values())
        .allMatch(v -> !v.hasPrimaryKey() && v.getImportedForeignKeys().isEmpty());
  }

  @AllTransports
  void theFunctionsAreListedInTheirSchema(Transport t) {
    Crawl crawl = crawl(t, "analyst");
    Collection<Routine> routines = crawl.catalog().getRoutines(crawl.schema("asklayer"));
    assertThat(routines).extracting(Routine::getName)
        .contains("show_metrics", "show_dimensions", "describe_metric", "jdbc_tables");
    assertThat(routines).allMatch(r -> r.getRoutineType() == RoutineType.function);
  }

  @AllTransports
  void theNorthManagerCrawlsOnlyWhatItMayRead(Transport t) throws Exception {
    Crawl crawl = crawl(t, "north_manager");
    assertThat(crawl.problems()).isEmpty();
    Map<String, Table> tables = crawl.tables(MODEL.name());
    assertThat(tables.keySet()).containsExactlyInAnyOrderElementsOf(readable("north_manager"))
        .doesNotContain("employees");
    assertThat(crawl.catalog().getTables()).allMatch(table -> table.getReferencedTables()
        .stream().noneMatch(r -> r.getName().equals("employees")));
    String north = "(SELECT region_id FROM regions WHERE region_name = 'North')";
    // docs/security.md: North's rows of the filtered tables, the dimension tables in full.
    Map<String, String> visible = Map.of(
        "sales_transactions", "region_id = " + north,
        "stores", "region_id = " + north,
        "customers", "region_id = " + north,
        "policy_documents", "region_id = " + north + " OR region_id IS NULL",
        "returns", "(order_id, line_number) IN (SELECT order_id, line_number "
            + "FROM sales_transactions WHERE region_id = " + north + ")",
        "product_reviews", "customer_id IN (SELECT customer_id FROM customers "
            + "WHERE region_id = " + north + ")");
    for (Table table : tables.values()) {
      String where = visible.get(table.getName());
      assertThat(TableRowCountsUtility.getRowCount(table)).as(table.getName()).isEqualTo(
          count("SELECT COUNT(*) FROM \"" + table.getName() + "\""
              + (where == null ? "" : " WHERE " + where)));
    }
    assertThat(TableRowCountsUtility.getRowCount(crawl.tables("semantic").get("sales")))
        .isEqualTo(count("SELECT COUNT(*) FROM sales_transactions WHERE "
            + visible.get("sales_transactions")))
        .isLessThan(count("SELECT COUNT(*) FROM sales_transactions"));
  }

  /** A table's columns as DuckDB's information_schema words them: name, type, nullable. */
  private static List<List<String>> columns(Table table) {
    List<List<String>> out = new ArrayList<>();
    for (Column c : table.getColumns()) {
      String type = c.getColumnDataType().getName();
      if (type.equals("DECIMAL")) {
        type += "(" + c.getSize() + "," + c.getDecimalDigits() + ")";
      }
      out.add(List.of(c.getName(), type, c.isNullable() ? "YES" : "NO"));
    }
    return out;
  }

  private static String references(List<ColumnReference> refs) {
    return String.join(", ", refs.stream().map(r -> r.getForeignKeyColumn().getParent()
        .getName() + "." + r.getForeignKeyColumn().getName() + " -> " + r.getPrimaryKeyColumn()
        .getParent().getName() + "." + r.getPrimaryKeyColumn().getName()).toList());
  }

  /** DuckDB's tables less those the principal's roles deny (the model's security section). */
  private static List<String> readable(String principal) throws Exception {
    Set<String> denied = new TreeSet<>();
    for (String role : MODEL.security().principals().get(principal).roles()) {
      denied.addAll(MODEL.security().roles().get(role).deniedTables());
    }
    assertThat(denied).isNotEmpty();
    return Direct.rows("SELECT table_name FROM information_schema.tables "
        + "WHERE table_schema = 'main'").stream().map(r -> r.get(0))
        .filter(n -> !denied.contains(n)).toList();
  }

  /** The model tables reachable from {@code table} through joins that repeat no row. */
  private static Set<String> reachable(String table) {
    Set<String> seen = new LinkedHashSet<>(List.of(table));
    Deque<String> todo = new ArrayDeque<>(seen);
    while (!todo.isEmpty()) {
      for (ModelTable.Join j : MODEL.tables().get(todo.pop()).joins().values()) {
        if (j.relationship().preservesRows() && seen.add(j.to())) {
          todo.push(j.to());
        }
      }
    }
    return seen;
  }

  private static long count(String sql) throws Exception {
    return Long.parseLong(Direct.rows(sql).get(0).get(0));
  }
}
