package io.asklayer.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring JDBC over a HikariCP pool, as an application uses them: queries with parameters of every
 * common type, {@code queryForObject}, row mappers, named parameters, read-only transactions
 * through {@link TransactionTemplate}, and a pooled connection that stays in the pool after
 * statements are refused. Answers are compared with DuckDB direct.
 */
class SpringHikariConformanceTest {
  static final String SALES = "SELECT COUNT(*) FROM sales_transactions WHERE region_id = ? "
      + "AND channel = ? AND order_date >= ? AND quantity >= ? AND unit_price >= ? "
      + "AND line_number < ?";

  @AllTransports
  void jdbcTemplateBindsEveryCommonType(Transport t) throws Exception {
    Object[] params = {3, "Amazon", LocalDate.of(2025, 1, 1), 2, new BigDecimal("10.50"), 4L};
    try (HikariDataSource pool = t.pool("analyst")) {
      JdbcTemplate jdbc = new JdbcTemplate(pool);
      Long count = jdbc.queryForObject(SALES, Long.class, params);
      assertThat(count).isPositive();
      assertThat(String.valueOf(count)).isEqualTo(Direct.rows(SALES, params).get(0).get(0));
      assertThat(jdbc.queryForObject(SALES, Long.class, 3, "Amazon",
          java.sql.Date.valueOf("2025-01-01"), 2, 10.5, 4)).isEqualTo(count);
      List<String> names = jdbc.query("SELECT region_name FROM regions WHERE region_id <= ? "
          + "ORDER BY region_id", (rs, i) -> rs.getString("region_name"), 3);
      assertThat(names).isEqualTo(Direct.rows("SELECT region_name FROM regions "
          + "WHERE region_id <= 3 ORDER BY region_id").stream().map(r -> r.get(0)).toList());
      List<Map<String, Object>> rows = jdbc.queryForList("SELECT sku, list_price FROM "
          + "product_master WHERE category = ? ORDER BY sku", "Toys");
      assertThat(rows).hasSize(Direct.rows("SELECT sku FROM product_master "
          + "WHERE category = 'Toys'").size());
    }
  }

  @AllTransports
  void namedParametersBind(Transport t) throws Exception {
    try (HikariDataSource pool = t.pool("analyst")) {
      NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(pool);
      Long count = named.queryForObject("SELECT COUNT(*) FROM sales_transactions WHERE "
          + "order_date BETWEEN :from AND :to AND channel IN (:channels)", Map.of(
              "from", LocalDate.of(2024, 1, 1), "to", LocalDate.of(2024, 1, 31),
              "channels", List.of("Store", "Amazon")), Long.class);
      assertThat(String.valueOf(count)).isEqualTo(Direct.rows("SELECT COUNT(*) FROM "
          + "sales_transactions WHERE order_date BETWEEN DATE '2024-01-01' AND DATE "
          + "'2024-01-31' AND channel IN ('Store', 'Amazon')").get(0).get(0));
    }
  }

  @AllTransports
  void readOnlyTransactionsCommitAndRollBack(Transport t) throws Exception {
    try (HikariDataSource pool = t.pool("analyst")) {
      JdbcTemplate jdbc = new JdbcTemplate(pool);
      TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(pool));
      tx.setReadOnly(true);
      Long regions = tx.execute(s -> jdbc.queryForObject("SELECT COUNT(*) FROM regions",
          Long.class));
      assertThat(regions).isEqualTo(5L);
      tx.setIsolationLevel(TransactionTemplate.ISOLATION_SERIALIZABLE);
      Long rolledBack = tx.execute(s -> {
        s.setRollbackOnly();
        return jdbc.queryForObject("SELECT COUNT(*) FROM regions", Long.class);
      });
      assertThat(rolledBack).isEqualTo(5L);
      // A failure inside the transaction rolls back and the pool carries on.
      Throwable failed = catchThrowable(() -> tx.execute(s -> jdbc.queryForObject(
          "SELECT COUNT(*) FROM regionz", Long.class)));
      assertThat(failed).isInstanceOf(DataAccessException.class);
      assertThat(failed.getCause()).isInstanceOf(java.sql.SQLException.class)
          .hasMessageContaining("Object 'regionz' not found");
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM regions", Long.class)).isEqualTo(5L);
    }
  }

  @AllTransports
  void aPooledConnectionSurvivesRefusedStatements(Transport t) throws Exception {
    try (HikariDataSource pool = t.pool("analyst")) {
      try (Connection c = pool.getConnection()) {
        JdbcTemplate onOne = new JdbcTemplate(
            new org.springframework.jdbc.datasource.SingleConnectionDataSource(c, true));
        for (String refused : List.of("SELECT * FROM regionz", "DELETE FROM regions",
            "CREATE TABLE t (x INT)", "SELECT CAST('x' AS INTEGER)")) {
          assertThat(catchThrowable(() -> onOne.queryForList(refused)))
              .as(refused).isInstanceOf(DataAccessException.class);
        }
        // HikariCP closes a connection it takes for broken; this one still answers.
        assertThat(onOne.queryForObject("SELECT COUNT(*) FROM regions", Long.class))
            .isEqualTo(5L);
        assertThat(c.isClosed()).isFalse();
      }
      assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isEqualTo(1);
    }
  }
}
