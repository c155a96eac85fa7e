package io.asklayer.engine.warehouse;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.adapter.jdbc.JdbcTable;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rel.type.RelDataTypeImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.schema.Table;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.util.BuiltInMethod;
import org.apache.calcite.util.ImmutableBitSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open warehouse: read-only connections, its dialect, and its tables with their row types read
 * once at open (Calcite's {@link JdbcSchema} would re-read them on every prepare). All tables share
 * one {@link JdbcConvention}, so joins between them push down together.
 */
public final class Warehouse implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Warehouse.class);

  private final String url;
  private final WarehouseKind kind;
  private final String schemaName;
  private final ReadOnlyDataSource dataSource;
  private final Map<String, WarehouseTable> tables;
  private final String memoryLimit;

  private Warehouse(String url, WarehouseKind kind, String schemaName,
      ReadOnlyDataSource dataSource, Map<String, WarehouseTable> tables, String memoryLimit) {
    this.memoryLimit = memoryLimit;
    this.url = url;
    this.kind = kind;
    this.schemaName = schemaName;
    this.dataSource = dataSource;
    this.tables = tables;
  }

  /**
   * Opens a warehouse read-only and reads its table metadata.
   *
   * @param url JDBC URL of the warehouse
   * @param calciteSchemaName name of the schema the tables appear in to queries
   * @param warehouseSchema schema inside the warehouse whose tables are exposed, or null for the
   *     kind's default
   * @param memoryLimit most memory an embedded DuckDB may use, as its {@code memory_limit} takes
   *     it ({@code 4GB}, {@code 25%}); a server warehouse keeps the limits its operators set
   */
  static Warehouse open(String url, String calciteSchemaName, String warehouseSchema,
      String memoryLimit) throws SQLException {
    WarehouseKind kind = WarehouseKind.of(url);
    if (kind == null) {
      throw new IllegalArgumentException("not a supported warehouse URL: " + url);
    }
    String schema = warehouseSchema != null ? warehouseSchema : kind.defaultSchema();
    ReadOnlyDataSource ds = switch (kind) {
      case DUCKDB -> new DuckDbDataSource(url, memoryLimit);
      case POSTGRESQL -> {
        Properties p = new Properties();
        // Read-only even in autocommit mode, which is how generated queries run.
        p.setProperty("readOnly", "true");
        p.setProperty("readOnlyMode", "always");
        yield new PooledDataSource(url, p);
      }
      case SNOWFLAKE -> new PooledDataSource(url, new Properties());
    };
    try {
      long t0 = System.nanoTime();
      SqlDialect dialect = kind.dialect();
      // Generated code reaches the data source through this expression:
      // root.getSubSchema(calciteSchemaName), unwrapped to DataSource by WarehouseSchema.
      Expression expression = Expressions.call(
          Expressions.call(org.apache.calcite.DataContext.ROOT,
              BuiltInMethod.DATA_CONTEXT_GET_ROOT_SCHEMA.method),
          BuiltInMethod.SCHEMA_GET_SUB_SCHEMA.method, Expressions.constant(calciteSchemaName));
      JdbcConvention convention = new WarehouseConvention(dialect, expression, calciteSchemaName);
      JdbcSchema jdbcSchema = new JdbcSchema(ds, dialect, convention, null, schema);
      Map<String, Long> rowCounts = rowCounts(ds, kind, schema);
      Map<String, List<String>> keys = primaryKeys(ds, schema, rowCounts.keySet());
      JavaTypeFactory typeFactory = new JavaTypeFactoryImpl();
      Map<String, WarehouseTable> tables = new LinkedHashMap<>();
      for (String name : new TreeMap<>(rowCounts).keySet()) {
        Table t = jdbcSchema.tables().get(name);
        if (!(t instanceof JdbcTable jdbcTable)) {
          continue;
        }
        RelDataType rowType = unboundedStrings(jdbcTable.getRowType(typeFactory), typeFactory);
        tables.put(name, new WarehouseTable(name, jdbcTable, convention,
            RelDataTypeImpl.proto(rowType),
            rowCounts.get(name), keyOrdinals(rowType, keys.get(name))));
      }
      LOG.debug("Opened {} warehouse {} with {} tables in {} ms", kind, url, tables.size(),
          (System.nanoTime() - t0) / 1_000_000);
      return new Warehouse(url, kind, schema, ds, Collections.unmodifiableMap(tables),
          memoryLimit);
    } catch (SQLException | RuntimeException e) {
      ds.close();
      throw e;
    }
  }

  /**
   * DuckDB reports no length for VARCHAR columns, which Calcite reads as VARCHAR(0): a type that
   * truncates every string cast to it. Such columns become VARCHAR without a length.
   */
  private static RelDataType unboundedStrings(RelDataType row, JavaTypeFactory typeFactory) {
    RelDataTypeFactory.Builder b = typeFactory.builder();
    for (RelDataTypeField f : row.getFieldList()) {
      RelDataType t = f.getType();
      if (SqlTypeUtil.inCharFamily(t) && t.getPrecision() == 0) {
        t = typeFactory.createTypeWithNullability(
            typeFactory.createSqlType(SqlTypeName.VARCHAR), t.isNullable());
      }
      b.add(f.getName(), t);
    }
    return b.build();
  }

  /**
   * Declared primary keys by table. The planner's row-count estimates use them: a join to a table
   * on its key does not multiply rows, which is what keeps whole queries in the warehouse.
   */
  private static Map<String, List<String>> primaryKeys(ReadOnlyDataSource ds, String schema,
      java.util.Set<String> tables) throws SQLException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    try (Connection c = ds.getConnection()) {
      for (String t : tables) {
        TreeMap<Integer, String> columns = new TreeMap<>();
        try (ResultSet rs = c.getMetaData().getPrimaryKeys(null, schema, t)) {
          while (rs.next()) {
            columns.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
          }
        }
        if (!columns.isEmpty()) {
          out.put(t, List.copyOf(columns.values()));
        }
      }
    }
    return out;
  }

  private static List<ImmutableBitSet> keyOrdinals(RelDataType rowType, List<String> key) {
    if (key == null) {
      return List.of();
    }
    ImmutableBitSet.Builder b = ImmutableBitSet.builder();
    for (String column : key) {
      RelDataTypeField f = rowType.getField(column, false, false);
      if (f == null) {
        return List.of();
      }
      b.set(f.getIndex());
    }
    return List.of(b.build());
  }

  /** Table names and (estimated) row counts of one warehouse schema. */
  private static Map<String, Long> rowCounts(ReadOnlyDataSource ds, WarehouseKind kind,
      String schema) throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection c = ds.getConnection()) {
      if (kind == WarehouseKind.DUCKDB) {
        // DuckDB keeps exact counts in its catalog; reading them costs nothing.
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT table_name, estimated_size FROM duckdb_tables() "
                + "WHERE schema_name = '" + schema.replace("'", "''") + "' AND NOT temporary")) {
          while (rs.next()) {
            counts.put(rs.getString(1), rs.getLong(2));
          }
        }
      } else {
        try (ResultSet rs = c.getMetaData().getTables(null, schema, "%",
            new String[] {"TABLE", "VIEW"})) {
          while (rs.next()) {
            counts.put(rs.getString(3), 100_000L);
          }
        }
      }
    }
    return counts;
  }

  public String url() {
    return url;
  }

  /** The memory limit the warehouse was opened with. */
  public String memoryLimit() {
    return memoryLimit;
  }

  public WarehouseKind kind() {
    return kind;
  }

  /** A plan over this warehouse's tables, written as one SQL statement in its dialect. */
  public String sql(org.apache.calcite.rel.RelNode rel) {
    return new org.apache.calcite.rel.rel2sql.RelToSqlConverter(dialect()).visitRoot(rel)
        .asStatement().toSqlString(dialect()).getSql();
  }

  public SqlDialect dialect() {
    return kind.dialect();
  }

  /** The schema inside the warehouse whose tables are exposed. */
  public String schemaName() {
    return schemaName;
  }

  /** Tables by name, in name order. */
  public Map<String, WarehouseTable> tables() {
    return tables;
  }

  /** Read-only connections to the warehouse. */
  public javax.sql.DataSource dataSource() {
    return dataSource;
  }

  @Override public void close() throws SQLException {
    dataSource.close();
  }
}
