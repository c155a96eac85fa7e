package io.asklayer.engine.ask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.asklayer.engine.error.ErrorKind;
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
 * Questions read into metric queries (written in {@link MetricQueryText} form), against the demo
 * model and the test warehouse's values, today being 2025-12-31. Each line is one thing the
 * interpreter must understand: a metric synonym, a grouping phrase, a grain, a value with a typo, a
 * negation, a list, a time expression, a ranking.
 */
class InterpreterTest {
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

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = "=>", quoteCharacter = '"', textBlock = """
      sales in 2024                        => metrics: revenue | time: 2024-01-01..2025-01-01
      net sales                            => metrics: revenue
      turnover                             => metrics: revenue
      profit                               => metrics: gross_margin
      margin                               => metrics: gross_margin
      margin %                             => metrics: gross_margin_pct
      gross margin percentage              => metrics: gross_margin_pct
      units                                => metrics: units_sold
      orders                               => metrics: order_count
      average order value                  => metrics: average_order_value
      AOV                                  => metrics: average_order_value
      customers                            => metrics: customer_count
      discounts                            => metrics: discount_amount
      returns                              => metrics: returned_units
      return rate                          => metrics: return_rate
      COGS                                 => metrics: cogs
      rating                               => metrics: average_rating
      revenue and units                    => metrics: revenue, units_sold
      revenue, profit and orders           => metrics: revenue, gross_margin, order_count
      """)
  void readsMetrics(String question, String query) {
    assertThat(read(question)).isEqualTo(query);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = "=>", quoteCharacter = '"', textBlock = """
      revenue by region                    => metrics: revenue | by: region | where: region is not null
      revenue per store                    => metrics: revenue | by: store | where: store is not null
      revenue for each brand               => metrics: revenue | by: brand | where: brand is not null
      revenue broken down by channel       => metrics: revenue | by: channel | where: channel is not null
      revenue by region and channel        => metrics: revenue | by: region, channel | where: region is not null; channel is not null
      units by product                     => metrics: units_sold | by: sku, product | where: sku is not null; product is not null
      monthly revenue                      => metrics: revenue | by: order_date.month | order: order_date_month
      revenue by quarter                   => metrics: revenue | by: order_date.quarter | order: order_date_quarter
      weekly units                         => metrics: units_sold | by: order_date.week | order: order_date_week
      daily orders                         => metrics: order_count | by: order_date | order: order_date
      revenue per year                     => metrics: revenue | by: order_date.year | order: order_date_year
      monthly average rating               => metrics: average_rating | by: review_date.month | order: review_date_month
      """)
  void readsGroupingsAndGrains(String question, String query) {
    assertThat(read(question)).isEqualTo(query);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = "=>", quoteCharacter = '"', textBlock = """
      revenue for Electronics              => metrics: revenue | where: category = Electronics
      revenue for electronic products      => metrics: revenue | where: category = Electronics
      revenue on amazon                    => metrics: revenue | where: channel = Amazon
      revenue for electornics              => metrics: revenue | where: category = Electronics
      revenue in the North region          => metrics: revenue | where: region = North
      revenue excluding Central            => metrics: revenue | where: region != Central
      revenue other than Amazon            => metrics: revenue | where: channel != Amazon
      revenue for non-Amazon channels      => metrics: revenue | where: channel != Amazon
      revenue for Amazon and Shopify       => metrics: revenue | where: channel = Amazon, Shopify
      revenue for Amazon or Shopify        => metrics: revenue | where: channel = Amazon, Shopify
      revenue excluding Amazon and Magento => metrics: revenue | where: channel != Amazon, Magento
      Toys revenue in the West             => metrics: revenue | where: category = Toys; region = West
      online sales                         => metrics: revenue | where: channel = Shopify, Magento, Amazon
      in-store sales                       => metrics: revenue | where: channel = Store
      Amazon vs Shopify revenue            => metrics: revenue | by: channel | where: channel = Amazon, Shopify
      returns for defective items          => metrics: returned_units | where: return_reason = Defective
      """)
  void readsFilters(String question, String query) {
    assertThat(read(question)).isEqualTo(query);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = "=>", quoteCharacter = '"', textBlock = """
      top 5 products by units sold          => metrics: units_sold | by: sku, product | where: sku is not null; product is not null | order: units_sold desc | limit: 5
      bottom 3 stores by revenue            => metrics: revenue | by: store | where: store is not null | order: revenue | limit: 3
      best selling brand                    => metrics: units_sold | by: brand | where: brand is not null | order: units_sold desc | limit: 1
      lowest revenue category               => metrics: revenue | by: category | where: category is not null | order: revenue | limit: 1
      which region had the highest revenue  => metrics: revenue | by: region | where: region is not null | order: revenue desc | limit: 1
      which 3 stores had the lowest revenue => metrics: revenue | by: store | where: store is not null | order: revenue | limit: 3
      revenue by region, highest first      => metrics: revenue | by: region | where: region is not null | order: revenue desc
      revenue by region lowest first        => metrics: revenue | by: region | where: region is not null | order: revenue
      top 3 brands by profit showing revenue => metrics: gross_margin, revenue | by: brand | where: brand is not null | order: gross_margin desc | limit: 3
      most common return reasons            => metrics: returned_units | by: return_reason | where: return_reason is not null | order: returned_units desc
      which month had the most orders       => metrics: order_count | by: order_date.month | order: order_count desc | limit: 1
      worst 2 stores by units               => metrics: units_sold | by: store | where: store is not null | order: units_sold | limit: 2
      """)
  void readsRankings(String question, String query) {
    assertThat(read(question)).isEqualTo(query);
  }

  @Test
  void readsEveryPartOfOneQuestionWithTheWordsItCameFrom() {
    Interpretation i = session.interpret(
        "What is the gross margin for Electronics in the North region in 2025?");
    assertThat(MetricQueryText.format(i.query())).isEqualTo("metrics: gross_margin | where: "
        + "category = Electronics; region = North | time: 2025-01-01..2026-01-01");
    assertThat(i.readings()).extracting(Interpretation.Reading::kind,
        Interpretation.Reading::words).contains(
            org.assertj.core.groups.Tuple.tuple("metric", "gross margin"),
            org.assertj.core.groups.Tuple.tuple("filter", "North region"),
            org.assertj.core.groups.Tuple.tuple("time", "2025"));
    assertThat(i.ignored()).containsExactly("What", "is", "the", "for", "in", "the", "in");
  }

  @ParameterizedTest(name = "{index}: {0}")
  @CsvSource(delimiterString = "=>", quoteCharacter = '"', textBlock = """
      What is the average salary of employees?           => salary
      total payroll by region                            => payroll
      list customers' email addresses                    => email address
      what's the weather tomorrow                        => weather
      delete all returns from 2023                       => cannot change anything
      please update the prices                           => cannot change anything
      drop the returns table                             => cannot change anything
      revenue; DROP TABLE sales_transactions             => SQL syntax
      revenue' UNION SELECT salary FROM employees --     => SQL syntax
      revenue for the Antarctica region                  => no region 'Antarctica'
      revenue for the Platinum segment                   => no customer segment 'Platinum'
      who won the world cup                              => 'won', 'world', 'cup'
      revenue in the North and the meaning of life       => 'meaning', 'life'
      show me products                                   => names no metric
      revenue in 2023 and 2025                           => two time ranges
      ""                                                 => empty
      """)
  void refusesWithAReason(String question, String reason) {
    AskRefusal r = catchThrowableOfType(AskRefusal.class, () -> session.interpret(question));
    assertThat(r).as("refusal of '%s'", question).isNotNull();
    assertThat(r.getMessage()).contains(reason);
    assertThat(r.kind()).isIn(ErrorKind.USER, ErrorKind.UNSUPPORTED);
  }

  @Test
  void aPartlyUnderstoodQuestionIsRefusedNotAnsweredWithoutThePart() {
    AskRefusal r = catchThrowableOfType(AskRefusal.class,
        () -> session.interpret("revenue in the Norht-East sector in 2024"));
    assertThat(r.notUnderstood()).contains("sector");
    assertThat(r.understood()).extracting(Interpretation.Reading::item).contains("revenue");
  }

  @Test
  void aQuestionLongerThanTheLimitIsRefusedWithTheLimit() {
    String q = "revenue by region " + "and by region ".repeat(60);
    AskRefusal r = catchThrowableOfType(AskRefusal.class, () -> session.interpret(q));
    assertThat(r.getMessage()).contains("at most 500");
  }

  @Test
  void aRangeOutsideTheDataIsAnsweredWithAWarning() {
    Interpretation i = session.interpret("revenue in 2026");
    assertThat(i.warnings()).singleElement().asString()
        .contains("The data covers 2023-01-01 to 2025-12-31").contains("no data");
  }

  @Test
  void documentQuestionsAreRoutedToDocuments() {
    Interpretation.DocumentQuestion d = session.interpret(
        "why are customers complaining about SKU-165?").documents();
    assertThat(d.source()).isEqualTo("reviews");
    assertThat(d.sku()).isEqualTo("SKU-165");
    assertThat(d.maxRating()).isEqualTo(2);
    assertThat(d.themed()).isTrue();
    Interpretation policy = session.interpret("what is the return policy in the North?");
    assertThat(policy.query()).isNull();
    assertThat(policy.documents().source()).isEqualTo("policies");
    assertThat(policy.documents().region()).isEqualTo("North");
    assertThat(policy.documents().query()).isEqualTo("return policy");
    assertThat(session.interpret("what did suppliers say about SKU-165").documents().source())
        .isEqualTo("supplier_emails");
    Interpretation brand = session.interpret("what do customers say about Lumea in 2025");
    assertThat(brand.documents().phrases()).containsExactly("Lumea");
    assertThat(brand.documents().from()).hasToString("2025-01-01");
    assertThat(brand.documents().to()).hasToString("2025-12-31");
    Interpretation both = session.interpret("return rate and main complaints for SKU-165");
    assertThat(MetricQueryText.format(both.query()))
        .isEqualTo("metrics: return_rate | where: sku = SKU-165");
    assertThat(both.documents().maxRating()).isEqualTo(2);
  }

  @Test
  void questionsAboutNumbersStayWithNumbers() {
    assertThat(session.interpret("average rating by category").documents()).isNull();
    AskRefusal why = catchThrowableOfType(AskRefusal.class,
        () -> session.interpret("why did revenue drop in Q3 2025"));
    assertThat(why.getMessage()).contains("'drop'");
    AskRefusal byCategory = catchThrowableOfType(AskRefusal.class,
        () -> session.interpret("complaints about Electronics"));
    assertThat(byCategory.getMessage()).contains("not by category");
  }
}
