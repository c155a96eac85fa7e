package io.asklayer.server;

import io.asklayer.demo.TestWarehouse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.stream.Stream;

/**
 * A JSON and a protobuf server over the test warehouse, on free loopback ports, and connections
 * to either or to the embedded driver by mode name, for tests that check one thing three ways.
 */
final class TestServers implements AutoCloseable {
  final AsklayerServer json;
  final AsklayerServer protobuf;

  private TestServers(AsklayerServer json, AsklayerServer protobuf) {
    this.json = json;
    this.protobuf = protobuf;
  }

  static TestServers start() throws Exception {
    ServerOptions o = ServerOptions.defaults().withPort(0)
        .withWarehouse(TestWarehouse.url(), null, "2025-12-31");
    AsklayerServer json = AsklayerServer.start(o, UserStore.demo(Clock.systemUTC()));
    try {
      return new TestServers(json, AsklayerServer.start(
          o.withSerialization(ServerOptions.Serialization.PROTOBUF),
          UserStore.demo(Clock.systemUTC())));
    } catch (Exception e) {
      json.close();
      throw e;
    }
  }

  /** The three ways to connect: {@code embedded}, {@code json}, {@code protobuf}. */
  static Stream<String> modes() {
    return Stream.of("embedded", "json", "protobuf");
  }

  /** A connection as {@code user} (password {@code demo} over the network) in {@code mode}. */
  Connection connect(String mode, String user) throws SQLException {
    return switch (mode) {
      case "embedded" -> DriverManager.getConnection("jdbc:asklayer:user=" + user
          + ";warehouse=" + TestWarehouse.url() + ";today=2025-12-31");
      case "json" -> DriverManager.getConnection(json.jdbcUrl() + ";user=" + user
          + ";password=demo");
      default -> DriverManager.getConnection(protobuf.jdbcUrl() + ";user=" + user
          + ";password=demo;serialization=protobuf");
    };
  }

  @Override public void close() throws Exception {
    try {
      json.close();
    } finally {
      protobuf.close();
    }
  }
}
