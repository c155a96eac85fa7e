package io.asklayer.engine.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.asklayer.engine.testing.Rows;
import io.asklayer.engine.testing.TestEngine;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Plans by shape: for random literals, a statement answered through its shape's kept plan (with the
 * literals bound) answers as DuckDB does for the same text, whether the literal's value fits the
 * parameter's type (then the kept plan is used) or not (then the statement is planned with its
 * literals). Values include text with quotes, text that looks like a number, dates written as text
 * and as DATE literals, fractions compared with integer columns and numbers past a column's scale.
 */
class ShapePropertyTest {
  private static Connection asklayer;
  private static Connection duckdb;

  @BeforeContainer
  static void open() throws SQLException {
    asklayer = TestEngine.connect("analyst");
    duckdb = TestEngine.duckdb();
  }

  @AfterContainer
  static void close() throws SQLException {
    asklayer.close();
    duckdb.close();
  }

  private static void same(String sql) throws SQLException {
    Rows.assertSameRows(sql, Rows.query(asklayer, sql), Rows.query(duckdb, sql), false);
  }

  private static String quoted(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.oneOf(Arbitraries.of("Toys", "Electronics", "Sports", "Beauty", "toys",
        "Toys ", "", "O'Brien", "5", "2024-01-01", "%", "North"),
        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(12));
  }

  @Provide
  Arbitrary<LocalDate> dates() {
    return Arbitraries.integers().between(0, 4 * 366).map(d -> LocalDate.of(2023, 1, 1)
        .plusDays(d));
  }

  @Provide
  Arbitrary<String> numbers() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(-3, 400).map(String::valueOf),
        Arbitraries.bigDecimals().between(java.math.BigDecimal.valueOf(-1),
            java.math.BigDecimal.valueOf(600)).ofScale(3).map(java.math.BigDecimal::toPlainString),
        Arbitraries.of("0.0", "1e2", "2.50", "99.999", "1000000000000"));
  }

  @Property(tries = 60)
  void aFilteredAggregateAnswersAsDuckDb(@ForAll("numbers") String region,
      @ForAll("dates") LocalDate from, @ForAll boolean dateAsText,
      @ForAll("numbers") String discount) throws SQLException {
    String date = dateAsText ? quoted(from.toString()) : "DATE '" + from + "'";
    same("SELECT COUNT(*), SUM(quantity) FROM sales_transactions WHERE region_id = " + region
        + " AND order_date >= " + date + " AND discount < " + discount);
  }

  @Property(tries = 60)
  void textAndRangesAnswerAsDuckDb(@ForAll("texts") String category,
      @ForAll("numbers") String low, @ForAll("numbers") String high,
      @ForAll("texts") String pattern) throws SQLException {
    same("SELECT sku, product_name FROM product_master WHERE category = " + quoted(category)
        + " AND list_price BETWEEN " + low + " AND " + high + " OR product_name LIKE "
        + quoted(pattern + "%"));
  }

  @Provide
  Arbitrary<String> inLists() {
    return Arbitraries.integers().between(-5, 3000).list().ofMinSize(1).ofMaxSize(25)
        .map(l -> String.join(", ", l.stream().map(String::valueOf).toList()));
  }

  @Property(tries = 40)
  void inListsAndJoinsAnswerAsDuckDb(@ForAll("inLists") String customers,
      @ForAll("texts") String channel, @ForAll("numbers") String quantity) throws SQLException {
    same("SELECT c.segment, COUNT(*) FROM sales_transactions s JOIN customers c "
        + "ON c.customer_id = s.customer_id WHERE c.customer_id IN (" + customers + ") "
        + "AND (s.channel <> " + quoted(channel) + " OR s.quantity >= " + quantity + ") "
        + "GROUP BY c.segment HAVING COUNT(*) > " + quantity);
  }

  @Example
  void statementsThatDifferOnlyInLiteralsShareAPlan() throws SQLException {
    String sql = "SELECT COUNT(*) FROM sales_transactions WHERE channel = %s AND quantity > %d";
    same(String.format(sql, "'online'", 1));
    long before = PlanCache.stats().hitCount();
    for (int i = 2; i < 12; i++) {
      same(String.format(sql, quoted("channel " + i), i));
    }
    assertThat(PlanCache.stats().hitCount() - before).isEqualTo(10);
    // A fraction compared with an integer column is not that shape's value: planned afresh.
    same(String.format(sql.replace("%d", "2.5"), "'online'"));
  }
}
