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
 * The operator reader: a ratio the model defines is read as its metric; every other operator is
 * found and refused as unsupported, naming the operator, never answered without it (the silent
 * wrong answers issue 16 lists: "revenue per customer" as two columns).
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

  @Test
  void readsARatioTheModelDefinesAsItsMetric() {
    assertThat(MetricQueryText.format(session.interpret("revenue per order").query()))
        .isEqualTo("metrics: average_order_value");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = "=>", textBlock = """
      revenue per customer in 2025                => ratio
      units per order                             => ratio
      revenue growth in 2025                      => period over period
      year over year revenue growth by category   => period over period
      share of revenue by channel                 => share of total
      what percent of units were Toys             => share of total
      running total of revenue by month           => cumulative
      cumulative units by month                   => cumulative
      average monthly revenue in 2024             => average over periods or members
      revenue per store on average                => average over periods or members
      the best selling product in each category   => top within each group
      categories with a return rate above 5%      => metric filter
      stores with revenue over 1 million          => metric filter
      products never returned in 2025             => existence
      customers who did not buy in 2025           => existence
      """)
  void refusesOperatorsNamingThem(String question, String operator) {
    AskRefusal r = catchThrowableOfType(AskRefusal.class, () -> session.interpret(question));
    assertThat(r).as("refusal of '%s'", question).isNotNull();
    assertThat(r.kind()).isEqualTo(ErrorKind.UNSUPPORTED);
    assertThat(r.getMessage()).contains("asks for " + operator);
    assertThat(r.understood()).extracting(Interpretation.Reading::kind).contains("operator");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      revenue per store
      revenue not counting Central
      revenue over the last 30 days
      average rating by brand
      """)
  void leavesWhatIsNoOperator(String question) {
    assertThat(session.interpret(question).query()).isNotNull();
  }
}
