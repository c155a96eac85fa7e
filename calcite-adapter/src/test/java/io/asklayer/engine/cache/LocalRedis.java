package io.asklayer.engine.cache;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Redis servers for tests: the machine's shared one on 127.0.0.1:6379, and private ones this test
 * starts on a free port (to stop and restart them), from the {@code redis-server} program.
 */
final class LocalRedis implements AutoCloseable {
  static final String SHARED = "redis://127.0.0.1:6379";
  private final int port;
  private Process process;

  private LocalRedis(int port) {
    this.port = port;
  }

  /** Fails the test, naming the server, when the shared Redis is not reachable. */
  static void requireShared() {
    if (!listening(6379)) {
      fail("Redis is not running on 127.0.0.1:6379; start it with: redis-server --daemonize yes "
          + "--bind 127.0.0.1 --port 6379 --save \"\" --appendonly no");
    }
  }

  /** Starts a private server on a free port of 127.0.0.1. */
  static LocalRedis start() throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    LocalRedis r = new LocalRedis(port);
    r.restart();
    return r;
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Starts the server again on the same port (after {@link #stop()}). */
  void restart() throws IOException, InterruptedException {
    try {
      process = new ProcessBuilder(List.of("redis-server", "--bind", "127.0.0.1", "--port",
          String.valueOf(port), "--save", "", "--appendonly", "no"))
          .redirectErrorStream(true).redirectOutput(new File("/dev/null")).start();
    } catch (IOException e) {
      fail("The redis-server program is needed to start a private Redis for this test ("
          + e.getMessage() + "); install Debian's redis-server package.");
    }
    for (int i = 0; i < 100 && !listening(port); i++) {
      Thread.sleep(50);
    }
    if (!listening(port)) {
      fail("redis-server did not start listening on 127.0.0.1:" + port);
    }
  }

  /** Kills the server, as a crash would. */
  void stop() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override public void close() throws InterruptedException {
    if (process != null) {
      stop();
    }
  }
}
