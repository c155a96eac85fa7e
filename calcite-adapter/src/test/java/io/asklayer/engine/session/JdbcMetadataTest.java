package io.asklayer.engine.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.asklayer.engine.testing.Rows;
import io.asklayer.engine.testing.TestEngine;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * JDBC metadata answered by the engine's {@code asklayer.jdbc_*} functions: no table function is
 * evaluated to list tables (Calcite's metadata runs every zero-argument one), nothing is read
 * into a document index, and patterns follow JDBC's LIKE with its escape.
 */
class JdbcMetadataTest {
  private static int count(ResultSet rs) throws SQLException {
    int n = 0;
    try (rs) {
      while (rs.next()) {
        n++;
      }
    }
    return n;
  }

  @Test
  void aWholeMetadataWalkEvaluatesNoTableFunctionAndBuildsNoIndex() throws SQLException {
    try (Connection c = TestEngine.connect("north_manager")) {
      Session session = EmbeddedDriver.sessionOf(c);
      boolean indexBefore = Documents.built(session);
      long before = Macros.evaluated();
      // What a client asks through the functions, as the driver's boundary sends it.
      int tables = Rows.query(c, "SELECT * FROM TABLE(asklayer.jdbc_tables())").size();
      int columns = Rows.query(c, "SELECT * FROM TABLE(asklayer.jdbc_columns())").size();
      Rows.query(c, "SELECT * FROM TABLE(asklayer.jdbc_functions())");
      Rows.query(c, "SELECT * FROM TABLE(asklayer.jdbc_imported_keys())");
      // Calcite's own DatabaseMetaData, which the boundary no longer uses, runs show_metrics,
      // show_dimensions and show_model to list them as tables.
      DatabaseMetaData calcite = c.getMetaData();
      assertThat(Macros.evaluated()).as("table functions evaluated by the metadata functions")
          .isEqualTo(before);
      assertThat(Documents.built(session)).isEqualTo(indexBefore);
      assertThat(tables).isEqualTo(14);
      assertThat(columns).isGreaterThan(tables);
      count(calcite.getTables(null, "asklayer", "%", null));
      assertThat(Macros.evaluated()).as("Calcite's getTables runs them").isGreaterThan(before);
    }
  }

  @Test
  void patternsFollowJdbcLike() {
    assertThat(JdbcPattern.of("sales%").matches("sales_transactions")).isTrue();
    assertThat(JdbcPattern.of("s_les").matches("sales")).isTrue();
    assertThat(JdbcPattern.of("s_les").matches("sles")).isFalse();
    assertThat(JdbcPattern.of("sales\\_%").matches("sales_transactions")).isTrue();
    assertThat(JdbcPattern.of("sales\\_%").matches("salesXtransactions")).isFalse();
    assertThat(JdbcPattern.of("a.c").matches("abc")).as("regex characters are literal")
        .isFalse();
    assertThat(JdbcPattern.of("[x]^").matches("[x]^")).isTrue();
    assertThat(JdbcPattern.of("Regions").matches("regions")).as("names match as stored")
        .isFalse();
    assertThat(JdbcPattern.of(null).matches("anything")).isTrue();
  }

  @Test
  void semanticColumnsCarryTheModelsDescriptions() throws SQLException {
    try (Connection c = TestEngine.connect("analyst")) {
      List<List<Object>> rows = Rows.query(c, "SELECT COLUMN_NAME, TYPE_NAME, REMARKS FROM "
          + "TABLE(asklayer.jdbc_columns(schema_pattern => 'semantic', table_pattern => "
          + "'sales', column_pattern => 'region'))");
      assertThat(rows).containsExactly(List.of("region", "VARCHAR",
          "One of North, South, East, West, Central."));
    }
  }
}
