package io.asklayer.engine.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.asklayer.engine.testing.Rows;
import io.asklayer.engine.testing.TestEngine;
import io.asklayer.engine.warehouse.MetadataSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refreshing is a privilege: only a principal whose role grants {@code refresh} (the demo's
 * admin; the single user of a model without security) may, and only by executing
 * {@code REFRESH METADATA} or {@code REFRESH DOCUMENTS}: no SELECT, no JDBC metadata call and no
 * preparation of a statement refreshes anything.
 */
class RefreshPrivilegeTest {
  private static MetadataSnapshot snapshot(Connection c) {
    return EmbeddedDriver.sessionOf(c).metadata();
  }

  @Test
  void aPrincipalWithoutThePrivilegeIsRefusedAndNothingIsRefreshed() throws SQLException {
    try (Connection c = TestEngine.connect("analyst")) {
      MetadataSnapshot before = snapshot(c);
      for (String statement : new String[] {"REFRESH METADATA", "refresh documents"}) {
        SQLException e = catchThrowableOfType(SQLException.class, () -> Rows.query(c,
            statement));
        assertThat((Throwable) e).as(statement).isNotNull();
        assertThat(e.getMessage()).as(statement).contains(" needs the privilege 'refresh', "
            + "which principal 'analyst' does not have. It is granted by role admin (principal "
            + "admin): ask one of them to run it, or an administrator to grant the privilege.");
      }
      assertThat(snapshot(c)).isSameAs(before);
    }
  }

  @Test
  void thePrivilegedPrincipalRefreshesWhenTheStatementRunsNotWhenItIsPrepared()
      throws SQLException {
    try (Connection c = TestEngine.connect("admin")) {
      MetadataSnapshot before = snapshot(c);
      try (PreparedStatement p = c.prepareStatement("REFRESH METADATA")) {
        assertThat(snapshot(c)).as("after prepare").isSameAs(before);
        try (ResultSet rs = p.executeQuery()) {
          assertThat(Rows.read(rs)).anySatisfy(r -> assertThat(r.get(0)).isEqualTo("took_ms"));
        }
        MetadataSnapshot once = snapshot(c);
        assertThat(once).as("after execute").isNotSameAs(before);
        p.executeQuery().close();
        assertThat(snapshot(c)).as("each execution refreshes").isNotSameAs(once);
      }
    }
  }

  @Test
  void noSelectReachesARefresh() throws SQLException {
    try (Connection c = TestEngine.connect("admin")) {
      MetadataSnapshot before = snapshot(c);
      for (String fn : new String[] {"refresh_metadata", "refresh_documents"}) {
        String sql = "SELECT * FROM TABLE(asklayer." + fn + "())";
        SQLException e = catchThrowableOfType(SQLException.class, () -> Rows.query(c, sql));
        assertThat((Throwable) e).as(sql).isNotNull();
        assertThat(e.getMessage()).as(sql).contains("No match found for function signature "
            + fn);
      }
      assertThat(snapshot(c)).isSameAs(before);
    }
  }

  @Test
  void jdbcMetadataCallsDoNotRefresh() throws SQLException {
    try (Connection c = TestEngine.connect("analyst")) {
      MetadataSnapshot before = snapshot(c);
      try (ResultSet rs = c.getMetaData().getTables(null, null, null, null)) {
        assertThat(Rows.read(rs)).isNotEmpty();
      }
      try (ResultSet rs = c.getMetaData().getColumns(null, "asklayer", null, null)) {
        Rows.read(rs);
      }
      assertThat(snapshot(c)).isSameAs(before);
    }
  }

  @Test
  void theSingleUserOfAModelWithoutSecurityMayRefresh(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("open.yaml");
    Files.writeString(model, withoutSecurity());
    try (Connection c = TestEngine.connect("solo", "model=" + model)) {
      MetadataSnapshot before = snapshot(c);
      assertThat(Rows.query(c, "REFRESH METADATA")).isNotEmpty();
      assertThat(snapshot(c)).isNotSameAs(before);
    }
  }

  /** The demo model with its {@code security:} section left out. */
  static String withoutSecurity() throws IOException {
    try (InputStream in = RefreshPrivilegeTest.class.getResourceAsStream(
        "/io/asklayer/engine/model/retail.yaml")) {
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int from = yaml.indexOf("\nsecurity:\n");
      int to = yaml.indexOf("\n# Limits on every statement");
      assertThat(from).isPositive();
      assertThat(to).isGreaterThan(from);
      return yaml.substring(0, from + 1) + yaml.substring(to + 1);
    }
  }
}
