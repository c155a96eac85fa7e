package io.asklayer.engine.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asklayer.engine.error.AsklayerException;
import io.asklayer.engine.testing.TestEngine;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The recognise step alone: which typed statement a text is, from its words, with Asklayer's own
 * statements answered by trees (never text) and everything else left to the guard as SQL.
 */
class StatementsTest {
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

  private static Statements.Statement recognise(String sql) {
    return Statements.recognise(sql, session);
  }

  @Test
  void questionsAreTypedWithTheirQuestionWhateverTheCaseAndSpacing() {
    assertThat(recognise("ask 'revenue by region'"))
        .isEqualTo(new Statements.Ask("revenue by region", false));
    assertThat(recognise("  EXPLAIN\n ASK 'what''s up' ;"))
        .isEqualTo(new Statements.Ask("what's up", true));
  }

  @Test
  void aQuestionNotInQuotesOrWithTextAfterItIsRefusedSayingHowToWriteIt() {
    assertThatThrownBy(() -> recognise("ASK revenue by region"))
        .isInstanceOf(AsklayerException.class).hasMessageContaining("in single quotes");
    assertThatThrownBy(() -> recognise("ASK 'a' 'b'"))
        .isInstanceOf(AsklayerException.class).hasMessageContaining("nothing after it");
  }

  @Test
  void showAndDescribeAreQueriesBuiltAsTrees() {
    Statements.Statement s = recognise("SHOW METRICS");
    assertThat(s).isInstanceOf(Statements.Meta.class);
    assertThat(((Statements.Meta) s).query().toString()).containsIgnoringCase("show_metrics");
    assertThat(recognise("DESCRIBE regions")).isInstanceOf(Statements.Meta.class);
    assertThatThrownBy(() -> recognise("SHOW NOTHING")).isInstanceOf(AsklayerException.class)
        .hasMessageContaining("Unknown statement SHOW NOTHING");
  }

  @Test
  void refreshesAreTypedByWhatTheyRefresh() {
    assertThat(recognise("refresh metadata"))
        .isEqualTo(new Statements.Refresh(RefreshStatements.Kind.METADATA));
    assertThat(recognise("REFRESH DOCUMENTS"))
        .isEqualTo(new Statements.Refresh(RefreshStatements.Kind.DOCUMENTS));
  }

  @Test
  void anythingElseIsSqlForTheGuardWithItsStatementsSplit() {
    Statements.Statement s = recognise("SELECT 'ASK ''x''' FROM t; SELECT 2");
    assertThat(s).isInstanceOf(Statements.Sql.class);
    assertThat(((Statements.Sql) s).statements()).hasSize(2);
    assertThat(recognise("REFRESH MATERIALIZED VIEW v")).isInstanceOf(Statements.Sql.class);
    assertThat(recognise("SELECT ask FROM t")).isInstanceOf(Statements.Sql.class);
  }
}
