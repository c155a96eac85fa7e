package io.asklayer.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.asklayer.demo.TestWarehouse;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Questions through the shipped driver: row-level security holds for ASK as for SQL (the issue's
 * check: "show me all sales in 2024" is North's total for the North manager and the company's for
 * the analyst, each equal to DuckDB's own sum), and a question's warnings reach the client as
 * {@link SQLWarning}s on the statement.
 */
class AskThroughDriverTest {
  private static final String REVENUE_2024 = "SELECT CAST(ROUND(SUM(s.quantity * s.unit_price "
      + "* (1 - s.discount) * f.usd_per_unit), 2) AS DECIMAL(38, 2)) FROM sales_transactions s "
      + "JOIN fx_rates f ON f.currency = s.currency AND f.rate_date = s.order_date "
      + "WHERE s.order_date >= DATE '2024-01-01' AND s.order_date < DATE '2025-01-01'";

  private static Connection as(String user) throws SQLException {
    return DriverManager.getConnection("jdbc:asklayer:user=" + user + ";today=2025-12-31;"
        + "warehouse=" + TestWarehouse.url());
  }

  private static BigDecimal one(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).as(sql).isTrue();
      BigDecimal v = rs.getBigDecimal(1);
      assertThat(rs.next()).as("one row from %s", sql).isFalse();
      return v;
    }
  }

  private static BigDecimal direct(String sql) throws SQLException {
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    try (Connection c = DriverManager.getConnection(TestWarehouse.url(), p)) {
      return one(c, sql);
    }
  }

  @Test
  void allSalesAreTheNorthManagersNorthAndTheAnalystsCompany() throws SQLException {
    BigDecimal north;
    BigDecimal company;
    try (Connection c = as("north_manager")) {
      north = one(c, "ASK 'show me all sales in 2024'");
    }
    try (Connection c = as("analyst")) {
      company = one(c, "ASK 'show me all sales in 2024'");
    }
    assertThat(north).isEqualByComparingTo(direct(REVENUE_2024 + " AND s.region_id = 1"));
    assertThat(company).isEqualByComparingTo(direct(REVENUE_2024));
    assertThat(north).isLessThan(company);
  }

  @Test
  void aRangeOutsideTheDataComesWithAWarning() throws SQLException {
    try (Connection c = as("analyst"); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("ASK 'revenue in 2026'")) {
        assertThat(rs.next()).isTrue();
      }
      SQLWarning w = s.getWarnings();
      assertThat((Throwable) w).isNotNull();
      assertThat(w.getMessage()).contains("The data covers 2023-01-01 to 2025-12-31");
      assertThat(w.getSQLState()).isEqualTo("01000");
      // The next statement has its own warnings: none.
      s.executeQuery("ASK 'revenue in 2025'").close();
      assertThat((Throwable) s.getWarnings()).isNull();
    }
  }

  @Test
  void aPreparedQuestionKeepsItsWarningAcrossExecutions() throws SQLException {
    try (Connection c = as("analyst");
        PreparedStatement p = c.prepareStatement("ASK 'revenue in 2026'")) {
      assertThat((Throwable) p.getWarnings()).isNotNull();
      p.executeQuery().close();
      p.executeQuery().close();
      assertThat((Throwable) p.getWarnings()).isNotNull();
      p.clearWarnings();
      assertThat((Throwable) p.getWarnings()).isNull();
    }
  }
}
