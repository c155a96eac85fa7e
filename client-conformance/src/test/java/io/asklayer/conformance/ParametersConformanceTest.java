package io.asklayer.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Parameters where Calcite took none: a bound question ({@code TABLE(ask(?))}, planned when it
 * runs with its value) and untyped {@code ?} in {@code CASE}, {@code COALESCE} and {@code NULLIF}
 * (typed from their context, as PostgreSQL types them). Answers compared with DuckDB direct.
 */
class ParametersConformanceTest {
  static final String ASKED = "SELECT \"region\", \"units_sold\" FROM TABLE(ask(?)) "
      + "ORDER BY \"region\"";

  /** DuckDB's units sold per region in one year. */
  static List<List<String>> unitsByRegion(int year) throws SQLException {
    return Direct.rows("SELECT r.region_name, SUM(s.quantity) FROM sales_transactions s "
        + "JOIN regions r ON r.region_id = s.region_id WHERE s.order_date >= ? "
        + "AND s.order_date < ? GROUP BY 1 ORDER BY 1",
        java.time.LocalDate.of(year, 1, 1), java.time.LocalDate.of(year + 1, 1, 1));
  }

  @AllTransports
  void aBoundQuestionIsAnsweredWithEachValueBound(Transport t) throws SQLException {
    try (Connection c = t.connect("analyst"); PreparedStatement s = c.prepareStatement(ASKED)) {
      assertThat(s.getParameterMetaData().getParameterCount()).isEqualTo(1);
      s.setString(1, "units sold by region in 2025");
      assertThat(rows(s)).isEqualTo(unitsByRegion(2025)).hasSize(5);
      // Another value is another question, not the first one's plan.
      s.setString(1, "units sold by region in 2024");
      assertThat(rows(s)).isEqualTo(unitsByRegion(2024));
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.getMetaData().getColumnCount()).isEqualTo(2);
        assertThat(rs.getMetaData().getColumnLabel(2)).isEqualTo("units_sold");
      }
    }
  }

  @AllTransports
  void aBoundQuestionKeepsThePrincipalsRowFilter(Transport t) throws SQLException {
    try (Connection c = t.connect("north_manager");
        PreparedStatement s = c.prepareStatement(ASKED)) {
      s.setString(1, "units sold by region in 2025");
      assertThat(rows(s)).isEqualTo(unitsByRegion(2025).stream()
          .filter(r -> r.get(0).equals("North")).toList()).hasSize(1);
    }
  }

  @AllTransports
  void aBoundQuestionMixesWithOtherParametersAndQuotes(Transport t) throws SQLException {
    try (Connection c = t.connect("analyst"); PreparedStatement s = c.prepareStatement(
        "SELECT \"units_sold\" FROM TABLE(ask(?)) WHERE \"region\" = ? AND \"units_sold\" > ?")) {
      s.setString(1, "what's the units sold by region in 2025");
      s.setString(2, "North");
      s.setInt(3, 0);
      List<List<String>> north = unitsByRegion(2025).stream()
          .filter(r -> r.get(0).equals("North")).map(r -> r.subList(1, 2)).toList();
      assertThat(rows(s)).isEqualTo(north);
      // A quote and a statement's worth of SQL in the value reach ask() as its words, which
      // refuses them as it refuses them in a literal question.
      s.setString(1, "units sold in 2025'); DROP TABLE regions; --");
      s.setString(2, "North");
      SQLException e = catchThrowableOfType(SQLException.class, s::executeQuery);
      assertThat(e.getMessage()).startsWith("The question contains SQL syntax, which ASK does "
          + "not take");
    }
  }

  @AllTransports
  void anUnsetBoundQuestionSaysWhichParameter(Transport t) throws SQLException {
    try (Connection c = t.connect("analyst"); PreparedStatement s = c.prepareStatement(ASKED)) {
      SQLException e = catchThrowableOfType(SQLException.class, s::executeQuery);
      assertThat(e.getMessage()).contains("Parameter 1 is not set");
    }
  }

  @AllTransports
  void untypedParametersInCaseCoalesceAndNullifTakeTheirContextsType(Transport t)
      throws SQLException {
    String[] statements = {
        "SELECT region_id, CASE WHEN region_id = ? THEN ? ELSE ? END FROM regions ORDER BY 1",
        "SELECT region_id, CASE WHEN region_id = ? THEN ? ELSE region_name END FROM regions "
            + "ORDER BY 1",
        "SELECT region_id, COALESCE(?, ?) FROM regions ORDER BY 1",
        "SELECT region_id, NULLIF(region_name, ?) FROM regions ORDER BY 1",
        "SELECT region_id * ? + 1 FROM regions ORDER BY 1",
    };
    Object[][] values = {{2, "two", "other"}, {2, "two"}, {null, "none"}, {"North"}, {3}};
    try (Connection c = t.connect("analyst")) {
      for (int i = 0; i < statements.length; i++) {
        try (PreparedStatement s = c.prepareStatement(statements[i])) {
          for (int v = 0; v < values[i].length; v++) {
            if (values[i][v] == null) {
              s.setNull(v + 1, java.sql.Types.VARCHAR);
            } else {
              s.setObject(v + 1, values[i][v]);
            }
          }
          assertThat(rows(s)).as(statements[i]).isEqualTo(Direct.rows(statements[i],
              values[i]));
        }
      }
    }
  }

  @AllTransports
  void aParameterNothingTypesIsRefusedWithTheCastToWrite(Transport t) throws SQLException {
    try (Connection c = t.connect("analyst")) {
      SQLException e = catchThrowableOfType(SQLException.class,
          () -> c.prepareStatement("SELECT ? + ? FROM regions"));
      assertThat(e.getMessage()).contains("Parameter 1").contains("CAST(? AS INTEGER)");
      assertThat(e.getSQLState()).isEqualTo("42000");
      try (PreparedStatement s = c.prepareStatement(
          "SELECT CAST(? AS INTEGER) + CAST(? AS INTEGER) FROM regions")) {
        s.setInt(1, 1);
        s.setInt(2, 2);
        assertThat(rows(s)).hasSize(5).allMatch(r -> r.equals(List.of("3")));
      }
    }
  }

  private static List<List<String>> rows(PreparedStatement s) throws SQLException {
    try (ResultSet rs = s.executeQuery()) {
      return Direct.rows(rs);
    }
  }
}
