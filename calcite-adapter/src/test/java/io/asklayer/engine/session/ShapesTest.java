package io.asklayer.engine.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Types;
import java.util.List;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.DateString;
import org.junit.jupiter.api.Test;

/**
 * The shape step alone: which literals become parameters, that the statement itself is left as it
 * was, and which values a shape's parameter takes (exactly, or not at all).
 */
class ShapesTest {
  private static Shapes.Shape shape(String sql) throws SqlParseException {
    return Shapes.of(SqlParser.create(sql).parseStmt());
  }

  private static String text(Shapes.Shape s) {
    return s.key().substring(0, s.key().indexOf("\n-- ")).replaceAll("\\s+", " ");
  }

  private static List<String> values(Shapes.Shape s) {
    return s.literals().stream().map(SqlLiteral::toString).toList();
  }

  @Test
  void comparedLiteralsBecomeParametersInTheOrderTheyAreWritten() throws SqlParseException {
    Shapes.Shape s = shape("SELECT a FROM t WHERE b = 'x' AND c > 5 AND d BETWEEN DATE "
        + "'2024-01-01' AND DATE '2024-02-01' AND e IN (1, 2) AND f LIKE 'a%' AND 7 <= g");
    assertThat(text(s)).isEqualTo("SELECT \"A\" FROM \"T\" WHERE \"B\" = ? AND \"C\" > ? AND "
        + "\"D\" BETWEEN ASYMMETRIC ? AND ? AND \"E\" IN (?, ?) AND \"F\" LIKE ? AND ? <= \"G\"");
    assertThat(values(s)).containsExactly("'x'", "5", "DATE '2024-01-01'", "DATE '2024-02-01'",
        "1", "2", "'a%'", "7");
    assertThat(s.key()).endsWith("-- text exact date date exact exact text exact ");
  }

  @Test
  void literalsThePlanDependsOnKeepTheirValues() throws SqlParseException {
    // LIMIT, function arguments, arithmetic, constants compared with constants, table functions
    Shapes.Shape s = shape("SELECT SUBSTRING(a, 1, 3), b + 1 FROM t WHERE 1 = 1 AND c = 2 "
        + "ORDER BY a LIMIT 10");
    assertThat(text(s)).isEqualTo("SELECT SUBSTRING(\"A\", 1, 3), \"B\" + 1 FROM \"T\" "
        + "WHERE 1 = 1 AND \"C\" = ? ORDER BY \"A\" FETCH NEXT 10 ROWS ONLY");
    assertThat(shape("SELECT * FROM TABLE(ask('revenue where region = ''North'''))")).isNull();
    assertThat(shape("SELECT DATE_TRUNC('month', d) FROM t")).isNull();
  }

  @Test
  void aGroupingQueryKeepsItsSelectListGroupByAndOrderBy() throws SqlParseException {
    Shapes.Shape s = shape("SELECT CASE WHEN p >= 100 THEN 'hi' ELSE 'lo' END, COUNT(*) FROM t "
        + "WHERE q = 3 GROUP BY 1 HAVING COUNT(*) > 2 ORDER BY CASE WHEN p >= 100 THEN 0 END");
    assertThat(values(s)).containsExactly("3", "2");
    assertThat(text(s)).contains("CASE WHEN \"P\" >= 100").contains("\"Q\" = ?")
        .contains("COUNT(*) > ?").contains("ORDER BY CASE WHEN \"P\" >= 100 THEN 0");
  }

  @Test
  void statementsWithParametersOrExplainedOrWithoutComparisonsHaveNoShape()
      throws SqlParseException {
    assertThat(shape("SELECT a FROM t WHERE b = ? AND c = 5")).isNull();
    assertThat(shape("EXPLAIN PLAN FOR SELECT a FROM t WHERE c = 5")).isNull();
    assertThat(shape("SELECT a FROM t")).isNull();
    assertThat(shape("SELECT a FROM t WHERE b IS NULL AND c = TRUE")).isNull();
  }

  @Test
  void longInListsKeepTheirLiterals() throws SqlParseException {
    StringBuilder in = new StringBuilder("1");
    for (int i = 2; i <= Shapes.MAX_IN_ITEMS + 1; i++) {
      in.append(", ").append(i);
    }
    assertThat(shape("SELECT a FROM t WHERE b IN (" + in + ")")).isNull();
  }

