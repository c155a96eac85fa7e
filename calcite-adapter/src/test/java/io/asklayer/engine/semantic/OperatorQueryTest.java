package io.asklayer.engine.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asklayer.engine.error.AsklayerException;
import io.asklayer.engine.error.ErrorKind;
import io.asklayer.engine.session.EmbeddedDriver;
import io.asklayer.engine.session.Session;
import io.asklayer.engine.testing.GoldenFile;
import io.asklayer.engine.testing.Rows;
import io.asklayer.engine.testing.TestEngine;
import io.asklayer.engine.warehouse.DuckDbDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.dialect.SnowflakeSqlDialect;
import org.apache.calcite.sql.dialect.TrinoSqlDialect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The semantic layer's operators (ratios, metric filters, shares, period over period, cumulative
 * values, means, top N per group, existence, counts), one golden case each at two or more
 * groupings in {@code golden/operators.txt}: the SQL the compiler writes for DuckDB, PostgreSQL,
 * Snowflake and Trino; run through the driver, one warehouse statement returning the rows of the
 * case's hand-written DuckDB SQL ({@code gold}); and as {@code north_manager}, the rows of its
 * {@code north} SQL, which filters by hand before shares and totals are taken.
 */
class OperatorQueryTest {
  private static final GoldenFile GOLDEN = GoldenFile.read("operators.txt");
  private static final Map<String, SqlDialect> DIALECTS = Map.of(
      "duckdb", DuckDbDialect.INSTANCE,
      "postgresql", PostgresqlSqlDialect.DEFAULT,
      "snowflake", SnowflakeSqlDialect.DEFAULT,
      "trino", TrinoSqlDialect.DEFAULT);
  private static Connection analyst;
  private static Connection north;
  private static Connection admin;
  private static Connection duckdb;
  private static Session session;

  @BeforeAll
  static void open() throws SQLException {
    analyst = TestEngine.connect("analyst");
    north = TestEngine.connect("north_manager");
    duckdb = TestEngine.duckdb();
    admin = TestEngine.connect("admin");
    session = EmbeddedDriver.sessionOf(admin);
  }

  @AfterAll
  static void close() throws SQLException {
    analyst.close();
    north.close();
    admin.close();
    duckdb.close();
    if (GoldenFile.UPDATE) {
      GOLDEN.write();
    }
  }

  static Stream<GoldenFile.Case> cases() {
    return GOLDEN.cases().stream();
  }

  static Stream<GoldenFile.Case> northCases() {
    return GOLDEN.cases().stream().filter(c -> c.get("north") != null);
  }

