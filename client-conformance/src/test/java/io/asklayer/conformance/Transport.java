package io.asklayer.conformance;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.asklayer.demo.TestWarehouse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The three ways a client reaches Asklayer: the embedded driver, and a server speaking Avatica's
 * JSON or protobuf. Every conformance check runs once per transport ({@link AllTransports}); the
 * servers are {@link ConformanceFixture}'s.
 */
public enum Transport {
  EMBEDDED, JSON, PROTOBUF;

  /** The password of every demo principal on the test servers. */
  static final String PASSWORD = "demo";

  /** The JDBC URL for {@code user}, password included where one is needed. */
  public String url(String user) {
    return switch (this) {
      case EMBEDDED -> "jdbc:asklayer:user=" + user + ";today=2025-12-31;warehouse="
          + TestWarehouse.url();
      case JSON -> ConformanceFixture.servers().json().jdbcUrl() + ";user=" + user
          + ";password=" + PASSWORD;
      case PROTOBUF -> ConformanceFixture.servers().protobuf().jdbcUrl() + ";user=" + user
          + ";password=" + PASSWORD;
    };
  }

  /** A new connection as {@code user}, through {@link DriverManager} as a plain client opens one. */
  public Connection connect(String user) throws SQLException {
    return DriverManager.getConnection(url(user));
  }

  /** A HikariCP pool of connections as {@code user}, configured as an application would. */
  public HikariDataSource pool(String user) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(url(user));
    c.setDriverClassName(io.asklayer.jdbc.Driver.class.getName());
    c.setPoolName("conformance-" + name().toLowerCase(java.util.Locale.ROOT) + "-" + user);
    c.setMaximumPoolSize(2);
    c.setMinimumIdle(0);
    c.setReadOnly(true);
    return new HikariDataSource(c);
  }
}
