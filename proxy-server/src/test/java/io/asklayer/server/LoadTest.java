package io.asklayer.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.asklayer.demo.TestWarehouse;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * 32 clients at once (mixed SQL, questions, metadata) against a server, for
 * {@code asklayer.load.seconds} (20 by default; {@code bin/asklayer load} runs the long version):
 * no errors, no leaked connections, memory flat. Throughput is reported, never asserted.
 */
class LoadTest {
  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  @Test
  void thirtyTwoClientsRunWithoutErrorsLeaksOrGrowth() throws Exception {
    int seconds = Integer.getInteger("asklayer.load.seconds", 20);
    try (AsklayerServer server = AsklayerServer.start(ServerOptions.defaults().withPort(0)
        .withWarehouse(TestWarehouse.url(), null, "2025-12-31"),
        UserStore.demo(Clock.systemUTC()))) {
      LoadRun.Result warm = LoadRun.run(server.jdbcUrl(), "demo", 8, Duration.ofSeconds(3));
      assertThat(warm.errors()).isEmpty();
      long before = usedHeapAfterGc();
      LoadRun.Result r = LoadRun.run(server.jdbcUrl(), "demo", 32, Duration.ofSeconds(seconds));
      long after = usedHeapAfterGc();
      System.out.printf("LoadTest: %s; heap after GC %d MB -> %d MB%n", r, before >> 20,
          after >> 20);
      assertThat(r.errors()).isEmpty();
      // How many operations ran is printed, not asserted: on a shared machine it says more
      // about the neighbours than about the server.
      assertThat(server.connections()).as("every client connection closed").isZero();
      assertThat((after - before) >> 20).as("heap growth in MB").isLessThan(128);
    }
  }
}
