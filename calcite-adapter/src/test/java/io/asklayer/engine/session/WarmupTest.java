package io.asklayer.engine.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.asklayer.engine.testing.TestEngine;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The warm-up plans the model's statements without failures and without keeping their plans. */
class WarmupTest {
  @Test
  void plansEveryModelStatementAndKeepsNoPlan() throws Exception {
    try (Connection c = TestEngine.connect("analyst")) {
      Session session = EmbeddedDriver.sessionOf(c);
      int kinds = Warmup.statements(session.model()).size();
      assertThat(kinds).as("a lookup per table, a join per relationship, a question per "
          + "verified query").isGreaterThan(session.model().verifiedQueries().size()
          + session.model().tables().size());
      PlanCache.invalidate();
      long kept = PlanCache.size();

      Warmup.Result r = Warmup.run(c, Duration.ofMillis(1));

      assertThat(r.failed()).as("statements of the model that failed to plan: first %s",
          r.firstFailure()).isZero();
      assertThat(r.planned()).as("every statement planned at least once").isGreaterThanOrEqualTo(
          kinds);
      assertThat(PlanCache.size()).as("plans kept by the warm-up").isEqualTo(kept);
      assertThat(session.planOnly()).as("the session plans and caches normally afterwards")
          .isFalse();
      assertThat(session.drainWarnings()).as("warnings left for the user's statements").isEmpty();
    }
  }

  @Test
  void aConnectionThatAsksForAWarmupGetsOneInTheBackground() throws Exception {
    try (Connection c = TestEngine.connect("analyst", "warmup_seconds=1")) {
      Warmup.Result r = Warmup.await(Duration.ofSeconds(120));
      assertThat(r).as("the background warm-up's result").isNotNull();
      assertThat(r.failed()).as("failures; first %s", r.firstFailure()).isZero();
      assertThat(r.planned()).isGreaterThanOrEqualTo(Warmup.statements(
          EmbeddedDriver.sessionOf(c).model()).size());
    }
  }

  @Test
  void aBadWarmupValueIsRefusedWithWhatIsAccepted() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> TestEngine.connect("analyst", "warmup_seconds=forever"))
        .hasMessageContaining("warmup_seconds")
        .hasMessageContaining("a whole number of seconds from 0 to 600");
  }
}
