package io.asklayer.engine.ask;

import static org.assertj.core.api.Assertions.assertThat;

import io.asklayer.engine.session.EmbeddedDriver;
import io.asklayer.engine.session.Session;
import io.asklayer.engine.testing.TestEngine;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The first reader: abbreviations and typos read as the demo model's terms and the grammar's
 * words, by rule, and words left alone that must be (English words, terms, ties).
 */
class WordFormsTest {
  private static Connection connection;
  private static WordForms forms;

  @BeforeAll
  static void open() throws SQLException {
    connection = TestEngine.connect("analyst");
    Session session = EmbeddedDriver.sessionOf(connection);
    forms = new WordForms(Lexicon.of(session.model(), session.metadata()), java.util.Set.of());
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  private static String read(String word) {
    List<WordForms.Correction> corrections = new ArrayList<>();
    return forms.normalize(Tokenizer.tokenize(word), corrections).get(0).norm();
  }

  @ParameterizedTest(name = "{0} => {1}")
  @CsvSource(delimiterString = "=>", textBlock = """
      rev      => revenue
      cust     => customer
      custs    => customers
      chan     => channel
      cat      => category
      seg      => segment
      disc     => discount
      prod     => product
      qty      => quantity
      amt      => amount
      pct      => percent
      avg      => average
      yr       => year
      qtr      => quarter
      mth      => month
      ttl      => total
      """)
  void readsAbbreviationsByRule(String written, String read) {
    assertThat(read(written)).isEqualTo(read);
  }

  @ParameterizedTest(name = "{0} => {1}")
  @CsvSource(delimiterString = "=>", textBlock = """
      Janaury   => january
      Febuary   => february
      Decmber   => december
      Setpember => september
      quaterly  => quarterly
      Nrth      => north
      """)
  void readsTyposOfGrammarWordsAndShortTerms(String written, String read) {
    assertThat(read(written)).isEqualTo(read);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      revenue
      region
      rate
      gross
      net
      zebra
      """)
  void leavesKnownAndEnglishWordsAlone(String word) {
    assertThat(read(word)).isEqualTo(word);
  }

  @Test
  void saysWhatEachWordWasReadAs() {
    List<WordForms.Correction> corrections = new ArrayList<>();
    forms.normalize(Tokenizer.tokenize("rev by chan last yr"), corrections);
    assertThat(corrections).extracting(WordForms.Correction::written,
        WordForms.Correction::read).containsExactly(
            org.assertj.core.groups.Tuple.tuple("rev", "revenue"),
            org.assertj.core.groups.Tuple.tuple("chan", "channel"),
            org.assertj.core.groups.Tuple.tuple("yr", "year"));
  }
}
