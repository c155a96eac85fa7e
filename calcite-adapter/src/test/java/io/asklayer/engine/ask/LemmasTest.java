package io.asklayer.engine.ask;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Base forms from WordNet: inflected, irregular and plural words reach their base words. */
class LemmasTest {
  @ParameterizedTest(name = "{0} => {1}")
  @CsvSource(delimiterString = "=>", textBlock = """
      sold       => sell
      sent       => send
      bought     => buy
      came       => come
      customers  => customer
      categories => category
      returned   => return
      shipped    => ship
      """)
  void findsBaseForms(String word, String base) {
    assertThat(Lemmas.forms(word)).contains(base);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      sku
      aov
      qty
      """)
  void leavesWordsWordNetDoesNotKnow(String word) {
    assertThat(Lemmas.forms(word)).containsExactly(word);
    assertThat(Lemmas.english(word)).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      rate
      cat
      ship
      """)
  void knowsEnglishWords(String word) {
    assertThat(Lemmas.english(word)).isTrue();
  }
}
