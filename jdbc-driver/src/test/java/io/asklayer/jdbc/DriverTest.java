package io.asklayer.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.asklayer.demo.TestWarehouse;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The driver behaves as JDBC clients and BI tools expect, through DriverManager. */
class DriverTest {
  static final String URL = "jdbc:asklayer:user=analyst;warehouse=" + TestWarehouse.url();
  private static Connection connection;

  @BeforeAll
  static void open() throws SQLException {
    connection = DriverManager.getConnection(URL);
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  private static List<String> column(ResultSet rs, String name) throws SQLException {
    List<String> out = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        out.add(rs.getString(name));
      }
    }
    return out;
  }

  @Test
  void registersThroughServiceLoaderAndAcceptsOnlyItsPrefix() throws SQLException {
    assertThat(DriverManager.getDriver("jdbc:asklayer:user=x")).isInstanceOf(Driver.class);
    Driver d = new Driver();
    assertThat(d.acceptsURL("jdbc:asklayer:")).isTrue();
    assertThat(d.acceptsURL("jdbc:calcite:")).isFalse();
    assertThat(d.connect("jdbc:duckdb:", new Properties())).isNull();
    assertThat(d.getPropertyInfo(URL, new Properties())).extracting(p -> p.name)
        .containsExactly("user", "warehouse", "model", "today", "password", "llm", "llm_url",
            "llm_model", "llm_key", "llm_timeout_seconds");
    // A remote URL takes other keys, and a tool listing them (SchemaCrawler, DBeaver) gets those.
    assertThat(d.getPropertyInfo(Driver.REMOTE_PREFIX + "url=http://127.0.0.1:8765",
        new Properties())).extracting(p -> p.name).containsExactlyElementsOf(Driver.REMOTE_KEYS);
  }

  @Test
  void queriesTheWarehouse() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT r.region_name, COUNT(*) AS n FROM sales_transactions "
            + "s JOIN regions r ON r.region_id = s.region_id GROUP BY 1 ORDER BY 1")) {
      assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("region_name");
      assertThat(rs.getMetaData().getColumnType(2)).isEqualTo(Types.BIGINT);
      List<String> regions = new ArrayList<>();
      long total = 0;
      while (rs.next()) {
        regions.add(rs.getString(1));
        total += rs.getLong(2);
      }
      assertThat(regions).containsExactly("Central", "East", "North", "South", "West");
      assertThat(total).isBetween(95_000L, 105_000L);
      assertThat(rs.getStatement()).isSameAs(s);
      assertThat(s.getConnection()).isSameAs(connection);
    }
  }

  @Test
  void preparedStatementsTakeParameters() throws SQLException {
    try (PreparedStatement p = connection.prepareStatement(
        "SELECT COUNT(*) FROM stores s JOIN regions r ON r.region_id = s.region_id "
            + "WHERE r.region_name = ?")) {
      assertThat(p.getParameterMetaData().getParameterCount()).isEqualTo(1);
      for (String region : new String[] {"North", "Central", "Atlantis"}) {
        p.setString(1, region);
        try (ResultSet rs = p.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).as(region).isEqualTo(region.equals("Atlantis") ? 0 : 8);
        }
      }
    }
  }

  /**
   * A timestamp's result precision is its length written out, as getColumns gives it; a served
   * connection (the Avatica server's) keeps the fractional digits, which Avatica's protocol
   * carries and its client formats values with.
   */
  @Test
  void timePrecisionIsJdbcsForClientsAndAvaticasForTheServer() throws SQLException {
    String sql = "SELECT TIMESTAMP '2025-12-31 23:59:59.125' AS ts, DATE '2025-12-31' AS d";
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertThat(List.of(rs.getMetaData().getPrecision(1), rs.getMetaData().getScale(1),
          rs.getMetaData().getPrecision(2))).containsExactly(23, 3, 10);
    }
    try (Connection served = Driver.connectServed(URL, new Properties());
        Statement s = served.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertThat(List.of(rs.getMetaData().getPrecision(1), rs.getMetaData().getPrecision(2)))
          .containsExactly(3, 0);
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("2025-12-31 23:59:59.125");
    }
  }

  @Test
  void describesItselfAsAsklayer() throws SQLException {
    DatabaseMetaData md = connection.getMetaData();
    assertThat(md.getDatabaseProductName()).isEqualTo("Asklayer");
    assertThat(md.getDatabaseProductVersion()).matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(md.getDriverName()).isEqualTo("Asklayer JDBC Driver");
    assertThat(md.getURL()).isEqualTo(URL);
    assertThat(md.getUserName()).isEqualTo("analyst");
    assertThat(md.getIdentifierQuoteString()).isEqualTo("\"");
    assertThat(md.getConnection()).isSameAs(connection);
    assertThat(connection.isValid(1)).isTrue();
    assertThat(connection.getSchema()).isEqualTo("retail");
  }

  @Test
  void listsSchemasTablesAndColumns() throws SQLException {
    DatabaseMetaData md = connection.getMetaData();
    assertThat(column(md.getSchemas(), "TABLE_SCHEM")).contains("retail");
    assertThat(column(md.getTableTypes(), "TABLE_TYPE")).contains("TABLE");
    assertThat(column(md.getTables(null, "retail", "%", new String[] {"TABLE"}), "TABLE_NAME"))
        .contains("customers", "fx_rates", "product_master", "product_reviews", "regions",
            "returns", "sales_transactions", "stores", "suppliers");
    Map<String, Integer> columns = new LinkedHashMap<>();
    try (ResultSet rs = md.getColumns(null, "retail", "sales_transactions", "%")) {
      while (rs.next()) {
        columns.put(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"));
      }
    }
    assertThat(columns.keySet()).containsExactly("order_id", "line_number", "order_date",
        "date_key", "region_id", "store_id", "channel", "customer_id", "sku", "quantity",
        "unit_price", "discount", "currency");
    assertThat(columns.get("order_date")).isEqualTo(Types.DATE);
    assertThat(columns.get("unit_price")).isEqualTo(Types.DECIMAL);
    assertThat(columns.get("quantity")).isEqualTo(Types.INTEGER);
    assertThat(column(md.getTypeInfo(), "TYPE_NAME")).contains("INTEGER", "VARCHAR", "DATE",
        "DECIMAL");
  }

  @Test
  void sessionSettingsThatToolsSendAreAccepted() throws SQLException {
    connection.setAutoCommit(true);
    assertThat(connection.getAutoCommit()).isTrue();
    connection.setReadOnly(true);
    assertThat(connection.isReadOnly()).isTrue();
    connection.getTransactionIsolation();
    connection.getCatalog();
    connection.clearWarnings();
    assertThat(connection.unwrap(Connection.class)).isSameAs(connection);
  }
}
