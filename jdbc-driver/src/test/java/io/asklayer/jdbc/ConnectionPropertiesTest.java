package io.asklayer.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.asklayer.demo.TestWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Connection properties are checked at connect: a bad one is named, with what is accepted. */
class ConnectionPropertiesTest {
  private static SQLException connectFails(String url, Properties info) {
    return catchThrowableOfType(SQLException.class,
        () -> DriverManager.getConnection(url, info).close());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "user=analyst;colour=blue | 42000 | Unknown connection property 'colour'. Accepted properties: model, warehouse, user, today, password",
      "user=analyst;today=yesterday | 42000 | 'today' has value 'yesterday', which is not accepted: an ISO date",
      "user=analyst;today=2025-13-01 | 42000 | 'today' has value '2025-13-01'",
      "user=analyst;warehouse=jdbc:mysql://x/y | 42000 | 'warehouse' has value 'jdbc:mysql://x/y', which is not accepted: a JDBC URL starting with jdbc:duckdb:..., jdbc:postgresql:..., jdbc:snowflake:...",
      "user=analyst;warehouse=jdbc:duckdb: | 42000 | an in-memory database has no tables",
      "user=analyst;warehouse=jdbc:duckdb:/no/such/file.duckdb | 42000 | a DuckDB file that exists; create the demo warehouse with: bin/asklayer generate --out /no/such/file.duckdb",
      "user=analyst;model=/no/such/model.yaml | 42000 | 'model' has value '/no/such/model.yaml', which is not accepted: a path to a semantic model YAML file that exists",
      "today=2025-01-01 | 28000 | No user: set the connection property 'user'",
      "user= | 28000 | No user",
  })
  void badPropertiesAreNamed(String props, String state, String message) {
    SQLException e = connectFails("jdbc:asklayer:" + props, new Properties());
    assertThat((Throwable) e).isNotNull();
    assertThat(e.getSQLState()).isEqualTo(state);
    assertThat(e.getMessage()).contains(message);
  }

  @Test
  void propertiesMayComeInPropertiesToo() throws SQLException {
    Properties info = new Properties();
    info.setProperty("user", "analyst");
    info.setProperty("password", "ignored-when-embedded");
    info.setProperty("warehouse", TestWarehouse.url());
    info.setProperty("today", "2024-06-30");
    try (Connection c = DriverManager.getConnection("jdbc:asklayer:", info);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM regions")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(5);
    }
    info.setProperty("shoe_size", "44");
    assertThat((Throwable) connectFails("jdbc:asklayer:", info)).hasMessageContaining("'shoe_size'");
  }

  @Test
  void aBrokenModelFailsAtConnectWithItsPosition(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("broken.yaml");
    Files.writeString(model, "model: broken\ntables:\n  sales: {table: sales_transactions}\n"
        + "metrics:\n  revenue: {aggregate: sum, table: sales, expression: quantity * nope}\n");
    SQLException e = connectFails("jdbc:asklayer:user=analyst;warehouse=" + TestWarehouse.url()
        + ";model=" + model, new Properties());
    assertThat(e.getSQLState()).isEqualTo("42000");
    assertThat(e.getMessage()).contains(model + ":5:");
    assertThat(e.getMessage()).contains("names column 'nope', which table 'sales' does not have");
  }
}
