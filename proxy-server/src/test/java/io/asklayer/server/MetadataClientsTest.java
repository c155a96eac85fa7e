package io.asklayer.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.asklayer.demo.TestWarehouse;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Meta;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Metadata clients nobody here wrote, embedded and over the network: jOOQ's meta reader, and the
 * calls DBeaver's navigator makes when it opens a connection, replayed in its order. Keys are
 * compared with the ones the warehouse itself declares (DuckDB direct).
 */
class MetadataClientsTest {
  private static TestServers servers;

  @BeforeAll
  static void start() throws Exception {
    servers = TestServers.start();
  }

  @AfterAll
  static void stop() throws Exception {
    servers.close();
  }

  static Stream<String> modes() {
    return TestServers.modes();
  }

  private static Connection connect(String mode, String user) throws SQLException {
    return servers.connect(mode, user);
  }

  /**
   * The primary key columns DuckDB declares for a table, in key order; for sales lines, which the
   * warehouse declares no key for, the model's.
   */
  private static List<String> duckDbKey(String table) throws SQLException {
    if (table.equals("sales_transactions")) {
      return List.of("order_id", "line_number");
    }
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    List<String[]> key = new ArrayList<>();
    try (Connection d = DriverManager.getConnection(TestWarehouse.url(), p);
        ResultSet rs = d.getMetaData().getPrimaryKeys(null, "main", table)) {
      while (rs.next()) {
        key.add(new String[] {rs.getString("KEY_SEQ"), rs.getString("COLUMN_NAME")});
      }
    }
    key.sort(java.util.Comparator.comparing((String[] k) -> Integer.parseInt(k[0])));
    return key.stream().map(k -> k[1]).toList();
  }

  @ParameterizedTest
  @MethodSource("modes")
  void jooqsMetaReaderFindsTheSchemasTablesAndKeys(String mode) throws SQLException {
    try (Connection c = connect(mode, "north_manager")) {
      // jOOQ guesses the dialect from the URL, and an embedded URL names the DuckDB warehouse:
      // DuckDB's catalog queries are not Asklayer's SQL, so the dialect is given.
      DSLContext ctx = DSL.using(c, org.jooq.SQLDialect.DEFAULT);
      Meta meta = ctx.meta();
      // jOOQ's default dialect reads no catalog names; its one catalog must still hold them all.
      assertThat(meta.getCatalogs()).hasSize(1);
      assertThat(meta.getCatalogs().get(0).getSchemas()).extracting(org.jooq.Schema::getName)
          .contains("retail", "semantic");
      assertThat(meta.getSchemas()).extracting(org.jooq.Schema::getName)
          .contains("retail", "semantic");
      List<Table<?>> tables = meta.getSchemas("retail").get(0).getTables();
      assertThat(tables).extracting(Table::getName).contains("sales_transactions", "regions")
          .doesNotContain("employees");
      for (Table<?> t : tables) {
        List<String> key = t.getPrimaryKey() == null ? List.of()
            : t.getPrimaryKey().getFields().stream().map(org.jooq.Field::getName).toList();
        assertThat(key).as("primary key of %s", t.getName()).isEqualTo(duckDbKey(t.getName()));
      }
      Table<?> regions = meta.getSchemas("retail").get(0).getTable("regions");
      assertThat(regions.fields()).extracting(f -> f.getName() + " "
          + f.getDataType().getTypeName()).containsExactly("region_id integer",
          "region_name varchar");
      Table<?> stores = meta.getSchemas("retail").get(0).getTable("stores");
      assertThat(stores.getReferences()).extracting(r -> r.getKey().getTable().getName())
          .containsExactly("regions");
      // jOOQ's query over a table it read: the North manager sees North's one row.
      assertThat(ctx.selectCount().from(regions).fetchOne(0, Integer.class)).isEqualTo(5);
      assertThat(ctx.selectCount().from(stores).fetchOne(0, Long.class)).isEqualTo(
          ServerTest.direct("SELECT COUNT(*) FROM stores WHERE region_id = 1"));
    }
  }

  @ParameterizedTest
  @MethodSource("modes")
  void dbeaversNavigatorCallsAnswer(String mode) throws SQLException {
    try (Connection c = connect(mode, "analyst")) {
      DatabaseMetaData md = c.getMetaData();
      List<String> catalogs = MetadataTest.column(md.getCatalogs(), "TABLE_CAT");
      assertThat(catalogs).containsExactly("retail");
      List<String> schemas = MetadataTest.column(md.getSchemas(catalogs.get(0), null),
          "TABLE_SCHEM");
      assertThat(schemas).containsExactly("asklayer", "retail", "semantic");
      String[] types = MetadataTest.column(md.getTableTypes(), "TABLE_TYPE")
          .toArray(String[]::new);
      int walked = 0;
      for (String schema : schemas) {
        for (String table : MetadataTest.column(md.getTables(catalogs.get(0), schema, null,
            types), "TABLE_NAME")) {
          assertThat(MetadataTest.column(md.getColumns(catalogs.get(0), schema, table, null),
              "COLUMN_NAME")).as(table).isNotEmpty();
          List<String> key = MetadataTest.column(md.getPrimaryKeys(catalogs.get(0), schema,
              table), "COLUMN_NAME");
          List<String> imported = MetadataTest.column(md.getImportedKeys(catalogs.get(0),
              schema, table), "FKCOLUMN_NAME");
          List<String> indexed = MetadataTest.column(md.getIndexInfo(catalogs.get(0), schema,
              table, false, true), "COLUMN_NAME");
          if (schema.equals("retail")) {
            assertThat(key).as("key of %s", table).containsExactlyInAnyOrderElementsOf(
                duckDbKey(table));
            assertThat(indexed).as("index of %s", table).containsExactlyInAnyOrderElementsOf(key);
          } else {
            assertThat(key).as("semantic views have no key").isEmpty();
            assertThat(imported).isEmpty();
          }
          walked++;
        }
      }
      assertThat(walked).as("11 warehouse tables (no employees) and 3 semantic views")
          .isEqualTo(14);
    }
  }
}
