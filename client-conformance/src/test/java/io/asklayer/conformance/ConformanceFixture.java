package io.asklayer.conformance;

import io.asklayer.demo.TestWarehouse;
import io.asklayer.server.AsklayerServer;
import io.asklayer.server.ServerOptions;
import io.asklayer.server.UserStore;
import java.time.Clock;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The shared fixture of the conformance suite: the scale-0.01 test warehouse and two servers over
 * it on 127.0.0.1 (free ports), one per Avatica serialization. Started once per test JVM by the
 * first test that declares {@code @ExtendWith(ConformanceFixture.class)} (on its class, or through
 * {@link AllTransports} on its method), and stopped when the whole run ends.
 */
public final class ConformanceFixture implements BeforeAllCallback, BeforeEachCallback {
  private static volatile Servers servers;

  /** The two servers; closing stops both. */
  public record Servers(AsklayerServer json, AsklayerServer protobuf) implements AutoCloseable {
    @Override public void close() throws Exception {
      try {
        json.close();
      } finally {
        protobuf.close();
      }
    }
  }

  @Override public void beforeEach(ExtensionContext context) {
    // Declared on a method ({@link AllTransports}), the extension sees no beforeAll.
    beforeAll(context);
  }

  @Override public void beforeAll(ExtensionContext context) {
    servers = context.getRoot().getStore(ExtensionContext.Namespace.create(
        ConformanceFixture.class)).getOrComputeIfAbsent(Servers.class, k -> start(),
        Servers.class);
  }

  private static Servers start() {
    ServerOptions o = ServerOptions.defaults().withPort(0)
        .withWarehouse(TestWarehouse.url(), null, "2025-12-31");
    try {
      AsklayerServer json = AsklayerServer.start(o, UserStore.demo(Clock.systemUTC()));
      try {
        return new Servers(json, AsklayerServer.start(
            o.withSerialization(ServerOptions.Serialization.PROTOBUF),
            UserStore.demo(Clock.systemUTC())));
      } catch (Exception e) {
        json.close();
        throw e;
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the conformance servers", e);
    }
  }

  /** The running servers; a class using them must declare this extension. */
  public static Servers servers() {
    Servers s = servers;
    if (s == null) {
      throw new IllegalStateException("No conformance servers: annotate the test class with "
          + "@ExtendWith(ConformanceFixture.class)");
    }
    return s;
  }
}
