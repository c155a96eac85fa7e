package io.asklayer.engine.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.asklayer.engine.error.AsklayerException;
import io.asklayer.engine.error.ErrorKind;
import io.asklayer.engine.testing.Rows;
import io.asklayer.engine.testing.TestEngine;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JDBC escape processing: the escapes become the SQL they stand for, nothing else in the text
 * changes (not even a position), and what is not an escape, or is inside a string, a quoted
 * identifier or a comment, is left alone.
 */
class JdbcEscapesTest {
  @Test
  void anOuterJoinEscapeIsTheJoinInParentheses() {
    assertThat(JdbcEscapes.process(
        "SELECT * FROM {oj regions r LEFT OUTER JOIN stores s ON r.region_id = s.region_id}"))
        .isEqualTo(
            "SELECT * FROM (   regions r LEFT OUTER JOIN stores s ON r.region_id = s.region_id)");
    assertThat(JdbcEscapes.process("SELECT 1 FROM { OJ a LEFT JOIN b ON a.x = b.x }"))
        .isEqualTo("SELECT 1 FROM (    a LEFT JOIN b ON a.x = b.x )");
  }

  @Test
  void escapesNestWithEachOtherAndWithTheOnesCalciteReads() {
    assertThat(JdbcEscapes.process("SELECT {fn UCASE(a.n)} FROM {oj a LEFT JOIN {oj b LEFT JOIN c "
        + "ON b.k = c.k} ON {fn LCASE(a.k)} = b.k} WHERE a.d >= {d '2024-01-01'}"))
        .isEqualTo("SELECT {fn UCASE(a.n)} FROM (   a LEFT JOIN (   b LEFT JOIN c "
            + "ON b.k = c.k) ON {fn LCASE(a.k)} = b.k) WHERE a.d >= {d '2024-01-01'}");
  }

  @Test
  void likeEscapeAndLimitEscapesAreTheirKeywords() {
    assertThat(JdbcEscapes.process("SELECT n FROM t WHERE n LIKE 'a\\_%' {escape '\\'}"))
        .isEqualTo("SELECT n FROM t WHERE n LIKE 'a\\_%'  escape '\\' ");
    assertThat(JdbcEscapes.process("SELECT n FROM t ORDER BY n {LIMIT 10 OFFSET 5}"))
        .isEqualTo("SELECT n FROM t ORDER BY n  LIMIT 10 OFFSET 5 ");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT '{oj a}', '{escape ''x''}' FROM t",
      "SELECT \"{oj\" FROM t /* {oj a LEFT JOIN b ON x} */",
      "SELECT 1 -- {call p}\nFROM t",
      "SELECT {fn CONCAT('{', '}')} FROM t",
      "SELECT {ts '2024-01-01 00:00:00'}, {t '10:00:00'} FROM t",
      "SELECT region_id FROM regions",
      "SELECT 1 FROM t WHERE x = '}'",
  })
  void textThatIsNotAnEscapeIsLeftExactlyAsItIs(String sql) {
    assertThat(JdbcEscapes.process(sql)).isEqualTo(sql);
  }

  @Test
  void braceWithoutAKnownEscapeIsLeftForTheParserToJudge() {
    assertThat(JdbcEscapes.process("SELECT {x 1}")).isEqualTo("SELECT {x 1}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{call p(1)}", "{? = call f(?)}", "{?= call f(?)}",
      "{ CALL p }"})
  void procedureCallsAreRefusedAsUnsupported(String sql) {
    AsklayerException e = catchThrowableOfType(AsklayerException.class,
        () -> JdbcEscapes.process(sql));
    assertThat(e.kind()).isEqualTo(ErrorKind.UNSUPPORTED);
    assertThat(e.getMessage()).startsWith("JDBC procedure calls ({call ...}, {? = call ...}, "
        + "at line 1, column 1) are not supported");
  }

  @Test
  void anEscapeLeftOpenIsRefusedWithWhereItStarts() {
    AsklayerException e = catchThrowableOfType(AsklayerException.class,
        () -> JdbcEscapes.process("SELECT *\nFROM  {oj a LEFT JOIN b ON a.k = b.k"));
    assertThat(e.kind()).isEqualTo(ErrorKind.USER);
    assertThat(e.getMessage()).isEqualTo(
        "The JDBC escape {oj at line 2, column 7 is not closed: end it with }.");
  }

  /** The parser's positions point into the text the client wrote, escapes included. */
  @Test
  void errorsAfterProcessingNameTheClientsLineAndColumn() throws SQLException {
    try (Connection c = TestEngine.connect("analyst")) {
      SQLException e = catchThrowableOfType(SQLException.class, () -> Rows.query(c,
          "SELECT r.region_name FROM {oj regions r LEFT OUTER JOIN stores s\n"
              + "  ON r.region_id = s.no_such_column}"));
      assertThat(e.getMessage()).contains("line 2, column 22").contains("no_such_column");
    }
  }

  @Test
  void statementsWithEscapesAnswerAsTheSqlTheyStandFor() throws SQLException {
    try (Connection c = TestEngine.connect("analyst")) {
      List<List<Object>> escaped = Rows.query(c, "SELECT r.region_name, COUNT(s.store_id) AS n "
          + "FROM {oj regions r LEFT OUTER JOIN stores s ON r.region_id = s.region_id} "
          + "WHERE r.region_name LIKE '%h' {escape '\\'} GROUP BY 1 ORDER BY 1 {limit 1 offset 1}");
      List<List<Object>> plain = Rows.query(c, "SELECT r.region_name, COUNT(s.store_id) AS n "
          + "FROM regions r LEFT OUTER JOIN stores s ON r.region_id = s.region_id "
          + "WHERE r.region_name LIKE '%h' ESCAPE '\\' GROUP BY 1 ORDER BY 1 LIMIT 1 OFFSET 1");
      assertThat(escaped).isEqualTo(plain).hasSize(1);
    }
  }
}
