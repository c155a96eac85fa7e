package io.asklayer.engine.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.asklayer.engine.testing.Rows;
import io.asklayer.engine.testing.TestEngine;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SHOW, DESCRIBE and REFRESH statements return result sets a SQL client can show. */
class MetaStatementsTest {
  private static Connection c;

  @BeforeAll
  static void open() throws SQLException {
    c = TestEngine.connect("analyst");
  }

  @AfterAll
  static void close() throws SQLException {
    c.close();
  }

  private static Map<String, String> properties(String sql) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    for (List<Object> row : Rows.query(c, sql)) {
      out.put((String) row.get(0), (String) row.get(1));
    }
    return out;
  }

  @Test
  void showMetricsListsEveryMetricWithItsDefinition() throws SQLException {
    List<List<Object>> rows = Rows.query(c, "show metrics;");
    assertThat(rows).hasSize(12);
    assertThat(rows).anySatisfy(r -> assertThat(r).containsExactly("gross_margin_pct", "ratio",
        "gross_margin / revenue", "percent", "margin %, margin percent, margin percentage, "
            + "gross margin percentage, gross margin %, margin rate, profit margin",
        "Gross margin as a fraction of revenue, computed at the grouping asked for."));
    assertThat(rows).anySatisfy(r -> assertThat(r.subList(0, 3)).containsExactly("order_count",
        "count_distinct", "count(distinct order_id)"));
  }

  @Test
  void showDimensionsIncludesTheWarehousesValues() throws SQLException {
    List<List<Object>> rows = Rows.query(c, "SHOW DIMENSIONS");
    assertThat(rows).anySatisfy(r -> {
      assertThat(r.get(0)).isEqualTo("region");
      assertThat(r.get(5)).isEqualTo("5");
      assertThat(r.get(6)).isEqualTo("Central, East, North, South, West");
    });
    assertThat(rows).anySatisfy(r -> {
      assertThat(r.get(0)).isEqualTo("order_date");
      assertThat(r.get(3)).isEqualTo("day, week, month, quarter, year");
      assertThat(r.get(6)).isEqualTo("2023-01-01 .. 2025-12-31");
    });
  }

  @Test
  void describeMetricShowsTheSqlItCompilesTo() throws SQLException {
    Map<String, String> p = properties("DESCRIBE METRIC gross_margin");
    assertThat(p).containsEntry("kind", "derived").containsEntry("definition", "revenue - cogs")
        .containsEntry("synonyms",
            "margin, gross profit, profit, profits, profitable, profitability");
    assertThat(p.get("sql")).startsWith("SELECT CAST(ROUND(COALESCE(SUM(").contains("\"fx_rates\"")
        .contains("\"product_master\"").contains(") - COALESCE(SUM(");
    assertThat(properties("DESCRIBE DIMENSION \"channel\""))
        .containsEntry("values", "Amazon, Magento, Shopify, Store");
  }

  @Test
  void showModelExposesTheFingerprint() throws SQLException {
    Map<String, String> p = properties("SHOW MODEL");
    assertThat(p.get("fingerprint")).hasSize(16);
    assertThat(p).containsEntry("model", "retail").containsEntry("principal", "analyst")
        .containsEntry("today", "2025-12-31");
  }

  @Test
  void refreshMetadataRereadsTheWarehouse() throws SQLException {
    Map<String, String> p = new LinkedHashMap<>();
    try (Connection admin = TestEngine.connect("admin")) {
      for (List<Object> row : Rows.query(admin, "REFRESH METADATA")) {
        p.put((String) row.get(0), (String) row.get(1));
      }
    }
    assertThat(p).containsEntry("dimensions", "17").containsKeys("took_ms", "taken_at");
    assertThat(Long.parseLong(p.get("values_listed"))).isGreaterThan(300);
  }

  @Test
  void mistakesAreExplained() {
    assertThat((Throwable) catchThrowableOfType(SQLException.class,
        () -> Rows.query(c, "DESCRIBE METRIC profitability")))
        .hasMessageContaining("There is no metric 'profitability'. Metrics are: "
            + "average_order_value");
    assertThat((Throwable) catchThrowableOfType(SQLException.class, () -> Rows.query(c, "SHOW VIEWS")))
        .hasMessageContaining("Asklayer understands SHOW METRICS, SHOW DIMENSIONS");
    assertThat((Throwable) catchThrowableOfType(SQLException.class,
        () -> Rows.query(c, "SHOW TABLES LIKE 'x'")))
        .hasMessageContaining("Write SHOW TABLES, or SHOW TABLES FROM schema.");
    assertThat((Throwable) catchThrowableOfType(SQLException.class,
        () -> Rows.query(c, "DESCRIBE METRIC a b")))
        .hasMessageContaining("followed by one name");
  }
}
