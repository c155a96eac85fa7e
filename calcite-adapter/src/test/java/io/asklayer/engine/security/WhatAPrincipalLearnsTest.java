package io.asklayer.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.asklayer.engine.testing.Rows;
import io.asklayer.engine.testing.TestEngine;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

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
          "SELECT RPAD(region_name, 1500000) FROM regions", "SELECT REPEAT('ab', 600000)",
          "SELECT REPEAT(REPEAT('x', 1000), 1001) FROM regions",
          "SELECT SPACE(2000000) || 'x'")) {
        // Refused while the statement is checked; the engine's own driver, without the JDBC
        // boundary, lets the refusal through as it is.
        Throwable e = catchThrowable(() -> Rows.query(c, sql));
        assertThat(e).as(sql).isNotNull();
        assertThat(e).as(sql).hasMessageContaining("at most 1,000,000 characters");
      }
      assertThat(Rows.query(c, "SELECT CHAR_LENGTH(LPAD('x', 1000, 'yz')) || ':' || "
          + "CHAR_LENGTH(REPEAT('ab', 500)) FROM regions WHERE region_id = 1"))
          .containsExactly(List.of("1000:1000"));
    }
  }
}
