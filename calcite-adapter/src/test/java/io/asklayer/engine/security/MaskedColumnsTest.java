package io.asklayer.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.asklayer.engine.session.EmbeddedDriver;
import io.asklayer.engine.testing.Rows;
import io.asklayer.engine.testing.TestEngine;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A masked column never shows a stored value, whatever is done to it; a denied table does not
 * exist for the principal; an unknown principal cannot connect; admin sees everything.
 */
class MaskedColumnsTest {
  /** Statements that try to get customer emails out, one way or another. */
  private static final String[] PROBES = {
      "SELECT * FROM customers",
      "SELECT email FROM customers",
      "SELECT c.* FROM customers c JOIN regions r ON r.region_id = c.region_id",
      "WITH t AS (SELECT email AS e FROM customers) SELECT e FROM t",
      "SELECT UPPER(email), LOWER(email), TRIM(email) FROM customers",
      "SELECT CHAR_LENGTH(email), POSITION('@' IN email) FROM customers",
      "SELECT SUBSTRING(email FROM 1 FOR 5) FROM customers",
      "SELECT email || '' FROM customers",
      "SELECT COALESCE(email, customer_name) FROM customers",
      "SELECT CASE WHEN email LIKE '%@example.com' THEN 'yes' ELSE 'no' END FROM customers",
      "SELECT email, COUNT(*) FROM customers GROUP BY email",
      "SELECT COUNT(DISTINCT email) FROM customers",
      "SELECT MIN(email), MAX(email) FROM customers",
      "SELECT email FROM customers ORDER BY email DESC LIMIT 5",
      "SELECT COUNT(*) FROM customers WHERE email LIKE '%@%'",
      "SELECT COUNT(*) FROM customers WHERE email = 'james.smith1@example.com'",
      "SELECT COUNT(*) FROM customers WHERE email > 'm'",
      "SELECT customer_id FROM customers WHERE email LIKE 'a%' ORDER BY 1",
      "SELECT CAST(email AS VARCHAR) FROM customers",
      "SELECT DISTINCT email FROM customers",
      "SELECT ROW_NUMBER() OVER (PARTITION BY email ORDER BY customer_id) FROM customers",
      "SELECT a.email FROM customers a JOIN customers b ON a.email = b.email "
          + "AND a.customer_id <> b.customer_id",
      "SELECT email FROM customers UNION SELECT email FROM customers",
      "SELECT (SELECT MAX(email) FROM customers) FROM regions",
      "SELECT s.order_id, c.email FROM sales_transactions s JOIN customers c "
          + "ON c.customer_id = s.customer_id LIMIT 20",
  };

  private static List<String> cells(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    for (List<Object> row : Rows.query(c, sql)) {
      row.forEach(v -> out.add(String.valueOf(v)));
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"analyst", "north_manager", "hr"})
  void maskedEmailsNeverShow(String user) throws SQLException {
    try (Connection c = TestEngine.connect(user)) {
      for (String sql : PROBES) {
        assertThat(cells(c, sql)).as("%s as %s", sql, user)
            .noneMatch(v -> v.contains("@") || v.contains("example"));
      }
      assertThat(Rows.query(c, "SELECT COUNT(DISTINCT email), MIN(CHAR_LENGTH(email)), "
          + "MAX(CHAR_LENGTH(email)) FROM customers"))
          .containsExactly(List.of(Rows.normalize(1), Rows.normalize(3), Rows.normalize(3)));
      assertThat(Rows.query(c, "SELECT COUNT(*) FROM customers WHERE email LIKE '%@%'"))
          .containsExactly(List.of(Rows.normalize(0)));
    }
  }

  @Test
  void adminSeesTheStoredEmails() throws SQLException {
    try (Connection c = TestEngine.connect("admin")) {
      assertThat(cells(c, "SELECT email FROM customers ORDER BY customer_id LIMIT 3"))
          .allMatch(v -> v.endsWith("@example.com"));
    }
  }

