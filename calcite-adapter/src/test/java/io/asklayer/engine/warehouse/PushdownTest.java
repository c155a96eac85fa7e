package io.asklayer.engine.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.asklayer.engine.testing.GoldenFile;
import io.asklayer.engine.testing.Rows;
import io.asklayer.engine.testing.TestEngine;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole queries reach DuckDB as one statement: for each case of {@code golden/pushdown.txt} the plan
 * is a single JDBC subtree under one converter, the SQL sent to DuckDB is the golden SQL, and the
 * rows equal DuckDB's own answer to the query (or to the case's {@code direct} section).
 */
class PushdownTest {
  private static final GoldenFile GOLDEN = GoldenFile.read("pushdown.txt");
  private static Connection asklayer;
  private static Connection duckdb;

  @BeforeAll
  static void open() throws SQLException {
    asklayer = TestEngine.connect("analyst");
    duckdb = TestEngine.duckdb();
  }

  @AfterAll
  static void close() throws SQLException {
    asklayer.close();
    duckdb.close();
    if (GoldenFile.UPDATE) {
      GOLDEN.write();
    }
  }

  static Stream<GoldenFile.Case> cases() {
    return GOLDEN.cases().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void runsAsOneWarehouseStatement(GoldenFile.Case c) throws SQLException {
    TestEngine.assertFullyPushedDown(c.name(), TestEngine.plan(asklayer, c.input()));

    List<String> sql = TestEngine.warehouseSql(asklayer, c.input());
    assertThat(sql).as("statements sent for %s", c).hasSize(1);
    if (GoldenFile.UPDATE) {
      GOLDEN.set(c.name(), "duckdb", sql.get(0));
    } else {
      assertThat(sql.get(0)).as("SQL sent to DuckDB for %s", c).isEqualTo(c.get("duckdb"));
    }

    String direct = c.get("direct") != null ? c.get("direct") : c.input();
    boolean ordered = c.input().toUpperCase().contains("ORDER BY");
    Rows.assertSameRows(c.name(), Rows.query(asklayer, c.input()), Rows.query(duckdb, direct),
        ordered);
  }

  @org.junit.jupiter.api.Test
  void aScalarSubQueryOfMoreThanOneRowFailsInTheWarehouseToo() throws SQLException {
    String sql = "SELECT region_name FROM regions WHERE region_id = "
        + "(SELECT region_id FROM customers WHERE customer_id <= 2)";
    TestEngine.assertFullyPushedDown("scalar sub-query", TestEngine.plan(asklayer, sql));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Rows.query(asklayer, sql))
        .hasStackTraceContaining("more than one row returned by a sub-query");
    String one = "SELECT region_name FROM regions WHERE region_id = "
        + "(SELECT region_id FROM customers WHERE customer_id = 1)";
    Rows.assertSameRows("one row", Rows.query(asklayer, one), Rows.query(duckdb, one), false);
  }
}
