package io.asklayer.engine.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asklayer.engine.SqlSettings;
import io.asklayer.engine.error.AsklayerException;
import io.asklayer.engine.error.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The guard admits one query and refuses everything else before planning. */
class StatementGuardTest {
  private final StatementGuard guard = new StatementGuard(SqlSettings.parserConfig());

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT 1",
      "select * from returns",
      "WITH t AS (SELECT 1 AS x) SELECT x FROM t",
      "VALUES (1, 2)",
      "SELECT 1 UNION ALL SELECT 2",
      "(SELECT 1) ORDER BY 1",
      "EXPLAIN PLAN FOR SELECT * FROM regions",
      "SELECT 'DELETE FROM x' AS s",
      "SELECT \"delete\" FROM t",
  })
  void queriesPass(String sql) {
    assertThat(guard.check(sql).sql()).isEqualTo(sql);
  }

  @Test
  void trailingSemicolonsAndCommentsAreDropped() {
    assertThat(guard.check("SELECT 1 ;  -- done\n ; ").sql()).isEqualTo("SELECT 1");
    assertThat(guard.check("/* lead */ SELECT 1\t;").sql()).isEqualTo("/* lead */ SELECT 1");
    assertThat(guard.check("SELECT 'a;b';").sql()).isEqualTo("SELECT 'a;b'");
  }

  @Test
  void positionsMapBackThroughTabsAndLineBreaks() {
    String sql = "SELECT\t1,\r\n\t'x'\n;";
    assertThat(guard.check(sql).sql()).isEqualTo("SELECT\t1,\r\n\t'x'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"DELETE FROM t", "update t set a = 1", "CREATE TABLE t (a int)",
      "DROP TABLE t", "PRAGMA x", "COPY t TO 'f'", "EXPLAIN PLAN FOR DELETE FROM t",
      "((DELETE FROM t))", "SET x = 1", "INSERT INTO t VALUES (1)"})
  void writesAreUnsupported(String sql) {
    assertThatThrownBy(() -> guard.check(sql)).isInstanceOfSatisfying(AsklayerException.class,
        e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.UNSUPPORTED);
          assertThat(e.getMessage()).startsWith("Asklayer is read-only: ");
        });
  }

  @Test
  void recursiveQueriesAreRefusedPlainly() {
    assertThatThrownBy(() -> guard.check("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
        + "SELECT i + 1 FROM n WHERE i < 5) SELECT * FROM n"))
        .isInstanceOfSatisfying(AsklayerException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNSUPPORTED))
        .hasMessageStartingWith("Recursive common table expressions (WITH RECURSIVE) are not "
            + "supported");
  }

  @ParameterizedTest
  @ValueSource(strings = {"SELECT TOP 5 * FROM regions", "select distinct top (3) region_id "
      + "from regions", "SELECT a FROM (SELECT TOP 1 region_id AS a FROM regions) t"})
  void sqlServerTopIsRefusedNamingLimit(String sql) {
    assertThatThrownBy(() -> guard.check(sql)).isInstanceOfSatisfying(AsklayerException.class,
        e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNSUPPORTED))
        .hasMessageStartingWith("SELECT TOP n is SQL Server's way of limiting rows and is not "
            + "supported: end the query with LIMIT n instead");
  }

  @Test
  void aColumnNamedTopIsNoTop() {
    assertThat(guard.check("SELECT top FROM t").sql()).isEqualTo("SELECT top FROM t");
    assertThat(guard.check("SELECT top, 5 FROM t").sql()).isEqualTo("SELECT top, 5 FROM t");
  }

  @Test
  void refusalsSayWhatWasWrong() {
    assertThatThrownBy(() -> guard.check("  ;; -- nothing\n")).hasMessageStartingWith(
        "The statement is empty.");
    assertThatThrownBy(() -> guard.check("SELECT 1; SELECT 2; SELECT 3"))
        .hasMessageContaining("holds 3 statements");
    assertThatThrownBy(() -> guard.check("SELECT FROM WHERE"))
        .hasMessageStartingWith("SQL syntax error: ");
    assertThatThrownBy(() -> guard.check("SELECT 'unclosed"))
        .isInstanceOfSatisfying(AsklayerException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.USER));
  }

  /**
   * PostgreSQL's {@code ::} cast was parsed binding more loosely than arithmetic: {@code
   * 7 / 2::double} answered 3.0 where PostgreSQL says 3.5. It is refused, naming CAST.
   */
  @Test
  void infixCastsAreRefusedNamingCast() {
    assertThatThrownBy(() -> guard.check("SELECT 7 / 2::double"))
        .isInstanceOf(AsklayerException.class)
        .hasMessageContaining("The :: cast at line 1, column 13 is not supported: write "
            + "CAST(x AS type)")
        .satisfies(e -> assertThat(((AsklayerException) e).kind())
            .isEqualTo(ErrorKind.UNSUPPORTED));
    assertThat(guard.check("SELECT 'a::b' AS s").sql()).isEqualTo("SELECT 'a::b' AS s");
  }
}
