package io.asklayer.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.asklayer.demo.TestWarehouse;
import io.asklayer.engine.error.Errors;
import io.asklayer.engine.error.ErrorKind;
import io.asklayer.engine.testing.Rows;
import io.asklayer.engine.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a statement tells about the server beyond the rows: who the user functions say is asking,
 * what plans reveal of tables' sizes, and how much memory a constant may take while planning.
 */
class WhatAPrincipalLearnsTest {
  private static final String USERS = "SELECT CURRENT_USER, SESSION_USER, USER, SYSTEM_USER "
      + "FROM regions WHERE region_id = 1";

  @Test
  void theUserFunctionsNameThePrincipal() throws SQLException {
    for (String principal : List.of("north_manager", "analyst")) {
      try (Connection c = TestEngine.connect(principal)) {
        assertThat(Rows.query(c, USERS)).containsExactly(
            List.of(principal, principal, principal, principal));
        assertThat(Rows.query(c, "VALUES CURRENT_USER")).containsExactly(List.of(principal));
      }
    }
  }

  @Test
  void plansShowNoRowCountOfRowsThePrincipalMayNotSee() throws SQLException {
    long all;
    try (Connection d = TestEngine.duckdb()) {
      all = ((Number) Rows.query(d, "SELECT COUNT(*) FROM sales_transactions").get(0).get(0))
          .longValue();
    }
    String sql = "EXPLAIN PLAN INCLUDING ALL ATTRIBUTES FOR SELECT COUNT(*), SUM(quantity) "
        + "FROM sales_transactions s JOIN product_master p ON p.sku = s.sku";
    try (Connection north = TestEngine.connect("north_manager");
        Connection admin = TestEngine.connect("admin")) {
      assertThat(rowCounts(String.valueOf(Rows.query(admin, sql).get(0).get(0))))
          .as("the check is live: admin's plan shows the table's size").contains((double) all);
      assertThat(rowCounts(String.valueOf(Rows.query(north, sql).get(0).get(0))))
          .doesNotContain((double) all);
    }
  }

