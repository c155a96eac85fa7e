package io.asklayer.engine.session;

import io.asklayer.engine.AsklayerTypeSystem;
import io.asklayer.engine.model.Dimension;
import io.asklayer.engine.model.Metric;
import io.asklayer.engine.model.ModelTable;
import io.asklayer.engine.model.SemanticModel;
import io.asklayer.engine.semantic.SemanticTable;
import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.TableMacro;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The answers to JDBC's {@link DatabaseMetaData} calls, as table functions in the {@code asklayer}
 * schema ({@code jdbc_tables(catalog, schema_pattern, table_pattern, types)}, {@code jdbc_columns},
 * {@code jdbc_primary_keys}, ...), so that the embedded driver and a client of the network server
 * get the same rows, through the same statement pipeline. The driver's boundary turns each
 * metadata call into a call of its function; nothing else is needed from the protocol.
 *
 * <p>Every answer is computed from the session's schemas and model, and from nothing else: no
 * table function is evaluated and nothing is read from the warehouse or refreshed (Calcite's own
 * metadata lists a schema's zero-argument table functions as tables by running them). Only what
 * the principal may read is listed. Name arguments are JDBC patterns ({@link JdbcPattern}); a
 * catalog argument is a name ({@code ""} matches nothing, as no object lacks a catalog). Keys are
 * the model's: a table's {@code primary_key}, and a many-to-one join whose target columns are the
 * target's primary key as a foreign key.
 */
final class JdbcMetadata {
  private final Session session;
  private final RelDataTypeFactory types = new JavaTypeFactoryImpl(AsklayerTypeSystem.INSTANCE);

  JdbcMetadata(Session session) {
    this.session = session;
  }

  /** The one catalog: the model's name. */
  String catalog() {
    return session.model().name();
  }

  void register(SchemaPlus schema) {
    schema.add("jdbc_catalogs", fn(List.of(), a -> catalogs()));
    schema.add("jdbc_schemas", fn(List.of("catalog", "schema_pattern"), this::schemas));
    schema.add("jdbc_table_types", fn(List.of(), a -> tableTypes()));
    schema.add("jdbc_tables", fn(List.of("catalog", "schema_pattern", "table_pattern", "types"),
        this::tables));
    schema.add("jdbc_columns", fn(List.of("catalog", "schema_pattern", "table_pattern",
        "column_pattern"), this::columns));
    schema.add("jdbc_primary_keys", fn(List.of("catalog_name", "schema_name", "table_name"), this::primaryKeys));
    schema.add("jdbc_imported_keys", fn(List.of("catalog_name", "schema_name", "table_name"),
        a -> keys(null, null, null, a.get(0), a.get(1), a.get(2), KEY_ORDER_PK)));
    schema.add("jdbc_exported_keys", fn(List.of("catalog_name", "schema_name", "table_name"),
        a -> keys(a.get(0), a.get(1), a.get(2), null, null, null, KEY_ORDER_FK)));
    schema.add("jdbc_cross_reference", fn(List.of("parent_catalog", "parent_schema",
        "parent_table", "foreign_catalog", "foreign_schema", "foreign_table"),
        a -> keys(a.get(0), a.get(1), a.get(2), a.get(3), a.get(4), a.get(5), KEY_ORDER_FK)));
    schema.add("jdbc_index_info", fn(List.of("catalog_name", "schema_name", "table_name"), this::indexInfo));
    schema.add("jdbc_functions", fn(List.of("catalog", "schema_pattern", "function_pattern"),
        this::functions));
    schema.add("jdbc_procedures", fn(List.of("catalog", "schema_pattern", "procedure_pattern"),
        a -> new RowsTable(PROCEDURE_COLUMNS, List.of(), true)));
  }

  // ---- result columns, in the order and with the types DatabaseMetaData documents ----

  private static RowsTable.Column text(String name) {
    return new RowsTable.Column(name, SqlTypeName.VARCHAR);
  }

  private static RowsTable.Column integer(String name) {
    return new RowsTable.Column(name, SqlTypeName.INTEGER);
  }

  private static RowsTable.Column small(String name) {
    return new RowsTable.Column(name, SqlTypeName.SMALLINT);
  }

  private static final List<RowsTable.Column> CATALOG_COLUMNS = List.of(text("TABLE_CAT"));
  private static final List<RowsTable.Column> SCHEMA_COLUMNS = List.of(text("TABLE_SCHEM"),
      text("TABLE_CATALOG"));
  private static final List<RowsTable.Column> TABLE_TYPE_COLUMNS = List.of(text("TABLE_TYPE"));
  private static final List<RowsTable.Column> TABLE_COLUMNS = List.of(text("TABLE_CAT"),
      text("TABLE_SCHEM"), text("TABLE_NAME"), text("TABLE_TYPE"), text("REMARKS"),
      text("TYPE_CAT"), text("TYPE_SCHEM"), text("TYPE_NAME"), text("SELF_REFERENCING_COL_NAME"),
      text("REF_GENERATION"));
  private static final List<RowsTable.Column> COLUMN_COLUMNS = List.of(text("TABLE_CAT"),
      text("TABLE_SCHEM"), text("TABLE_NAME"), text("COLUMN_NAME"), integer("DATA_TYPE"),
      text("TYPE_NAME"), integer("COLUMN_SIZE"), integer("BUFFER_LENGTH"),
      integer("DECIMAL_DIGITS"), integer("NUM_PREC_RADIX"), integer("NULLABLE"), text("REMARKS"),
      text("COLUMN_DEF"), integer("SQL_DATA_TYPE"), integer("SQL_DATETIME_SUB"),
      integer("CHAR_OCTET_LENGTH"), integer("ORDINAL_POSITION"), text("IS_NULLABLE"),
      text("SCOPE_CATALOG"), text("SCOPE_SCHEMA"), text("SCOPE_TABLE"), small("SOURCE_DATA_TYPE"),
      text("IS_AUTOINCREMENT"), text("IS_GENERATEDCOLUMN"));
  private static final List<RowsTable.Column> PRIMARY_KEY_COLUMNS = List.of(text("TABLE_CAT"),
      text("TABLE_SCHEM"), text("TABLE_NAME"), text("COLUMN_NAME"), small("KEY_SEQ"),
      text("PK_NAME"));
  private static final List<RowsTable.Column> KEY_COLUMNS = List.of(text("PKTABLE_CAT"),
      text("PKTABLE_SCHEM"), text("PKTABLE_NAME"), text("PKCOLUMN_NAME"), text("FKTABLE_CAT"),
      text("FKTABLE_SCHEM"), text("FKTABLE_NAME"), text("FKCOLUMN_NAME"), small("KEY_SEQ"),
      small("UPDATE_RULE"), small("DELETE_RULE"), text("FK_NAME"), text("PK_NAME"),
      small("DEFERRABILITY"));
  private static final List<RowsTable.Column> INDEX_COLUMNS = List.of(text("TABLE_CAT"),
      text("TABLE_SCHEM"), text("TABLE_NAME"), new RowsTable.Column("NON_UNIQUE",
          SqlTypeName.BOOLEAN), text("INDEX_QUALIFIER"), text("INDEX_NAME"), small("TYPE"),
      small("ORDINAL_POSITION"), text("COLUMN_NAME"), text("ASC_OR_DESC"),
      new RowsTable.Column("CARDINALITY", SqlTypeName.BIGINT),
      new RowsTable.Column("PAGES", SqlTypeName.BIGINT), text("FILTER_CONDITION"));
  private static final List<RowsTable.Column> FUNCTION_COLUMNS = List.of(text("FUNCTION_CAT"),
      text("FUNCTION_SCHEM"), text("FUNCTION_NAME"), text("REMARKS"), small("FUNCTION_TYPE"),
      text("SPECIFIC_NAME"));
  private static final List<RowsTable.Column> PROCEDURE_COLUMNS = List.of(text("PROCEDURE_CAT"),
      text("PROCEDURE_SCHEM"), text("PROCEDURE_NAME"), text("RESERVED1"), text("RESERVED2"),
      text("RESERVED3"), text("REMARKS"), small("PROCEDURE_TYPE"), text("SPECIFIC_NAME"));

  // ---- catalogs, schemas, tables, columns ----

  private RowsTable catalogs() {
    return new RowsTable(CATALOG_COLUMNS, List.of(List.of(catalog())), true);
  }

  private boolean catalogMatches(String catalog) {
    return catalog == null || catalog.equals(catalog());
  }

  /** The session's schemas by name, sorted. */
  private Map<String, CalciteSchema> schemaMap() {
    return session.rootSchema().getSubSchemaMap();
  }

  private RowsTable schemas(List<String> a) {
    List<List<?>> rows = new ArrayList<>();
    if (catalogMatches(a.get(0))) {
      JdbcPattern p = JdbcPattern.of(a.get(1));
      for (String s : schemaMap().keySet()) {
        if (p.matches(s)) {
          rows.add(List.of(s, catalog()));
        }
      }
    }
    return new RowsTable(SCHEMA_COLUMNS, rows, true);
  }

  private RowsTable tableTypes() {
    return new RowsTable(TABLE_TYPE_COLUMNS, List.of(List.of("TABLE"), List.of("VIEW")), true);
  }

  /** A table the principal may see: where it is, and what it is. */
  private record Listed(String schema, String name, Table table) {
  }

  /**
   * The tables matching the arguments, in schema and name order. Only tables: a schema's table
   * functions, even those without arguments, are never run to be listed.
   */
  private List<Listed> listed(String catalog, String schemaPattern, String tablePattern) {
    List<Listed> out = new ArrayList<>();
    if (!catalogMatches(catalog)) {
      return out;
    }
    JdbcPattern sp = JdbcPattern.of(schemaPattern);
    JdbcPattern tp = JdbcPattern.of(tablePattern);
    schemaMap().forEach((schemaName, schema) -> {
      if (!sp.matches(schemaName)) {
        return;
      }
      for (String t : new TreeSet<>(schema.getTableNames())) {
        if (tp.matches(t)) {
          CalciteSchema.TableEntry e = schema.getTable(t, true);
          if (e != null) {
            out.add(new Listed(schemaName, t, e.getTable()));
          }
        }
      }
    });
    return out;
  }

  private RowsTable tables(List<String> a) {
    Set<String> wanted = a.get(3) == null ? null : Arrays.stream(a.get(3).split(","))
        .map(String::strip).map(s -> s.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
    List<List<?>> rows = new ArrayList<>();
    for (Listed t : listed(a.get(0), a.get(1), a.get(2))) {
      String type = t.table().getJdbcTableType().jdbcName;
      if (wanted == null || wanted.contains(type)) {
        rows.add(Arrays.asList(catalog(), t.schema(), t.name(), type, tableRemarks(t), null, null,
            null, null, null));
      }
    }
    rows.sort(Comparator.comparing((List<?> r) -> (String) r.get(3))
        .thenComparing(r -> (String) r.get(1)).thenComparing(r -> (String) r.get(2)));
    return new RowsTable(TABLE_COLUMNS, rows, true);
  }

  /** The model table a listed table shows, or null. */
  private ModelTable modelTable(Listed t) {
    SemanticModel m = session.model();
    if (t.table() instanceof SemanticTable s) {
      return m.tables().get(s.name());
    }
    return t.schema().equals(session.defaultSchema()) ? m.tableByWarehouseName(t.name()) : null;
  }

  private String tableRemarks(Listed t) {
    ModelTable m = modelTable(t);
    return m == null || m.description() == null ? null : m.description().strip();
  }

  private String columnRemarks(Listed t, String column) {
    SemanticModel m = session.model();
    String description = null;
    if (t.table() instanceof SemanticTable) {
      Dimension d = m.dimensions().get(column);
      Metric x = m.metrics().get(column);
      description = x != null ? x.description() : d != null ? d.description() : null;
    } else {
      ModelTable mt = modelTable(t);
      if (mt != null) {
        for (Dimension d : m.dimensions().values()) {
          if (d.table().equals(mt.name()) && column.equalsIgnoreCase(d.column())
              && d.description() != null) {
            description = d.description();
            break;
          }
        }
      }
    }
    return description == null ? null : description.strip();
  }

  private RowsTable columns(List<String> a) {
    JdbcPattern cp = JdbcPattern.of(a.get(3));
    List<List<?>> rows = new ArrayList<>();
    for (Listed t : listed(a.get(0), a.get(1), a.get(2))) {
      for (RelDataTypeField f : t.table().getRowType(types).getFieldList()) {
        if (!cp.matches(f.getName())) {
          continue;
        }
        RelDataType type = f.getType();
        SqlTypeName n = type.getSqlTypeName();
        Integer size = columnSize(type);
        boolean character = SqlTypeName.CHAR_TYPES.contains(n);
        rows.add(Arrays.asList(catalog(), t.schema(), t.name(), f.getName(), jdbcType(type),
            typeName(type), size, null, decimalDigits(type),
            SqlTypeName.NUMERIC_TYPES.contains(n) ? 10 : null,
            type.isNullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
            columnRemarks(t, f.getName()), null, null, null, character ? size : null,
            f.getIndex() + 1, type.isNullable() ? "YES" : "NO", null, null, null, null, "NO",
            "NO"));
      }
    }
    return new RowsTable(COLUMN_COLUMNS, rows, true);
  }

  /** The plain SQL name of a type, without precision or nullability: {@code DECIMAL}. */
  static String typeName(RelDataType type) {
    SqlTypeName n = type.getSqlTypeName();
    return switch (n) {
      case CHAR -> "CHAR";
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> "TIMESTAMP WITH LOCAL TIME ZONE";
      case TIME_WITH_LOCAL_TIME_ZONE -> "TIME WITH LOCAL TIME ZONE";
      case TIMESTAMP_TZ -> "TIMESTAMP WITH TIME ZONE";
      case TIME_TZ -> "TIME WITH TIME ZONE";
      default -> n.getName().startsWith("INTERVAL_") ? "INTERVAL" : n.getName();
    };
  }

  /** The {@link Types} code of a type. */
  static int jdbcType(RelDataType type) {
    RelDataType element = type.getMeasureElementType();
    SqlTypeName n = (element != null ? element : type).getSqlTypeName();
    return n == SqlTypeName.ANY ? Types.OTHER : n.getJdbcOrdinal();
  }

  /**
   * JDBC's COLUMN_SIZE: the precision of a number, the length of text (null when unbounded), the
   * length of a date or time written out.
   */
  static Integer columnSize(RelDataType type) {
    int p = type.getPrecision();
    return switch (type.getSqlTypeName()) {
      case TINYINT -> 3;
      case SMALLINT -> 5;
      case INTEGER -> 10;
      case BIGINT -> 19;
      case REAL -> 7;
      case FLOAT, DOUBLE -> 15;
      case DECIMAL -> p;
      case BOOLEAN -> 1;
      case DATE -> 10;
      case TIME, TIME_WITH_LOCAL_TIME_ZONE -> 8 + fraction(type);
      case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> 19 + fraction(type);
      case CHAR, VARCHAR, BINARY, VARBINARY -> p <= 0 || p >= Integer.MAX_VALUE / 2
          || p == RelDataType.PRECISION_NOT_SPECIFIED ? null : p;
      default -> null;
    };
  }

  private static int fraction(RelDataType type) {
    int p = type.getPrecision();
    return p > 0 && p != RelDataType.PRECISION_NOT_SPECIFIED ? p + 1 : 0;
  }

  /** JDBC's DECIMAL_DIGITS: the scale of exact numbers, null where there is none. */
  static Integer decimalDigits(RelDataType type) {
    return switch (type.getSqlTypeName()) {
      case TINYINT, SMALLINT, INTEGER, BIGINT -> 0;
      case DECIMAL -> type.getScale();
      case TIME, TIMESTAMP, TIME_WITH_LOCAL_TIME_ZONE, TIMESTAMP_WITH_LOCAL_TIME_ZONE ->
          Math.max(0, type.getPrecision());
      default -> null;
    };
  }

  // ---- keys ----

  /** A warehouse table of the principal's with its model table. */
  private record Keyed(String name, ModelTable model) {
  }

  /** The principal's warehouse tables that the model describes, by model table name. */
  private Map<String, Keyed> keyed() {
    Map<String, Keyed> out = new LinkedHashMap<>();
    CalciteSchema schema = schemaMap().get(session.defaultSchema());
    if (schema == null) {
      return out;
    }
    for (String t : schema.getTableNames()) {
      ModelTable m = session.model().tableByWarehouseName(t);
      if (m != null) {
        out.put(m.name(), new Keyed(t, m));
      }
    }
    return out;
  }

  /** Whether a key argument (schema and table names, not patterns) names this table. */
  private boolean names(String catalog, String schema, String table, Keyed t) {
    return catalogMatches(catalog) && (schema == null || schema.equals(session.defaultSchema()))
        && (table == null || table.equals(t.name()));
  }

  static String primaryKeyName(String table) {
    return table + "_pkey";
  }

  private RowsTable primaryKeys(List<String> a) {
    List<List<?>> rows = new ArrayList<>();
    for (Keyed t : keyed().values()) {
      if (!names(a.get(0), a.get(1), a.get(2), t)) {
        continue;
      }
      List<String> key = t.model().primaryKey();
      for (int i = 0; i < key.size(); i++) {
        rows.add(Arrays.asList(catalog(), session.defaultSchema(), t.name(), key.get(i),
            (short) (i + 1), primaryKeyName(t.name())));
      }
    }
    rows.sort(Comparator.comparing((List<?> r) -> (String) r.get(2))
        .thenComparing(r -> (String) r.get(3)));
    return new RowsTable(PRIMARY_KEY_COLUMNS, rows, true);
  }

  private static final Comparator<List<?>> KEY_ORDER_PK = Comparator
      .comparing((List<?> r) -> (String) r.get(2)).thenComparing(r -> (String) r.get(6))
      .thenComparing(r -> (String) r.get(11)).thenComparing(r -> (Short) r.get(8));
  private static final Comparator<List<?>> KEY_ORDER_FK = Comparator
      .comparing((List<?> r) -> (String) r.get(6)).thenComparing(r -> (String) r.get(2))
      .thenComparing(r -> (String) r.get(11)).thenComparing(r -> (Short) r.get(8));

  /**
   * Foreign keys between the principal's tables: each join of the model that is many-to-one (or
   * one-to-one) onto exactly the target's primary key.
   */
  private RowsTable keys(String pCatalog, String pSchema, String pTable, String fCatalog,
      String fSchema, String fTable, Comparator<List<?>> order) {
    Map<String, Keyed> tables = keyed();
    List<List<?>> rows = new ArrayList<>();
    for (Keyed from : tables.values()) {
      if (!names(fCatalog, fSchema, fTable, from)) {
        continue;
      }
      for (ModelTable.Join j : from.model().joins().values()) {
        Keyed to = tables.get(j.to());
        if (to == null || !j.relationship().preservesRows() || !names(pCatalog, pSchema, pTable,
            to) || !new TreeSet<>(j.keys().values()).equals(new TreeSet<>(
            to.model().primaryKey())) || j.keys().size() != to.model().primaryKey().size()) {
          continue;
        }
        String fkName = from.name() + "_" + j.to() + "_fkey";
        short seq = 1;
        for (String pkColumn : to.model().primaryKey()) {
          String fkColumn = j.keys().entrySet().stream().filter(e -> e.getValue().equals(
              pkColumn)).findFirst().orElseThrow().getKey();
          rows.add(Arrays.asList(catalog(), session.defaultSchema(), to.name(), pkColumn,
              catalog(), session.defaultSchema(), from.name(), fkColumn, seq++,
              (short) DatabaseMetaData.importedKeyNoAction,
              (short) DatabaseMetaData.importedKeyNoAction, fkName, primaryKeyName(to.name()),
              (short) DatabaseMetaData.importedKeyNotDeferrable));
        }
      }
    }
    rows.sort(order);
    return new RowsTable(KEY_COLUMNS, rows, true);
  }

  /** The unique index behind each primary key; the model declares no other indexes. */
  private RowsTable indexInfo(List<String> a) {
    List<List<?>> rows = new ArrayList<>();
    for (Keyed t : keyed().values()) {
      if (!names(a.get(0), a.get(1), a.get(2), t)) {
        continue;
      }
      List<String> key = t.model().primaryKey();
      for (int i = 0; i < key.size(); i++) {
        rows.add(Arrays.asList(catalog(), session.defaultSchema(), t.name(), false, null,
            primaryKeyName(t.name()), (short) DatabaseMetaData.tableIndexOther, (short) (i + 1),
            key.get(i), "A", null, null, null));
      }
    }
    rows.sort(Comparator.comparing((List<?> r) -> (String) r.get(2))
        .thenComparing(r -> (String) r.get(5)).thenComparing(r -> (Short) r.get(7)));
    return new RowsTable(INDEX_COLUMNS, rows, true);
  }

  // ---- functions ----

  private RowsTable functions(List<String> a) {
    List<List<?>> rows = new ArrayList<>();
    if (catalogMatches(a.get(0))) {
      JdbcPattern sp = JdbcPattern.of(a.get(1));
      JdbcPattern fp = JdbcPattern.of(a.get(2));
      Map<String, CalciteSchema> schemas = new LinkedHashMap<>();
      schemas.put("", session.rootSchema());
      schemas.putAll(schemaMap());
      schemas.forEach((name, schema) -> {
        // Functions of the root are called without a schema: JDBC's null schema.
        if (name.isEmpty() ? a.get(1) != null && !a.get(1).equals("%") : !sp.matches(name)) {
          return;
        }
        for (String f : schema.getFunctionNames()) {
          if (fp.matches(f)) {
            rows.add(Arrays.asList(catalog(), name.isEmpty() ? null : name, f, null,
                (short) DatabaseMetaData.functionReturnsTable, f));
          }
        }
      });
    }
    rows.sort(Comparator.comparing((List<?> r) -> r.get(1) == null ? "" : (String) r.get(1))
        .thenComparing(r -> (String) r.get(2)));
    return new RowsTable(FUNCTION_COLUMNS, rows, true);
  }

  private static TableMacro fn(List<String> params, Function<List<String>, RowsTable> body) {
    List<Macros.Param> ps = params.stream().map(p -> new Macros.Param(p, String.class, true))
        .toList();
    return Macros.metadata(ps, args -> body.apply(args.stream()
        .map(x -> x == null ? null : x.toString()).toList()));
  }
}
