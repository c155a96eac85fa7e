package io.asklayer.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code SHOW SCHEMAS}, {@code SHOW TABLES}, {@code DESCRIBE [TABLE] t} and
 * {@code SHOW COLUMNS FROM t} as SQL clients type them: answered from the catalog the metadata
 * calls read, the warehouse tables and columns as DuckDB direct has them, and only what the
 * principal may read.
 */
class CatalogStatementsConformanceTest {
  @AllTransports
  void showSchemasListsTheSchemasOfTheMetadataCalls(Transport t) throws SQLException {
    try (Connection c = t.connect("analyst")) {
      List<List<String>> fromMetadata;
      try (ResultSet rs = c.getMetaData().getSchemas()) {
        fromMetadata = new ArrayList<>();
        while (rs.next()) {
          fromMetadata.add(List.of(rs.getString("TABLE_SCHEM")));
        }
      }
      assertThat(query(c, "SHOW SCHEMAS")).isEqualTo(fromMetadata)
          .contains(List.of("retail"), List.of("semantic"));
    }
  }

  @AllTransports
  void showTablesListsDuckDbsTablesAndTheSemanticViews(Transport t) throws SQLException {
    List<List<String>> duck = Direct.rows("SELECT table_name FROM information_schema.tables "
        + "WHERE table_schema = 'main' ORDER BY 1");
    try (Connection c = t.connect("admin")) {
      List<List<String>> tables = query(c, "SHOW TABLES");
      assertThat(tables.stream().filter(r -> r.get(0).equals("retail"))
          .map(r -> r.subList(1, 2)).toList()).isEqualTo(duck);
      assertThat(tables).contains(List.of("semantic", "sales", "VIEW", tables.stream()
          .filter(r -> r.get(1).equals("sales") && r.get(0).equals("semantic"))
          .findFirst().orElseThrow().get(3)));
      assertThat(query(c, "SHOW TABLES FROM semantic")).allMatch(r -> r.get(0)
          .equals("semantic")).isNotEmpty();
    }
    try (Connection c = t.connect("north_manager")) {
      List<List<String>> tables = query(c, "SHOW TABLES");
      assertThat(tables).extracting(r -> r.get(1)).doesNotContain("employees")
          .contains("regions");
      assertThat(tables.stream().filter(r -> r.get(0).equals("retail")).count())
          .isEqualTo(duck.size() - 1);
    }
  }

  @AllTransports
  void describeAndShowColumnsListDuckDbsColumns(Transport t) throws SQLException {
    List<List<String>> duck = Direct.rows("SELECT column_name, \"null\" FROM (DESCRIBE regions)");
    try (Connection c = t.connect("analyst")) {
      for (String sql : List.of("DESCRIBE regions", "DESCRIBE TABLE regions",
          "DESC retail.regions", "SHOW COLUMNS FROM regions", "SHOW COLUMNS FROM \"regions\"",
          "SHOW COLUMNS FROM regions FROM retail", "describe Regions")) {
        List<List<String>> columns = query(c, sql);
        assertThat(columns.stream().map(r -> List.of(r.get(0), r.get(2))).toList()).as(sql)
            .isEqualTo(duck);
      }
      assertThat(query(c, "DESCRIBE sales_transactions")).hasSize(Direct.rows(
          "DESCRIBE sales_transactions").size());
      assertThat(query(c, "DESCRIBE semantic.sales")).extracting(r -> r.get(0))
          .contains("revenue", "region", "order_date");
    }
  }

  @AllTransports
  void aTableThePrincipalMayNotReadIsDescribedAsOneThatDoesNotExist(Transport t)
      throws SQLException {
    try (Connection c = t.connect("north_manager"); Statement s = c.createStatement()) {
      for (String sql : List.of("DESCRIBE employees", "SHOW COLUMNS FROM employees",
          "DESCRIBE no_such_table")) {
        SQLException e = catchThrowableOfType(SQLException.class, () -> s.executeQuery(sql));
        assertThat(e.getMessage()).as(sql).startsWith("There is no table '")
            .contains("that north_manager may read; SHOW TABLES lists them.");
        assertThat(e.getSQLState()).isEqualTo("42000");
      }
      assertThat(query(c, "DESCRIBE regions")).isNotEmpty();
    }
  }

  private static List<List<String>> query(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return Direct.rows(rs);
    }
  }
}
