package io.asklayer.engine.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.asklayer.engine.testing.Rows;
import io.asklayer.engine.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Relative time words count from the connection's {@code today}, else the model's {@code
 * reference_date}, else the system date: the demo's data ends 2025-12-31, so on a later clock "last
 * quarter" would otherwise answer nothing.
 */
class ReferenceDateTest {
  /** A clock well after the demo data. */
  private static final EmbeddedDriver LATER = new EmbeddedDriver(TestEngine.DRIVER_WAREHOUSE,
      Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));

  private static String today(String url) throws SQLException {
    try (Connection c = LATER.connect(url, new Properties())) {
      return Rows.query(c, "SHOW MODEL").stream().filter(r -> r.get(0).equals("today"))
          .map(r -> (String) r.get(1)).findFirst().orElseThrow();
    }
  }

  @Test
  void theModelsReferenceDateUnlessTheConnectionSetsToday(@TempDir Path dir) throws Exception {
    assertThat(today("jdbc:asklayer:user=analyst")).isEqualTo("2025-12-31");
    assertThat(today("jdbc:asklayer:user=analyst;today=2024-06-30")).isEqualTo("2024-06-30");
    String demo = TestEngine.demoModel();
    assertThat(demo).contains("\nreference_date: 2025-12-31\n");
    Path model = dir.resolve("undated.yaml");
    Files.writeString(model, demo.replace("\nreference_date: 2025-12-31\n", "\n"));
    assertThat(today("jdbc:asklayer:user=analyst;model=" + model)).isEqualTo("2026-12-01");
  }

  @Test
  void lastQuarterOnALaterClockIsTheDatasLastQuarter() throws SQLException {
    try (Connection c = LATER.connect("jdbc:asklayer:user=analyst", new Properties());
        Connection d = TestEngine.duckdb()) {
      List<List<Object>> ours = Rows.query(c, "ASK 'revenue last quarter'");
      assertThat(ours).hasSize(1);
      Object theirs = Rows.query(d, "SELECT COUNT(*) FROM sales_transactions "
          + "WHERE order_date >= DATE '2025-10-01' AND order_date < DATE '2026-01-01'").get(0)
          .get(0);
      assertThat(((Number) theirs).longValue()).as("the data has sales in 2025 Q4").isPositive();
      assertThat(ours.get(0).get(ours.get(0).size() - 1)).as("revenue of 2025 Q4").isNotNull();
    }
  }
}
