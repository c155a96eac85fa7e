package io.asklayer.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.zaxxer.hikari.HikariDataSource;
import java.time.LocalDate;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * jOOQ 3.19 over a HikariCP pool: plain SQL with binds, a DSL select on a table, and
 * {@code transactionResult}. jOOQ's meta reading (tables, keys) is the metadata suite's.
 */
class JooqConformanceTest {
  static DSLContext jooq(HikariDataSource pool) {
    return DSL.using(pool, SQLDialect.DEFAULT,
        new Settings().withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED));
  }

  @AllTransports
  void plainSqlWithBinds(Transport t) throws Exception {
    try (HikariDataSource pool = t.pool("analyst")) {
      List<String> names = jooq(pool).fetch("SELECT region_name FROM regions WHERE region_id "
          + "BETWEEN ? AND ? ORDER BY region_id", 2, 4).getValues(0, String.class);
      assertThat(names).isEqualTo(Direct.rows("SELECT region_name FROM regions WHERE region_id "
          + "BETWEEN 2 AND 4 ORDER BY region_id").stream().map(r -> r.get(0)).toList());
    }
  }

  @AllTransports
  void dslSelectOnATable(Transport t) throws Exception {
    try (HikariDataSource pool = t.pool("analyst")) {
      var orderDate = field(name("order_date"), SQLDataType.LOCALDATE);
      var channel = field(name("channel"), SQLDataType.VARCHAR);
      var quantity = field(name("quantity"), SQLDataType.INTEGER);
      var rows = jooq(pool).select(channel, DSL.sum(quantity).as("units"))
          .from(table(name("sales_transactions")))
          .where(orderDate.between(LocalDate.of(2025, 6, 1), LocalDate.of(2025, 6, 30)))
          .groupBy(channel).orderBy(channel).fetch();
      assertThat(rows.stream().map(r -> List.of(r.get(0, String.class),
          Direct.normal(r.get(1)))).toList()).isEqualTo(Direct.rows("SELECT channel, "
          + "SUM(quantity) FROM sales_transactions WHERE order_date BETWEEN DATE '2025-06-01' "
          + "AND DATE '2025-06-30' GROUP BY channel ORDER BY channel"));
    }
  }

  @AllTransports
  void transactionResult(Transport t) throws Exception {
    try (HikariDataSource pool = t.pool("analyst")) {
      int regions = jooq(pool).transactionResult(cfg -> DSL.using(cfg)
          .fetchCount(table(name("regions"))));
      assertThat(regions).isEqualTo(5);
    }
  }
}
