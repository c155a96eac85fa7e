package io.asklayer.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.asklayer.demo.TestWarehouse;
import io.asklayer.engine.session.SessionConfig;
import io.asklayer.engine.session.Warmup;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A server asked to warm up does so when it starts, before any client connects. */
class ServerWarmupTest {
  @Test
  void warmsUpAtStartWithoutAClient() throws Exception {
    try (AsklayerServer server = AsklayerServer.start(ServerOptions.defaults().withPort(0)
        .withWarehouse(TestWarehouse.url(), null, "2025-12-31")
        .withSessionProperties(Map.of(SessionConfig.WARMUP, "1")),
        UserStore.demo(Clock.systemUTC()))) {
      Warmup.Result r = Warmup.await(Duration.ofSeconds(120));
      assertThat(r).as("the warm-up's result, with no client connected").isNotNull();
      assertThat(r.failed()).as("failures; first %s", r.firstFailure()).isZero();
      assertThat(r.planned()).isPositive();
      assertThat(server.connections()).as("client connections counted").isZero();
    }
  }
}