  @Test
  void aDeniedTableDoesNotExistForThePrincipal() throws SQLException {
    try (Connection c = TestEngine.connect("north_manager")) {
      SQLException e = catchThrowableOfType(SQLException.class,
          () -> Rows.query(c, "SELECT AVG(salary) FROM employees"));
      assertThat(e.getMessage()).contains("Object 'employees' not found");
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTables(null, null, "%", null)) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      assertThat(tables).contains("sales_transactions").doesNotContain("employees");
    }
    try (Connection c = TestEngine.connect("hr")) {
      assertThat(Rows.query(c, "SELECT COUNT(*) FROM employees").get(0).get(0).toString())
          .isEqualTo("200");
    }
  }

  @Test
  void theMetadataSnapshotShowsOnlyVisibleValues() throws SQLException {
    try (Connection c = TestEngine.connect("north_manager")) {
      assertThat(EmbeddedDriver.sessionOf(c).metadata().dimensions().get("city").values())
          .containsExactly("Chicago", "Detroit", "Duluth", "Fargo", "Green Bay", "Madison",
              "Milwaukee", "Minneapolis");
      assertThat(EmbeddedDriver.sessionOf(c).metadata().dimensions().get("region").values())
          .as("dimension tables are read in full").hasSize(5);
    }
    try (Connection c = TestEngine.connect("analyst")) {
      assertThat(EmbeddedDriver.sessionOf(c).metadata().dimensions().get("city").values())
          .hasSize(40);
    }
  }

  @Test
  void theSameSqlAnswersForEachPrincipal() throws SQLException {
    String sql = "SELECT COUNT(*) FROM sales_transactions WHERE order_date >= DATE '2024-01-01' "
        + "AND order_date < DATE '2025-01-01'";
    try (Connection north = TestEngine.connect("north_manager");
        Connection analyst = TestEngine.connect("analyst");
        Connection duckdb = TestEngine.duckdb()) {
      Rows.assertSameRows("north", Rows.query(north, sql), Rows.query(duckdb,
          sql + " AND region_id = 1"), false);
      Rows.assertSameRows("analyst", Rows.query(analyst, sql), Rows.query(duckdb, sql), false);
    }
  }

  @Test
  void errorsNeverEchoHiddenValues() throws SQLException {
    try (Connection c = TestEngine.connect("north_manager")) {
      // A failing cast would quote the value it failed on: the masked value, or a visible row.
      for (String sql : List.of("SELECT CAST(email AS INTEGER) FROM customers",
          "SELECT CAST(customer_name AS INTEGER) FROM customers",
          "SELECT CAST(store_name AS INTEGER) FROM stores",
          "SELECT CAST(order_id AS INTEGER) FROM sales_transactions")) {
        SQLException e = catchThrowableOfType(SQLException.class, () -> Rows.query(c, sql));
        String message = e == null ? "" : String.valueOf(e.getMessage())
            + (e.getCause() == null ? "" : e.getCause().getMessage());
        assertThat(message).as(sql).doesNotContain("@");
        try (Connection duck = TestEngine.duckdb()) {
          for (List<Object> other : Rows.query(duck, "SELECT customer_name FROM customers "
              + "WHERE region_id <> 1 LIMIT 200")) {
            assertThat(message).as(sql).doesNotContain(" " + other.get(0) + "\"")
                .doesNotContain("'" + other.get(0) + "'");
          }
        }
      }
    }
  }

  @Test
  void explainShowsTheFilterNotOtherRegionsData() throws SQLException {
    try (Connection c = TestEngine.connect("north_manager")) {
      String plan = TestEngine.plan(c, "SELECT email, customer_name FROM customers");
      assertThat(plan).contains("SecuredScan").doesNotContain("@example.com");
      List<String> sql = TestEngine.warehouseSql(c, "SELECT email FROM customers");
      assertThat(sql).singleElement().asString().contains("\"region_id\" = 1")
          .contains("'***'");
    }
  }

  @Test
  void questionsAndMetricsAreFilteredAndMaskedToo() throws SQLException {
    try (Connection north = TestEngine.connect("north_manager");
        Connection duck = TestEngine.duckdb()) {
      Rows.assertSameRows("customers by segment",
          Rows.query(north, "ASK 'number of customers by segment'"),
          Rows.query(duck, "SELECT c.segment, COUNT(DISTINCT s.customer_id) FROM "
              + "sales_transactions s JOIN customers c ON c.customer_id = s.customer_id "
              + "WHERE s.region_id = 1 GROUP BY 1"), false);
      Rows.assertSameRows("metric query by city",
          Rows.query(north, "SELECT * FROM TABLE(metric_query('metrics: units_sold | by: city'))"),
          Rows.query(duck, "SELECT st.city, SUM(s.quantity) FROM sales_transactions s "
              + "JOIN stores st ON st.store_id = s.store_id WHERE s.region_id = 1 "
              + "GROUP BY 1"), false);
      SQLException e = catchThrowableOfType(SQLException.class,
          () -> Rows.query(north, "ASK 'revenue for Atlanta'"));
      assertThat(e.getMessage()).as("a city of another region is not a value it can see")
          .contains("Atlanta");
    }
  }

  @Test
  void anUnknownPrincipalCannotConnect() {
    io.asklayer.engine.error.AsklayerException e = catchThrowableOfType(
        io.asklayer.engine.error.AsklayerException.class, () -> TestEngine.connect("root"));
    assertThat(e.kind()).isEqualTo(io.asklayer.engine.error.ErrorKind.IDENTITY);
    assertThat(e.getMessage()).contains("Unknown user 'root'");
  }
}
