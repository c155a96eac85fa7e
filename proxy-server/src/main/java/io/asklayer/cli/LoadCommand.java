package io.asklayer.cli;

import io.asklayer.demo.DemoWarehouse;
import io.asklayer.server.AsklayerServer;
import io.asklayer.server.LoadRun;
import io.asklayer.server.ServerOptions;
import io.asklayer.server.UserStore;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts a server in this JVM on a free loopback port and puts many clients against it. */
@Command(name = "load", mixinStandardHelpOptions = true,
    versionProvider = AsklayerCli.Version.class,
    description = "Load-test a server: start one here over the warehouse, "
    + "run many clients (SQL, questions, metadata) against it, print throughput, latency and "
    + "errors.")
final class LoadCommand implements Callable<Integer> {
  @Option(names = {"-w", "--warehouse"}, paramLabel = "FILE",
      description = "DuckDB file (default: the demo warehouse).")
  Path warehouse;

  @Option(names = "--clients", defaultValue = "32", description = "Concurrent clients "
      + "(default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--seconds", defaultValue = "60", description = "How long (default: "
      + "${DEFAULT-VALUE}).")
  int seconds;

  @Override public Integer call() throws Exception {
    String url = "jdbc:duckdb:" + (warehouse != null ? warehouse.toAbsolutePath()
        : DemoWarehouse.ensureDefault(Progress.toStderr()));
    try (AsklayerServer server = AsklayerServer.start(ServerOptions.defaults().withPort(0)
        .withWarehouse(url, null, "2025-12-31").withLimits(Math.max(16, clients), Duration
            .ofMinutes(10), 1_048_576), UserStore.demo(Clock.systemUTC()))) {
      System.err.println("Warming up ...");
      LoadRun.run(server.jdbcUrl(), "demo", Math.min(clients, 8), Duration.ofSeconds(5));
      long before = heap();
      LoadRun.Result r = LoadRun.run(server.jdbcUrl(), "demo", clients,
          Duration.ofSeconds(seconds));
      long after = heap();
      System.out.println(r + "; heap after GC " + (before >> 20) + " MB -> " + (after >> 20)
          + " MB; connections left open: " + server.connections());
      r.errors().stream().limit(10).forEach(e -> System.out.println("  error: " + e));
      return r.errors().isEmpty() ? 0 : 1;
    }
  }

  private static long heap() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
