package io.asklayer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asklayer.demo.TestWarehouse;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link DatabaseMetaData} a BI tool or SQL client reads, the same through the embedded driver
 * and over the network (JSON and protobuf): patterns honoured, plain type names, the one catalog,
 * the model's keys, only what the principal may see, and no table function run to answer.
 */
class MetadataTest {
  private static TestServers servers;

  @BeforeAll
  static void start() throws Exception {
    servers = TestServers.start();
  }

  @AfterAll
  static void stop() throws Exception {
    servers.close();
  }

  static Stream<String> modes() {
    return TestServers.modes();
  }

  static Connection connect(String mode, String user) throws SQLException {
    return servers.connect(mode, user);
  }

  /** Rows as maps of the named columns, as strings. */
  static List<Map<String, String>> rows(ResultSet rs, String... columns) throws SQLException {
    List<Map<String, String>> out = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        Map<String, String> row = new LinkedHashMap<>();
        for (String c : columns) {
          row.put(c, rs.getString(c));
        }
        out.add(row);
      }
    }
    return out;
  }

  static List<String> column(ResultSet rs, String name) throws SQLException {
    return rows(rs, name).stream().map(r -> r.get(name)).toList();
  }

  @ParameterizedTest
  @MethodSource("modes")
  void tablePatternsAreHonouredAndNoFunctionIsListed(String mode) throws SQLException {
    try (Connection c = connect(mode, "analyst")) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(rows(md.getTables(null, null, "regions", null), "TABLE_CAT", "TABLE_SCHEM",
          "TABLE_NAME", "TABLE_TYPE")).containsExactly(Map.of("TABLE_CAT", "retail",
          "TABLE_SCHEM", "retail", "TABLE_NAME", "regions", "TABLE_TYPE", "TABLE"));
      assertThat(column(md.getColumns(null, null, "regions", null), "COLUMN_NAME"))
          .containsExactly("region_id", "region_name");
      assertThat(column(md.getTables(null, "retail", "s%", null), "TABLE_NAME"))
          .containsExactly("sales_transactions", "stores", "supplier_emails", "suppliers");
      // '_' is any one character; escaped, only itself.
      assertThat(column(md.getTables(null, "retail", "s_ores", null), "TABLE_NAME"))
          .containsExactly("stores");
      String escape = md.getSearchStringEscape();
      assertThat(column(md.getTables(null, "retail", "sales" + escape + "_%", null),
          "TABLE_NAME")).containsExactly("sales_transactions");
      assertThat(column(md.getTables(null, "retail", "sales" + escape + "%", null),
          "TABLE_NAME")).isEmpty();
      assertThat(column(md.getTables(null, "%", "%", new String[] {"VIEW"}), "TABLE_NAME"))
          .containsExactlyInAnyOrder("sales", "returns", "reviews");
      assertThat(column(md.getTables(null, null, null, null), "TABLE_NAME"))
          .doesNotContain("show_metrics", "show_dimensions", "show_model", "jdbc_tables");
      assertThat(column(md.getTables("retail", "retail", "regions", null), "TABLE_NAME"))
          .containsExactly("regions");
      assertThat(column(md.getTables("other", null, "regions", null), "TABLE_NAME")).isEmpty();
      assertThat(column(md.getTables("", null, "regions", null), "TABLE_NAME")).isEmpty();
      assertThat(column(md.getColumns(null, "retail", "sales_transactions", "%_id"),
          "COLUMN_NAME")).containsExactly("order_id", "region_id", "store_id", "customer_id");
      assertThat(column(md.getSchemas(null, "sem%"), "TABLE_SCHEM")).containsExactly("semantic");
    }
  }

  @ParameterizedTest
  @MethodSource("modes")
  void columnsCarryPlainTypesLikeDuckDbs(String mode) throws SQLException {
    Map<String, Map<String, String>> duck = new LinkedHashMap<>();
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    String[] cols = {"COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "DECIMAL_DIGITS", "NULLABLE",
        "IS_NULLABLE", "ORDINAL_POSITION"};
    try (Connection d = DriverManager.getConnection(TestWarehouse.url(), p)) {
      for (Map<String, String> r : rows(d.getMetaData().getColumns(null, "main",
          "fx_rates", null), cols)) {
        // DuckDB's TYPE_NAME carries precision and scale (DECIMAL(12,6)); JDBC's is the name.
        r.put("TYPE_NAME", r.get("TYPE_NAME").replaceFirst("\\(.*", ""));
        duck.put(r.get("COLUMN_NAME"), r);
      }
    }
    try (Connection c = connect(mode, "analyst")) {
      List<Map<String, String>> ours = rows(c.getMetaData().getColumns(null, "retail",
          "fx_rates", null), cols);
      assertThat(ours).containsExactlyElementsOf(duck.values());
      assertThat(rows(c.getMetaData().getColumns(null, "retail", "fx_rates", "usd_per_unit"),
          "TYPE_NAME", "COLUMN_SIZE", "DECIMAL_DIGITS", "NUM_PREC_RADIX", "IS_AUTOINCREMENT",
          "IS_GENERATEDCOLUMN")).containsExactly(Map.of("TYPE_NAME", "DECIMAL", "COLUMN_SIZE",
          "12", "DECIMAL_DIGITS", "6", "NUM_PREC_RADIX", "10", "IS_AUTOINCREMENT", "NO",
          "IS_GENERATEDCOLUMN", "NO"));
      assertThat(column(c.getMetaData().getColumns(null, "retail", "regions", "region_name"),
          "REMARKS")).containsExactly("One of North, South, East, West, Central.");
      assertThat(column(c.getMetaData().getTables(null, "retail", "fx_rates", null),
          "REMARKS")).containsExactly("USD value of one unit of each currency, every day.");
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT usd_per_unit, rate_date, currency FROM fx_rates "
              + "LIMIT 1")) {
        ResultSetMetaData m = rs.getMetaData();
        assertThat(List.of(m.getColumnTypeName(1), m.getColumnTypeName(2),
            m.getColumnTypeName(3))).containsExactly("DECIMAL", "DATE", "VARCHAR");
        assertThat(m.getPrecision(1)).isEqualTo(12);
        assertThat(m.getScale(1)).isEqualTo(6);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("modes")
  void oneCatalogNamedAfterTheModel(String mode) throws SQLException {
    try (Connection c = connect(mode, "analyst")) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(column(md.getCatalogs(), "TABLE_CAT")).containsExactly("retail");
      assertThat(c.getCatalog()).isEqualTo("retail");
      assertThat(c.getSchema()).isEqualTo("retail");
      assertThat(rows(md.getSchemas(), "TABLE_SCHEM", "TABLE_CATALOG")).containsExactly(
          Map.of("TABLE_SCHEM", "asklayer", "TABLE_CATALOG", "retail"),
          Map.of("TABLE_SCHEM", "retail", "TABLE_CATALOG", "retail"),
          Map.of("TABLE_SCHEM", "semantic", "TABLE_CATALOG", "retail"));
      c.setCatalog("retail");
      assertThatThrownBy(() -> c.setCatalog("sales")).isInstanceOf(SQLException.class)
          .hasMessage("There is no catalog 'sales': the only catalog is 'retail'.");
      c.setSchema("SEMANTIC");
      assertThat(c.getSchema()).isEqualTo("semantic");
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT region, AGGREGATE(revenue) FROM sales GROUP BY region")) {
        assertThat(rs.next()).isTrue();
      }
      assertThatThrownBy(() -> c.setSchema("nowhere")).isInstanceOf(SQLException.class)
          .hasMessageStartingWith("There is no schema 'nowhere'");
      assertThat(c.getSchema()).isEqualTo("semantic");
      assertThat(column(md.getTableTypes(), "TABLE_TYPE")).containsExactly("TABLE", "VIEW");
      assertThat(rows(md.getFunctions(null, "asklayer", "show%"), "FUNCTION_SCHEM",
          "FUNCTION_NAME")).containsExactly(
          Map.of("FUNCTION_SCHEM", "asklayer", "FUNCTION_NAME", "show_dimensions"),
          Map.of("FUNCTION_SCHEM", "asklayer", "FUNCTION_NAME", "show_metrics"),
          Map.of("FUNCTION_SCHEM", "asklayer", "FUNCTION_NAME", "show_model"));
      assertThat(column(md.getFunctions(null, null, "ask"), "FUNCTION_TYPE"))
          .containsExactly(String.valueOf(DatabaseMetaData.functionReturnsTable));
      assertThat(column(md.getProcedures(null, null, null), "PROCEDURE_NAME")).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("modes")
  void theProductDescribesItself(String mode) throws SQLException {
    try (Connection c = connect(mode, "analyst")) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(md.getDatabaseProductName()).isEqualTo("Asklayer");
      assertThat(md.getDriverName()).isEqualTo("Asklayer JDBC Driver");
      assertThat(md.isReadOnly()).isTrue();
      assertThat(md.supportsTransactions()).isTrue();
      assertThat(md.getDefaultTransactionIsolation())
          .isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
      assertThat(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_READ_COMMITTED))
          .isTrue();
      assertThat(md.supportsCatalogsInDataManipulation()).isFalse();
      assertThat(md.supportsSchemasInDataManipulation()).isTrue();
      assertThat(md.storesMixedCaseIdentifiers()).isTrue();
      assertThat(md.supportsMixedCaseIdentifiers()).isFalse();
      assertThat(md.getIdentifierQuoteString()).isEqualTo("\"");
      assertThat(md.getSearchStringEscape()).isEqualTo("\\");
      assertThat(md.supportsStoredProcedures()).isFalse();
      assertThat(md.getSQLKeywords()).isNotBlank();
    }
  }

  /**
   * Every {@link DatabaseMetaData} getter a tool may read to describe the database (SchemaCrawler
   * reads them all): none fails, and each answers over the network as it does embedded. The
   * result-set visibility getters ({@code ownUpdatesAreVisible(type)}, ...) and {@code
   * supportsResultSetHoldability} failed with an internal error, and the version numbers were
   * Avatica's client's over the network.
   */
  @ParameterizedTest
  @MethodSource("modes")
  void everyGetterAnswersAsEmbedded(String mode) throws Exception {
    Map<String, Object> embedded = getters("embedded");
    assertThat(embedded).hasSizeGreaterThan(150);
    assertThat(getters(mode)).isEqualTo(embedded);
  }

  private static Map<String, Object> getters(String mode) throws Exception {
    Map<String, Object> out = new java.util.TreeMap<>();
    try (Connection c = connect(mode, "analyst")) {
      DatabaseMetaData md = c.getMetaData();
      for (java.lang.reflect.Method m : DatabaseMetaData.class.getMethods()) {
        Class<?> r = m.getReturnType();
        boolean value = r.isPrimitive() || r == String.class || r == java.sql.RowIdLifetime.class;
        if (!value || m.getName().equals("getURL")) {
          continue; // the URL names the transport; result sets are the metadata suite's
        }
        try {
          if (m.getParameterCount() == 0) {
            out.put(m.getName(), m.invoke(md));
          } else if (m.getParameterCount() == 1 && m.getParameterTypes()[0] == int.class) {
            int[] values = m.getName().equals("supportsResultSetHoldability")
                ? new int[] {ResultSet.HOLD_CURSORS_OVER_COMMIT, ResultSet.CLOSE_CURSORS_AT_COMMIT}
                : m.getName().equals("supportsTransactionIsolationLevel")
                ? new int[] {Connection.TRANSACTION_READ_COMMITTED,
                    Connection.TRANSACTION_SERIALIZABLE}
                : new int[] {ResultSet.TYPE_FORWARD_ONLY, ResultSet.TYPE_SCROLL_INSENSITIVE,
                    ResultSet.TYPE_SCROLL_SENSITIVE};
            for (int type : values) {
              out.put(m.getName() + "(" + type + ")", m.invoke(md, type));
            }
          }
        } catch (java.lang.reflect.InvocationTargetException e) {
          throw new AssertionError(mode + ": " + m.getName() + " failed", e.getCause());
        }
      }
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("modes")
  void theUrlNamesThisDriverAndNoPassword(String mode) throws SQLException {
    try (Connection c = connect(mode, "analyst")) {
      String url = c.getMetaData().getURL();
      assertThat(DriverManager.getDriver(url)).isInstanceOf(io.asklayer.jdbc.Driver.class);
      if (!mode.equals("embedded")) {
        // Avatica's connection said jdbc:avatica:remote:, which names Avatica's driver.
        assertThat(url).isEqualTo((mode.equals("json") ? servers.json : servers.protobuf)
            .jdbcUrl() + ";user=analyst").doesNotContain("demo");
      }
      // Metadata tools read this as "tables live in schemas" (SchemaCrawler saw none without it).
      assertThat(c.getMetaData().supportsSchemasInTableDefinitions()).isTrue();
      assertThat(c.getMetaData().supportsCatalogsInTableDefinitions()).isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("modes")
  void keysComeFromTheModel(String mode) throws SQLException {
    try (Connection c = connect(mode, "analyst")) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(rows(md.getPrimaryKeys(null, "retail", "fx_rates"), "COLUMN_NAME", "KEY_SEQ",
          "PK_NAME")).containsExactly(
          Map.of("COLUMN_NAME", "currency", "KEY_SEQ", "1", "PK_NAME", "fx_rates_pkey"),
          Map.of("COLUMN_NAME", "rate_date", "KEY_SEQ", "2", "PK_NAME", "fx_rates_pkey"));
      assertThat(rows(md.getImportedKeys(null, "retail", "returns"), "PKTABLE_NAME",
          "PKCOLUMN_NAME", "FKCOLUMN_NAME", "KEY_SEQ")).containsExactly(
          Map.of("PKTABLE_NAME", "sales_transactions", "PKCOLUMN_NAME", "order_id",
              "FKCOLUMN_NAME", "order_id", "KEY_SEQ", "1"),
          Map.of("PKTABLE_NAME", "sales_transactions", "PKCOLUMN_NAME", "line_number",
              "FKCOLUMN_NAME", "line_number", "KEY_SEQ", "2"));
      assertThat(rows(md.getImportedKeys(null, "retail", "sales_transactions"),
          "PKTABLE_NAME", "FKCOLUMN_NAME").stream().map(r -> r.get("PKTABLE_NAME") + "."
          + r.get("FKCOLUMN_NAME")).toList()).containsExactly("customers.customer_id",
          "fx_rates.currency", "fx_rates.order_date", "product_master.sku", "regions.region_id",
          "stores.store_id");
      assertThat(column(md.getExportedKeys(null, "retail", "regions"), "FKTABLE_NAME"))
          .containsExactlyInAnyOrder("customers", "policy_documents", "sales_transactions",
              "stores");
      assertThat(column(md.getCrossReference(null, "retail", "regions", null, "retail",
          "stores"), "FKCOLUMN_NAME")).containsExactly("region_id");
      assertThat(rows(md.getIndexInfo(null, "retail", "fx_rates", true, true), "INDEX_NAME",
          "NON_UNIQUE", "COLUMN_NAME")).containsExactly(
          Map.of("INDEX_NAME", "fx_rates_pkey", "NON_UNIQUE", "false", "COLUMN_NAME",
              "currency"),
          Map.of("INDEX_NAME", "fx_rates_pkey", "NON_UNIQUE", "false", "COLUMN_NAME",
              "rate_date"));
    }
  }

  @ParameterizedTest
  @MethodSource("modes")
  void metadataShowsOnlyWhatThePrincipalMaySee(String mode) throws SQLException {
    try (Connection c = connect(mode, "north_manager")) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(column(md.getTables(null, null, "%", null), "TABLE_NAME"))
          .doesNotContain("employees");
      assertThat(column(md.getColumns(null, null, "employees", null), "COLUMN_NAME")).isEmpty();
      assertThat(column(md.getPrimaryKeys(null, null, "employees"), "COLUMN_NAME")).isEmpty();
      assertThat(column(md.getExportedKeys(null, null, "regions"), "FKTABLE_NAME"))
          .doesNotContain("employees");
    }
    try (Connection c = connect(mode, "hr")) {
      assertThat(column(c.getMetaData().getTables(null, null, "employees", null), "TABLE_NAME"))
          .containsExactly("employees");
    }
  }
}
