package io.asklayer.engine.ask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.asklayer.engine.semantic.MetricQueryText;
import io.asklayer.engine.session.EmbeddedDriver;
import io.asklayer.engine.session.Session;
import io.asklayer.engine.testing.TestEngine;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The operator reader: operator words read, as a grammar over the metrics, dimensions, grains,
 * ranges and numbers the other readers found, into the semantic layer's operators (written in
 * {@link MetricQueryText} form); a ratio the model defines is read as its metric; and an operator
 * word that the grammar cannot attach refuses the question, naming it, never answered without
 * it (the silent wrong answers issue 16 lists: "revenue per customer" as two columns). Today is
 * 2025-12-31.
 */
class OperatorReaderTest {
  private static Connection connection;
  private static Session session;

  @BeforeAll
  static void open() throws SQLException {
    connection = TestEngine.connect("analyst");
    session = EmbeddedDriver.sessionOf(connection);
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  private static String read(String question) {
    return MetricQueryText.format(session.interpret(question).query());
  }

  @Test
  void readsARatioTheModelDefinesAsItsMetric() {
    assertThat(read("revenue per order")).isEqualTo("metrics: average_order_value");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = "=>", textBlock = """
      revenue per customer in 2025                => metrics: revenue / customer_count | time: 2025-01-01..2026-01-01
      units per order                             => metrics: units_sold / order_count
      average spend per customer                  => metrics: revenue / customer_count
      discounts for each customer                 => metrics: discount_amount / customer_count
      """)
  void readsRatiosOfTwoMetrics(String question, String query) {
    assertThat(read(question)).isEqualTo(query);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = "=>", textBlock = """
      revenue growth in 2025                      => metrics: revenue, revenue.growth() | time: 2025-01-01..2026-01-01
      year over year revenue growth by quarter    => metrics: revenue, revenue.growth(year) | by: order_date.quarter | order: order_date_quarter
      YoY revenue growth in 2025                  => metrics: revenue, revenue.growth(year) | time: 2025-01-01..2026-01-01
      MoM growth in orders in 2025                => metrics: order_count, order_count.growth(month) | by: order_date.month | time: 2025-01-01..2026-01-01 | order: order_date_month
      revenue growth 2025 vs 2024                 => metrics: revenue, revenue.growth(year) | time: 2025-01-01..2026-01-01
      monthly units vs the same month last year   => metrics: units_sold, units_sold.previous(year) | by: order_date.month | order: order_date_month
      revenue change vs prior month by month      => metrics: revenue, revenue.change(month) | by: order_date.month | order: order_date_month
      how much did revenue grow in Q3 2025        => metrics: revenue, revenue.growth() | time: 2025-07-01..2025-10-01
      """)
  void readsPeriodOverPeriod(String question, String query) {
    assertThat(read(question)).isEqualTo(query);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = "=>", textBlock = """
      share of revenue by channel                 => metrics: revenue, revenue.share() | by: channel | where: channel is not null
      what percent of units were Toys in 2024     => metrics: units_sold, units_sold.share() | by: category | where: category is not null | time: 2024-01-01..2025-01-01 | having: category = Toys
      revenue mix by region                       => metrics: revenue, revenue.share() | by: region | where: region is not null
      share of units by channel within each category => metrics: units_sold, units_sold.share(category) | by: channel, category | where: channel is not null; category is not null
      """)
  void readsShares(String question, String query) {
    assertThat(read(question)).isEqualTo(query);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = "=>", textBlock = """
      average monthly revenue in 2024             => metrics: revenue.mean(month) | time: 2024-01-01..2025-01-01
      revenue per month on average in 2024        => metrics: revenue.mean(month) | time: 2024-01-01..2025-01-01
      average daily orders by year                => metrics: order_count.mean(day) | by: order_date.year | order: order_date_year
      average revenue per store                   => metrics: revenue.mean(store)
      revenue per store on average                => metrics: revenue.mean(store)
      running total of revenue by month           => metrics: revenue, revenue.running() | by: order_date.month | order: order_date_month
      cumulative units by week in March 2025      => metrics: units_sold, units_sold.running() | by: order_date.week | time: 2025-03-01..2025-04-01 | order: order_date_week
      """)
  void readsMeansAndRunningTotals(String question, String query) {
    assertThat(read(question)).isEqualTo(query);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = "=>", textBlock = """
      the best selling product in each category   => metrics: units_sold | by: sku, product, category | where: sku is not null; product is not null; category is not null | order: units_sold desc | limit: 1 per category
      top 3 brands by revenue for every region    => metrics: revenue | by: brand, region | where: brand is not null; region is not null | order: revenue desc | limit: 3 per region
      categories with a return rate above 5%      => metrics: return_rate | by: category | where: category is not null | having: return_rate > 0.05
      stores with revenue over 1 million          => metrics: revenue | by: store | where: store is not null | having: revenue > 1000000
      brands with fewer than 500 orders           => metrics: order_count | by: brand | where: brand is not null | having: order_count < 500
      stores with at least $2.5m in sales         => metrics: revenue | by: store | where: store is not null | having: revenue >= 2500000
      brands with a margin above 30%              => metrics: gross_margin_pct | by: brand | where: brand is not null | having: gross_margin_pct > 0.3
      products never returned in 2025             => metrics: returned_units | by: sku, product | where: sku is not null; product is not null | time: 2025-01-01..2026-01-01 | having: returned_units = 0 | members: all
      products with no sales in 2025              => metrics: revenue | by: sku, product | where: sku is not null; product is not null | time: 2025-01-01..2026-01-01 | having: revenue = 0 | members: all
      """)
  void readsRankingsWithinGroupsConditionsAndAbsence(String question, String query) {
    assertThat(read(question)).isEqualTo(query);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = "=>", textBlock = """
      why did revenue drop in Q3 2025             => 'drop'
      growth by month                             => period over period
      revenue growth from 2024 to 2025            => '... 2025 vs 2024'
      revenue above 5%                            => metric filter
      average revenue by region                   => average over periods or members
      running total of revenue in 2025            => running total ('running total of revenue')
      share of revenue                            => A share is of a part
      customers who did not buy in 2025           => asks for members with none of a metric
      """)
  void refusesWhatItCannotAttachNamingIt(String question, String named) {
    AskRefusal r = catchThrowableOfType(AskRefusal.class, () -> session.interpret(question));
    assertThat(r).as("refusal of '%s'", question).isNotNull();
    assertThat(r.getMessage()).contains(named);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      revenue per store
      revenue not counting Central
      revenue over the last 30 days
      average rating by brand
      top 5 products by units sold in 2025
      """)
  void leavesWhatIsNoOperator(String question) {
    assertThat(session.interpret(question).query().calculations()).isEmpty();
    assertThat(session.interpret(question).query().having()).isEmpty();
  }

  @Test
  void explainShowsTheOperatorWithItsWords() {
    assertThat(session.interpret("revenue per customer by region").readings())
        .contains(new Interpretation.Reading("operator",
            "revenue per customer_count: revenue / customer_count", "revenue per customer"));
  }
}
