package io.asklayer.engine.ask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.asklayer.engine.error.ErrorKind;
import io.asklayer.engine.model.ModelLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The first check of a question, on its words as written: what is refused before any reading. */
class AdmissionTest {
  private static final Admission ADMISSION = new Admission(ModelLoader.loadDemo(),
      "revenue, by region", "revenue by region in 2025");

  private static AskRefusal refusal(String question) {
    return catchThrowableOfType(AskRefusal.class,
        () -> ADMISSION.check(question, Tokenizer.tokenize(question)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = "=>", textBlock = """
      revenue'; DROP TABLE sales_transactions; --  => SQL syntax
      revenue UNION SELECT salary FROM employees   => SQL syntax
      please delete all returns from 2023          => cannot change
      drop the returns table                       => cannot change
      average salary by region                     => salary
      the phone number of our best customers       => phone number
      """)
  void refusesBeforeReading(String question, String reason) {
    AskRefusal r = refusal(question);
    assertThat(r).as(question).isNotNull();
    assertThat(r.getMessage()).contains(reason);
    assertThat(r.kind()).isIn(ErrorKind.USER, ErrorKind.UNSUPPORTED);
    assertThat(r.ungrounded()).as("never put to the language model").isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      revenue by region in 2025
      how many units were sent back
      returned units by reason
      """)
  void admitsQuestions(String question) {
    assertThatCode(() -> ADMISSION.check(question, Tokenizer.tokenize(question)))
        .doesNotThrowAnyException();
  }
}