  @Test
  void everyOperatorHasCasesAndSomeRunAsNorthManager() {
    String inputs = String.join("\n", GOLDEN.cases().stream().map(GoldenFile.Case::input)
        .toList());
    for (String operator : List.of(" / ", ".share(", ".previous(", ".change(", ".growth(",
        ".running()", ".to_date(", ".mean(", " per ", "having:", "members: all", "count(")) {
      assertThat(inputs).as("a case uses %s", operator).contains(operator);
    }
    assertThat(northCases()).hasSizeGreaterThanOrEqualTo(8);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void compilesToTheGoldenSqlInEachDialect(GoldenFile.Case c) {
    MetricQuery q = MetricQueryText.parse(c.input());
    assertThat(MetricQueryText.parse(MetricQueryText.format(q))).isEqualTo(q);
    for (String dialect : List.of("duckdb", "postgresql", "snowflake", "trino")) {
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
    String sql = statement(c);
    if (c.get("pushdown") == null) {
      TestEngine.assertFullyPushedDown(c.name(), TestEngine.plan(analyst, sql));
      assertThat(TestEngine.warehouseSql(analyst, sql)).hasSize(1);
    }
    Rows.assertSameRows(c.name(), Rows.query(analyst, sql), Rows.query(duckdb, c.get("gold")),
        ordered(c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("northCases")
  void answersForNorthManagerFromWhatItsRowFilterLeaves(GoldenFile.Case c) throws SQLException {
    String sql = statement(c);
    Rows.assertSameRows(c.name(), Rows.query(north, sql), Rows.query(duckdb, c.get("north")),
        ordered(c));
  }

  private static String statement(GoldenFile.Case c) {
    MetricQuery q = MetricQueryText.parse(c.input());
    return MetricStatements.select("metric_query", c.input(),
        session.semantic().compiler().orderColumns(q));
  }

  private static boolean ordered(GoldenFile.Case c) {
    return MetricQueryText.parse(c.input()).limitPer().isEmpty()
        && !MetricQueryText.parse(c.input()).orderBy().isEmpty()
        || c.get("gold").contains("ORDER BY category") || c.get("gold").contains("ORDER BY y");
  }

  /** What a BI tool writes over semantic tables: ordinary SQL above the metric aggregates. */
  @Test
  void sqlOnSemanticTablesExpressesRatiosFiltersSharesAndRanks() throws SQLException {
    String revenue = "SUM(s.quantity * s.unit_price * (1 - s.discount) * f.usd_per_unit)";
    String sales = "FROM sales_transactions s JOIN fx_rates f ON f.currency = s.currency "
        + "AND f.rate_date = s.order_date ";
    same("SELECT channel, AGGREGATE(revenue) / AGGREGATE(customer_count) FROM semantic.sales "
            + "GROUP BY channel",
        "SELECT s.channel, " + revenue + " / COUNT(DISTINCT s.customer_id) " + sales
            + "GROUP BY 1");
    same("SELECT category, AGGREGATE(return_rate) FROM semantic.sales GROUP BY category "
            + "HAVING AGGREGATE(return_rate) > 0.05",
        GOLDEN.cases().stream().filter(c -> c.name().equals(
            "return-rate-above-five-percent-by-category")).findFirst().orElseThrow().get("gold"));
    same("SELECT channel, AGGREGATE(revenue) / SUM(AGGREGATE(revenue)) OVER () FROM semantic.sales "
            + "GROUP BY channel",
        "SELECT channel, rev / SUM(rev) OVER () FROM (SELECT s.channel, " + revenue + " AS rev "
            + sales + "GROUP BY 1)");
    same("SELECT category, product FROM (SELECT category, product, ROW_NUMBER() OVER (PARTITION BY "
            + "category ORDER BY AGGREGATE(units_sold) DESC, product) AS rn FROM semantic.sales "
            + "GROUP BY category, product) WHERE rn = 1",
        "SELECT category, product_name FROM (SELECT p.category, p.product_name, ROW_NUMBER() OVER "
            + "(PARTITION BY p.category ORDER BY SUM(s.quantity) DESC, p.product_name) AS rn "
            + "FROM sales_transactions s JOIN product_master p ON p.sku = s.sku GROUP BY 1, 2) "
            + "WHERE rn = 1");
  }

  private static void same(String mine, String theirs) throws SQLException {
    Rows.assertSameRows(mine, Rows.query(analyst, mine), Rows.query(duckdb, theirs), false);
  }

  @Test
  void nonsenseIsRefusedNamingTheColumnAndTheReason() {
    assertThat(refusal("metrics: return_rate.running() | by: order_date.month"))
        .isEqualTo("Cannot compute return_rate_running: a running total has no meaning here, "
            + "because return_rate is a ratio (returned_units / units_sold); operate on "
            + "returned_units and units_sold instead.");
    assertThat(refusal("metrics: customer_count.share() | by: channel"))
        .startsWith("Cannot compute customer_count_share: a share of its total has no meaning "
            + "here, because customer_count counts distinct values");
    assertThat(refusal("metrics: average_rating.to_date(year) | by: review_date.month"))
        .contains("average_rating is an average");
    assertThat(refusal("metrics: gross_margin_pct.share() | by: region"))
        .contains("gross_margin_pct is a ratio");
    assertThat(refusal("metrics: revenue.running() | by: region"))
        .contains("a running total runs along a time grain");
    assertThat(refusal("metrics: revenue.growth(month) | by: order_date.year"))
        .isEqualTo("Cannot compute revenue_growth_month: a year moved back by 1 month is not a "
            + "year of the grouping; compare with an offset that is a whole number of years.");
    assertThat(refusal("metrics: revenue.growth(year) | by: order_date.week"))
        .contains("weeks start on Monday; compare with 52 week");
    assertThat(refusal("metrics: revenue.growth() | by: region"))
        .contains("a comparison needs periods");
    assertThat(refusal("metrics: revenue.share(category) | by: channel"))
        .contains("a share within category needs category among the query's dimensions");
    assertThat(refusal("metrics: revenue.mean(month) | by: order_date.month"))
        .contains("each row is already one month");
    assertThat(refusal("metrics: revenue.mean(store) | by: store"))
        .contains("the query is grouped by store already");
    assertThat(refusal("metrics: count(sales) | by: region"))
        .contains("the model does not let questions count the rows of 'sales'; it lets these be "
            + "counted: stores, reviews");
    assertThat(refusal("metrics: count(stores) | time: 2025-01-01..2026-01-01"))
        .contains("rows of 'stores' have no order_date (the table has no date)");
    assertThat(refusal("metrics: revenue | by: order_date.month | members: all"))
        .contains("members: all");
    assertThat(refusal("metrics: revenue | by: region | having: margin > 3"))
        .isEqualTo("'margin' in having is not a column of the answer; its columns are region, "
            + "revenue.");
    assertThat(refusal("metrics: revenue.share(), revenue.share() | by: region"))
        .contains("Two columns of the answer are named 'revenue_share'");
    assertThat(refusal("metrics: revenue.trend() | by: region"))
        .contains("'trend' is not an operator");
    assertThat(refusal("metrics: revenue | by: region | order: revenue desc | limit: 1 per store"))
        .contains("'store' in limit ... per is not a column of the answer");
    // Outside check: these were read silently (a sort word other than desc sorted ascending) or
    // failed as internal errors.
    assertThat(refusal("metrics: revenue | by: store | order: revenue high | limit: 3"))
        .contains("order 'revenue high' should read column [asc|desc]");
    assertThat(refusal("metrics: revenue | time: 2026-01-01..2025-01-01"))
        .contains("is empty: FROM must come before TO");
    assertThat(refusal("metrics: revenue | where: channel == Store"))
        .contains("should read dimension = value");
    assertThat(refusal("metrics: revenue | limit: -1"))
        .contains("limit should be a whole number");
    assertThat(refusal("metrics: revenue | by: region | having: revenue > 1e400"))
        .contains("a number of at most 38 digits");
    assertThat(refusal("metrics: revenue.mean(week) | by: order_date.month"))
        .contains("weeks do not fit in months");
    assertThat(MetricQueryText.parse("metrics: revenue | by: store | order: revenue descending")
        .orderBy().get(0).descending()).isTrue();
    session.semantic().sql(MetricQueryText.parse("metrics: revenue | by: region | having: "
        + "revenue > 1e7"), session.relBuilder(), DuckDbDialect.INSTANCE);
    assertThat(MetricQueryText.parse("metrics: revenue | where: channel = 'Store'").filters()
        .get(0).values()).containsExactly("Store");
  }

  @Test
  void aDeclaredCalculationThatMakesNoSenseFailsTheModelWithItsLine(@org.junit.jupiter.api.io
      .TempDir java.nio.file.Path dir) throws java.io.IOException {
    java.nio.file.Path model = dir.resolve("model.yaml");
    String text = TestEngine.demoModel().replace("calculations:\n", "calculations:\n"
        + "  return_rate_running:\n    of: return_rate.running()\n");
    java.nio.file.Files.writeString(model, text);
    int line = text.lines().toList().indexOf("    of: return_rate.running()") + 1;
    assertThatThrownBy(() -> TestEngine.connect("analyst", "model=" + model).close())
        .isInstanceOf(io.asklayer.engine.model.ModelException.class)
        .hasMessageContaining("model.yaml:" + line + ":")
        .hasMessageContaining("calculation 'return_rate_running' (return_rate.running()) is "
            + "refused: Cannot compute return_rate_running: a running total has no meaning here, "
            + "because return_rate is a ratio");
  }

  /**
   * A written query's filter values are checked against the data as a question's are: where
   * {@code region = Nort} answered a revenue of 0, it is refused with the values there are, and a
   * value in another case is the stored one.
   */
  @Test
  void filterValuesAreTheDatas() throws SQLException {
    assertThatThrownBy(() -> Rows.query(analyst, "SELECT * FROM TABLE(metric_query("
        + "'metrics: revenue | where: region = Nort'))"))
        .hasMessageContaining("There is no region 'Nort' in the data. region is one of: ")
        .hasMessageContaining("North");
    // having on a grouping column too: category = toys matched no row.
    assertThat(Rows.query(analyst, "SELECT * FROM TABLE(metric_query('metrics: units_sold "
        + "| by: category | having: category = toys'))")).hasSize(1);
    assertThatThrownBy(() -> Rows.query(analyst, "SELECT * FROM TABLE(metric_query("
        + "'metrics: revenue | by: region | having: region = Nort'))"))
        .hasMessageContaining("There is no region 'Nort' in the data.");
    assertThat(Rows.query(analyst, "SELECT * FROM TABLE(metric_query('metrics: units_sold "
        + "| where: category = electronics'))"))
        .isEqualTo(Rows.query(analyst, "SELECT * FROM TABLE(metric_query('metrics: units_sold "
            + "| where: category = Electronics'))"));
  }

  private static String refusal(String text) {
    try {
      MetricQuery q = MetricQueryText.parse(text);
      session.semantic().sql(q, session.relBuilder(), DuckDbDialect.INSTANCE);
    } catch (AsklayerException e) {
      assertThat(e.kind()).isEqualTo(ErrorKind.USER);
      return e.getMessage();
    }
    throw new AssertionError("not refused: " + text);
  }

  @Test
  void operatorsAreValuesThatKeyCaches() {
    MetricQuery a = MetricQueryText.parse("metrics: revenue.growth(year) | by: category "
        + "| time: 2025-01-01..2026-01-01 | having: revenue_growth_year > 0.1");
    assertThat(a).isEqualTo(MetricQueryText.parse(MetricQueryText.format(a)))
        .hasSameHashCodeAs(MetricQueryText.parse(MetricQueryText.format(a)));
    assertThat(a).isNotEqualTo(MetricQueryText.parse("metrics: revenue.growth(month) "
        + "| by: category | time: 2025-01-01..2026-01-01 | having: revenue_growth_year > 0.1"));
  }
}
