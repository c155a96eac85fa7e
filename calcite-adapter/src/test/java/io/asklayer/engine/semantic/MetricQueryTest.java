package io.asklayer.engine.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import io.asklayer.engine.session.EmbeddedDriver;
import io.asklayer.engine.session.Session;
import io.asklayer.engine.testing.GoldenFile;
import io.asklayer.engine.testing.Rows;
import io.asklayer.engine.testing.TestEngine;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.dialect.SnowflakeSqlDialect;
import io.asklayer.engine.warehouse.DuckDbDialect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every metric of the demo model, by dimensions and grains, with filters, through the compiler:
 * the SQL it writes for DuckDB, PostgreSQL and Snowflake is the golden SQL of
 * {@code golden/metrics.txt}; run through the driver it reaches DuckDB as one statement and returns
 * the same rows as the case's hand-written {@code gold} SQL run directly on DuckDB.
 */
class MetricQueryTest {
  private static final GoldenFile GOLDEN = GoldenFile.read("metrics.txt");
  private static final Map<String, SqlDialect> DIALECTS = Map.of(
      "duckdb", DuckDbDialect.INSTANCE,
      "postgresql", PostgresqlSqlDialect.DEFAULT,
      "snowflake", SnowflakeSqlDialect.DEFAULT);
  private static Connection asklayer;
  private static Connection admin;
  private static Connection duckdb;
  private static Session session;

  @BeforeAll
  static void open() throws SQLException {
    asklayer = TestEngine.connect("analyst");
    duckdb = TestEngine.duckdb();
    // The golden SQL is the compiler's own: written for a principal no policy restricts.
    admin = TestEngine.connect("admin");
    session = EmbeddedDriver.sessionOf(admin);
  }

  @AfterAll
  static void close() throws SQLException {
    asklayer.close();
    admin.close();
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
  void compilesToTheGoldenSqlInEachDialect(GoldenFile.Case c) {
    MetricQuery q = MetricQueryText.parse(c.input());
    assertThat(MetricQueryText.parse(MetricQueryText.format(q))).isEqualTo(q);
    for (String dialect : List.of("duckdb", "postgresql", "snowflake")) {
      String sql = session.semantic().sql(q, session.relBuilder(), DIALECTS.get(dialect));
      if (GoldenFile.UPDATE) {
        GOLDEN.set(c.name(), dialect, sql);
      } else {
        assertThat(sql).as("%s SQL for %s", dialect, c).isEqualTo(c.get(dialect));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersLikeTheHandWrittenSqlInOneWarehouseStatement(GoldenFile.Case c)
      throws SQLException {
    MetricQuery q = MetricQueryText.parse(c.input());
    String sql = MetricStatements.select("metric_query", c.input(),
        session.semantic().compiler().orderColumns(q));
    TestEngine.assertFullyPushedDown(c.name(), TestEngine.plan(asklayer, sql));
    assertThat(TestEngine.warehouseSql(asklayer, sql)).hasSize(1);
    Rows.assertSameRows(c.name(), Rows.query(asklayer, sql), Rows.query(duckdb, c.get("gold")),
        !q.orderBy().isEmpty());
  }
}
