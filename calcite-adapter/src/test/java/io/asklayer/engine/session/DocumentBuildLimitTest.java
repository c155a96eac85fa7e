package io.asklayer.engine.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.asklayer.engine.error.AsklayerException;
import io.asklayer.engine.error.Messages;
import io.asklayer.engine.testing.Rows;
import io.asklayer.engine.testing.TestEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Document search is held to the statement's limits: building a policy's index stops at the
 * planning statement's cancel flag (raised by {@code Statement.cancel()} or the time limit) with
 * the planning message, and keeps nothing half built; a search query longer than the model's
 * {@code max_question_length} is refused before the index is touched. The flag is raised
 * directly, so nothing here waits for a clock.
 */
class DocumentBuildLimitTest {
  /** The demo model under another fingerprint, so this test's policy has no index yet. */
  private static Path ownModel(Path dir) throws IOException {
    Path model = dir.resolve("retail-own.yaml");
    try (var in = DocumentBuildLimitTest.class.getResourceAsStream(
        "/io/asklayer/engine/model/retail.yaml")) {
      Files.write(model, in.readAllBytes());
    }
    Files.writeString(model, "\n# " + dir + ": an index of its own\n",
        java.nio.file.StandardOpenOption.APPEND);
    return model;
  }

  @Test
  void aStoppedStatementStopsTheIndexBuildAndNothingIsKept(@TempDir Path dir) throws Exception {
    try (Connection c = TestEngine.connect("north_manager", "model=" + ownModel(dir));
        Connection duckdb = TestEngine.duckdb()) {
      Session session = EmbeddedDriver.sessionOf(c);
      PlanningLimit.begin(0);
      try {
        PlanningLimit.cancel(Thread.currentThread());
        AsklayerException e = catchThrowableOfType(AsklayerException.class,
            () -> Documents.index(session));
        assertThat((Throwable) e).as("cancelled").isNotNull();
        assertThat(e).hasMessage("The statement was cancelled while it was being planned.");
      } finally {
        PlanningLimit.end();
      }
      PlanningLimit.begin(20);
      try {
        // As the timer does at the limit, without waiting for it.
        PlanningLimit.current().timedOut = true;
        PlanningLimit.current().flag.set(true);
        AsklayerException e = catchThrowableOfType(AsklayerException.class,
            () -> Documents.index(session));
        assertThat((Throwable) e).as("timed out").isNotNull();
        assertThat(e.getMessage()).startsWith(Messages.PLANNING_TIMED_OUT + " (20 seconds)");
      } finally {
        PlanningLimit.end();
      }
      // Nothing half built was kept: the next search builds the whole index.
      long documents = ((Number) Rows.query(duckdb, "SELECT (SELECT count(*) FROM "
          + "product_reviews r JOIN customers c ON c.customer_id = r.customer_id WHERE "
          + "c.region_id = 1) + (SELECT count(*) FROM policy_documents WHERE region_id = 1 OR "
          + "region_id IS NULL) + (SELECT count(*) FROM supplier_emails)").get(0).get(0))
          .longValue();
      assertThat(Documents.index(session).size()).isEqualTo(documents);
    }
  }

  @Test
  void aSearchLongerThanTheQuestionLimitIsRefusedUpFront() throws SQLException {
    try (Connection c = TestEngine.connect("analyst")) {
      String query = "battery ".repeat(70).strip();
      assertThat(query).hasSize(559);
      SQLException e = catchThrowableOfType(SQLException.class, () -> Rows.query(c,
          "SELECT doc_id FROM TABLE(search_documents('" + query + "', 5))"));
      assertThat((Throwable) e).isNotNull();
      assertThat(e.getMessage()).contains("The search_documents query is 559 characters long; "
          + "queries may have at most 500 (the model's guardrail max_question_length). Search "
          + "with fewer, more telling words.");
      assertThat(Rows.query(c, "SELECT doc_id FROM TABLE(search_documents('" + query
          .substring(0, 500) + "', 5))")).as("at the limit").isNotEmpty();
    }
  }
}
