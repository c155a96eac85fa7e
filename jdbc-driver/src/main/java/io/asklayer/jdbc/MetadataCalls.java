package io.asklayer.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link java.sql.DatabaseMetaData} calls answered by the engine's {@code asklayer.jdbc_*} table
 * functions, the same way embedded and over the network: a call becomes one query of its function
 * with the call's arguments as literals. Avatica's protocol carries only some metadata calls (none
 * for keys, indexes or functions), and Calcite's own answers run table functions and ignore
 * patterns; this keeps both out of the way.
 */
final class MetadataCalls {
  /** A metadata method: its function and the names of the arguments passed on, in order. */
  private record Call(String function, List<String> params) {
  }

  private static final List<String> CATALOG_SCHEMA_TABLE = List.of("catalog_name", "schema_name", "table_name");

  private static final Map<String, Call> CALLS = Map.ofEntries(
      Map.entry("getCatalogs/0", new Call("jdbc_catalogs", List.of())),
      Map.entry("getSchemas/0", new Call("jdbc_schemas", List.of())),
      Map.entry("getSchemas/2", new Call("jdbc_schemas", List.of("catalog", "schema_pattern"))),
      Map.entry("getTableTypes/0", new Call("jdbc_table_types", List.of())),
      Map.entry("getTables/4", new Call("jdbc_tables", List.of("catalog", "schema_pattern",
          "table_pattern", "types"))),
      Map.entry("getColumns/4", new Call("jdbc_columns", List.of("catalog", "schema_pattern",
          "table_pattern", "column_pattern"))),
      Map.entry("getPrimaryKeys/3", new Call("jdbc_primary_keys", CATALOG_SCHEMA_TABLE)),
      Map.entry("getImportedKeys/3", new Call("jdbc_imported_keys", CATALOG_SCHEMA_TABLE)),
      Map.entry("getExportedKeys/3", new Call("jdbc_exported_keys", CATALOG_SCHEMA_TABLE)),
      Map.entry("getCrossReference/6", new Call("jdbc_cross_reference", List.of("parent_catalog",
          "parent_schema", "parent_table", "foreign_catalog", "foreign_schema",
          "foreign_table"))),
      // Every index is the unique one of a primary key, so unique-only and approximate change
      // nothing.
      Map.entry("getIndexInfo/5", new Call("jdbc_index_info", CATALOG_SCHEMA_TABLE)),
      Map.entry("getFunctions/3", new Call("jdbc_functions", List.of("catalog", "schema_pattern",
          "function_pattern"))),
      Map.entry("getProcedures/3", new Call("jdbc_procedures", List.of("catalog",
          "schema_pattern", "procedure_pattern"))));

  private MetadataCalls() {
  }

  /** Whether the engine answers this method. */
  static boolean answers(String method, int arity) {
    return CALLS.containsKey(method + "/" + arity);
  }

  /** The query answering a metadata call: {@code SELECT * FROM TABLE(asklayer.jdbc_tables(...))}. */
  static String query(String method, Object[] args) {
    Call call = CALLS.get(method + "/" + (args == null ? 0 : args.length));
    List<String> named = new ArrayList<>();
    for (int i = 0; i < call.params().size(); i++) {
      Object a = args[i];
      if (a instanceof String[] types) {
        a = String.join(",", types);
      }
      if (a != null) {
        named.add(call.params().get(i) + " => '" + a.toString().replace("'", "''") + "'");
      }
    }
    return "SELECT * FROM TABLE(\"asklayer\".\"" + call.function() + "\"("
        + String.join(", ", named) + "))";
  }

  /** Runs a metadata call's query; the statement closes with its result set. */
  static ResultSet run(Connection connection, String method, Object[] args) throws SQLException {
    Statement s = connection.createStatement();
    try {
      ResultSet rs = s.executeQuery(query(method, args));
      s.closeOnCompletion();
      return rs;
    } catch (SQLException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /** The connection's one catalog, as {@code getCatalogs} lists it. */
  static String catalog(Connection connection) throws SQLException {
    try (ResultSet rs = run(connection, "getCatalogs", null)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /** The schema named {@code name}, ignoring case as SQL identifiers do, or null. */
  static String schema(Connection connection, String name) throws SQLException {
    String found = null;
    try (ResultSet rs = run(connection, "getSchemas", null)) {
      while (rs.next()) {
        String s = rs.getString(1);
        if (s.equals(name)) {
          return s;
        }
        if (s.equalsIgnoreCase(name)) {
          found = s;
        }
      }
    }
    return found;
  }
}