  @Test
  void theStatementItselfIsLeftAsItWas() throws SqlParseException {
    org.apache.calcite.sql.SqlNode node = SqlParser.create(
        "SELECT a FROM t WHERE b = 'x' AND c IN (1, 2)").parseStmt();
    String before = node.toString();
    assertThat(Shapes.of(node)).isNotNull();
    assertThat(node.toString()).isEqualTo(before);
  }

  @Test
  void sameShapeForOtherValuesAnotherForOtherKindsOfLiteral() throws SqlParseException {
    assertThat(shape("SELECT a FROM t WHERE b = 'x'").key())
        .isEqualTo(shape("SELECT a FROM t WHERE b = 'something else'").key())
        .isNotEqualTo(shape("SELECT a FROM t WHERE b = 5").key());
    assertThat(shape("SELECT a FROM t WHERE b = 5").key())
        .isNotEqualTo(shape("SELECT a FROM t WHERE b = 5e0").key());
  }

  private static AvaticaParameter param(int type, int precision, int scale) {
    return new AvaticaParameter(true, precision, scale, type, "", Object.class.getName(), "?");
  }

  private static SqlLiteral exact(String n) {
    return SqlLiteral.createExactNumeric(n, SqlParserPos.ZERO);
  }

  private static SqlLiteral string(String s) {
    return SqlLiteral.createCharString(s, SqlParserPos.ZERO);
  }

  @Test
  void aValueIsBoundOnlyWhenItConvertsExactly() {
    assertThat(Shapes.value(exact("5"), param(Types.INTEGER, 10, 0))).isEqualTo(5);
    assertThat(Shapes.value(exact("5.0"), param(Types.INTEGER, 10, 0))).isEqualTo(5);
    assertThat(Shapes.value(exact("5.5"), param(Types.INTEGER, 10, 0))).isNull();
    assertThat(Shapes.value(exact("3000000000"), param(Types.INTEGER, 10, 0))).isNull();
    assertThat(Shapes.value(exact("3000000000"), param(Types.BIGINT, 19, 0)))
        .isEqualTo(3_000_000_000L);
    assertThat(Shapes.value(exact("300"), param(Types.TINYINT, 3, 0))).isNull();
    assertThat(Shapes.value(exact("5"), param(Types.DECIMAL, 10, 2)))
        .isEqualTo(new BigDecimal("5.00"));
    assertThat(Shapes.value(exact("5.125"), param(Types.DECIMAL, 10, 2))).isNull();
    assertThat(Shapes.value(exact("123456789"), param(Types.DECIMAL, 10, 2))).isNull();
    assertThat(Shapes.value(exact("0.5"), param(Types.DOUBLE, 15, 0))).isEqualTo(0.5);
    assertThat(Shapes.value(exact("5"), param(Types.VARCHAR, 0, 0))).isNull();
    assertThat(Shapes.value(SqlLiteral.createApproxNumeric("1e3", SqlParserPos.ZERO),
        param(Types.INTEGER, 10, 0))).isNull();
  }

  @Test
  void textIsBoundAsTextOrAsAnIsoDateOrTimestamp() {
    assertThat(Shapes.value(string("North"), param(Types.VARCHAR, 0, 0))).isEqualTo("North");
    assertThat(Shapes.value(string("North"), param(Types.CHAR, 5, 0))).isNull();
    assertThat(Shapes.value(string("North"), param(Types.INTEGER, 10, 0))).isNull();
    assertThat(Shapes.value(string("2024-02-29"), param(Types.DATE, 0, 0)))
        .isEqualTo((int) java.time.LocalDate.of(2024, 2, 29).toEpochDay());
    assertThat(Shapes.value(string("2024-2-29"), param(Types.DATE, 0, 0))).isNull();
    assertThat(Shapes.value(string("2023-02-29"), param(Types.DATE, 0, 0))).isNull();
    assertThat(Shapes.value(string("2024-01-01 10:00:00.5"), param(Types.TIMESTAMP, 3, 0)))
        .isEqualTo(java.time.Instant.parse("2024-01-01T10:00:00.500Z").toEpochMilli());
    assertThat(Shapes.value(SqlLiteral.createDate(new DateString("2024-01-02"),
        SqlParserPos.ZERO), param(Types.TIMESTAMP, 3, 0)))
        .isEqualTo(java.time.Instant.parse("2024-01-02T00:00:00Z").toEpochMilli());
  }
}
