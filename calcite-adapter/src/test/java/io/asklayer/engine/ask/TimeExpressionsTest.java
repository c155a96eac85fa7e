package io.asklayer.engine.ask;

import static org.assertj.core.api.Assertions.assertThat;

import io.asklayer.engine.model.TimeGrain;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Time words read into day ranges (first day included, last excluded) by DESIGN section 4's rules,
 * relative to a fixed today: a Wednesday, 2025-06-18.
 */
class TimeExpressionsTest {
  private static final LocalDate TODAY = LocalDate.of(2025, 6, 18);

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      in 2024                               | 2024-01-01 | 2025-01-01
      for fiscal year 2023                  | 2023-01-01 | 2024-01-01
      FY2024                                | 2024-01-01 | 2025-01-01
      Q3 2024                               | 2024-07-01 | 2024-10-01
      2024 Q1                               | 2024-01-01 | 2024-04-01
      the third quarter of 2025             | 2025-07-01 | 2025-10-01
      3rd quarter 2023                      | 2023-07-01 | 2023-10-01
      the fourth quarter                    | 2024-10-01 | 2025-01-01
      the first quarter                     | 2025-01-01 | 2025-04-01
      Q4 of last year                       | 2024-10-01 | 2025-01-01
      the last quarter of 2023              | 2023-10-01 | 2024-01-01
      March 2025                            | 2025-03-01 | 2025-04-01
      in Sept 2024                          | 2024-09-01 | 2024-10-01
      in March                              | 2025-03-01 | 2025-04-01
      in August                             | 2024-08-01 | 2024-09-01
      2025-03                               | 2025-03-01 | 2025-04-01
      the first half of 2025                | 2025-01-01 | 2025-07-01
      H2 2024                               | 2024-07-01 | 2025-01-01
      the second half                       | 2024-07-01 | 2025-01-01
      on 2025-03-07                         | 2025-03-07 | 2025-03-08
      on 3/7/2025                           | 2025-03-07 | 2025-03-08
      on March 7, 2025                      | 2025-03-07 | 2025-03-08
      on March 7th 2025                     | 2025-03-07 | 2025-03-08
      on 7 March 2025                       | 2025-03-07 | 2025-03-08
      between March 1, 2025 and May 31, 2025 | 2025-03-01 | 2025-06-01
      between Q1 2024 and Q2 2024           | 2024-01-01 | 2024-07-01
      from 2024-01-01 to 2024-06-30         | 2024-01-01 | 2024-07-01
      from January to March 2025            | 2025-01-01 | 2025-04-01
      from 2023 through 2024                | 2023-01-01 | 2025-01-01
      2023 to 2024                          | 2023-01-01 | 2025-01-01
      since October 2024                    | 2024-10-01 | 2025-06-19
      before 2024                           |            | 2024-01-01
      until March 2024                      |            | 2024-04-01
      after Q1 2025                         | 2025-04-01 |
      last quarter                          | 2025-01-01 | 2025-04-01
      the previous month                    | 2025-05-01 | 2025-06-01
      last year                             | 2024-01-01 | 2025-01-01
      last week                             | 2025-06-09 | 2025-06-16
      this year                             | 2025-01-01 | 2025-06-19
      this quarter                          | 2025-04-01 | 2025-06-19
      year to date                          | 2025-01-01 | 2025-06-19
      YTD                                   | 2025-01-01 | 2025-06-19
      year-to-date                          | 2025-01-01 | 2025-06-19
      so far this year                      | 2025-01-01 | 2025-06-19
      the last 30 days                      | 2025-05-20 | 2025-06-19
      past 7 days                           | 2025-06-12 | 2025-06-19
      the last two weeks                    | 2025-06-05 | 2025-06-19
      the last 3 months                     | 2025-03-19 | 2025-06-19
      yesterday                             | 2025-06-17 | 2025-06-18
      today                                 | 2025-06-18 | 2025-06-19
      the year before last                  | 2023-01-01 | 2024-01-01
      """)
  void readsTheRange(String words, String from, String to) {
    List<TimeExpressions.Found> found = TimeExpressions.ranges(Tokenizer.tokenize(words), TODAY);
    assertThat(found).as(words).hasSize(1);
    TimeExpressions.Found f = found.get(0);
    assertThat(f.from()).as("first day of '%s'", words)
        .isEqualTo(from == null ? null : LocalDate.parse(from));
    assertThat(f.to()).as("day after '%s'", words)
        .isEqualTo(to == null ? null : LocalDate.parse(to));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      monthly           | MONTH
      by quarter        | QUARTER
      weekly            | WEEK
      daily             | DAY
      per year          | YEAR
      annual            | YEAR
      month over month  | MONTH
      which months      | MONTH
      """)
  void readsTheGrain(String words, TimeGrain grain) {
    List<Token> tokens = Tokenizer.tokenize(words);
    TimeExpressions.Found g = null;
    for (int i = 0; i < tokens.size() && g == null; i++) {
      g = TimeExpressions.grain(tokens, i);
    }
    assertThat(g).as(words).isNotNull();
    assertThat(g.grain()).as(words).isEqualTo(grain);
    assertThat(TimeExpressions.ranges(tokens, TODAY)).as("'%s' is no range", words).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      you may ask
      top 5 products
      revenue by region
      the 1000-Piece Puzzle
      """)
  void findsNoTimeWhereThereIsNone(String words) {
    assertThat(TimeExpressions.ranges(Tokenizer.tokenize(words), TODAY)).as(words).isEmpty();
  }
}