  private static List<Double> rowCounts(String plan) {
    Matcher m = Pattern.compile("rowcount = ([0-9.E]+)").matcher(plan);
    List<Double> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(Double.parseDouble(m.group(1)));
    }
    return out;
  }

  @Test
  void constantStringsTooLargeToBuildAreRefusedBeforePlanning() throws SQLException {
    try (Connection c = TestEngine.connect("north_manager")) {
      for (String sql : List.of("SELECT LPAD('x', 2000000000, 'yz')",
          "SELECT RPAD(region_name, 150000) FROM regions", "SELECT REPEAT('ab', 60000)",
          "SELECT REPEAT(REPEAT('x', 1000), 101) FROM regions",
          "SELECT SPACE(200000) || 'x'")) {
        // Refused while the statement is checked; the engine's own driver, without the JDBC
        // boundary, lets the refusal through as it is.
        Throwable e = catchThrowable(() -> Rows.query(c, sql));
        assertThat(e).as(sql).isNotNull();
        assertThat(e).as(sql).hasMessageContaining("at most 100,000 characters");
      }
      assertThat(Rows.query(c, "SELECT CHAR_LENGTH(LPAD('x', 1000, 'yz')) || ':' || "
          + "CHAR_LENGTH(REPEAT('ab', 500)) FROM regions WHERE region_id = 1"))
          .containsExactly(List.of("1000:1000"));
    }
  }

  /**
   * A count from the data is checked by the warehouse before it builds the string: DuckDB builds
   * such strings outside its memory limit ({@code REPEAT('a', quantity * 100000000)} took a process
   * past 20 GB). Without the check the first statement answers 1,000,000.
   */
  @Test
  void stringsWithACountFromTheDataAreBoundedInTheWarehouse() throws SQLException {
    try (Connection c = TestEngine.connect("north_manager"); Connection d = TestEngine.duckdb()) {
      for (String sql : List.of(
          "SELECT MAX(CHAR_LENGTH(REPEAT('ab', quantity * 50000))) FROM sales_transactions",
          "SELECT MAX(CHAR_LENGTH(LPAD(channel, quantity * 100000, '.'))) FROM sales_transactions",
          "SELECT MAX(CHAR_LENGTH(RPAD(channel, quantity * 100000))) FROM sales_transactions",
          "SELECT MAX(CHAR_LENGTH(REPLACE(REPLACE(body, 'e', body), 'e', body))) "
              + "FROM product_reviews")) {
        Throwable e = catchThrowable(() -> Rows.query(c, sql));
        assertThat(e).as(sql).isNotNull();
        assertThat(Errors.classify(e)).as(sql).isNotNull()
            .satisfies(a -> assertThat(a.kind()).isEqualTo(ErrorKind.USER))
            .hasMessageStartingWith("A string computed from the data would have more than "
                + "100,000 characters");
      }
      // Within the bound the answers are DuckDB's: a bar of stars, pads (with spaces when no
      // third argument is given, which DuckDB's pads need), a NULL count.
      String ours = "SELECT order_id, line_number, REPEAT('*', quantity), "
          + "LPAD(channel, quantity + 4, '.'), RPAD(channel, quantity + 6) || '|', "
          + "REPEAT(channel, CASE WHEN quantity > 2 THEN NULL ELSE quantity END), "
          + "REPLACE(channel, 'o', currency) "
          + "FROM sales_transactions WHERE region_id = 1 ORDER BY order_id, line_number LIMIT 50";
      String theirs = "SELECT order_id, line_number, repeat('*', quantity), "
          + "lpad(channel, quantity + 4, '.'), rpad(channel, quantity + 6, ' ') || '|', "
          + "repeat(channel, CASE WHEN quantity > 2 THEN NULL ELSE quantity END), "
          + "replace(channel, 'o', currency) "
          + "FROM sales_transactions WHERE region_id = 1 ORDER BY order_id, line_number LIMIT 50";
      assertThat(Rows.query(c, ours)).hasSize(50).isEqualTo(Rows.query(d, theirs));
      // Rows that are not one warehouse query would build the string in the server's heap.
      assertThat(catchThrowable(() -> Rows.query(c,
          "SELECT CHAR_LENGTH(REPEAT('a', n)) FROM (VALUES (200000000)) AS t(n)")))
          .hasMessageContaining("REPEAT with a count from the data runs only in the warehouse");
    }
  }

  /**
   * The embedded warehouse runs under the model's {@code warehouse_memory_limit}: a statement that
   * needs more (here about 3 GB of distinct strings) fails with a message that says so, where
   * DuckDB's own limit (80 % of the machine) would let it take the memory and answer.
   */
  @Test
  void theWarehouseRunsUnderTheModelsMemoryLimit(@TempDir Path dir) throws Exception {
    Path copy = dir.resolve("w.duckdb");
    Files.copy(Path.of(TestWarehouse.url().substring("jdbc:duckdb:".length())), copy);
    String demo = TestEngine.demoModel();
    assertThat(demo).contains("guardrails:\n");
    Path model = dir.resolve("small.yaml");
    Files.writeString(model, demo.replace("guardrails:\n",
        "guardrails:\n  warehouse_memory_limit: 64MB\n"));
    try (Connection c = TestEngine.connect("admin", "warehouse=jdbc:duckdb:" + copy + ";model="
        + model)) {
      Throwable e = catchThrowable(() -> Rows.query(c, "SELECT COUNT(DISTINCT REPEAT(channel, "
          + "4000) || CAST(order_id AS VARCHAR) || '-' || CAST(line_number AS VARCHAR)) "
          + "FROM sales_transactions"));
      assertThat(e).isNotNull();
      assertThat(Errors.classify(e)).isNotNull()
          .hasMessageStartingWith("The statement needs more memory than the warehouse may use");
    }
  }
}
