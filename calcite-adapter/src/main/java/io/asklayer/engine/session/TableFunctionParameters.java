package io.asklayer.engine.session;

import io.asklayer.engine.SqlSettings;
import io.asklayer.engine.error.AsklayerException;
import io.asklayer.engine.error.ErrorKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

/**
 * Prepared statements with a {@code ?} among a table function's arguments, such as
 * {@code SELECT * FROM TABLE(ask(?))}: the engine computes a table function's result (a question's
 * metric query, a document search) while it plans, from literal arguments, so such a statement is
 * planned when it runs, with its bound values written into the tree as literals. Each value is
 * planned on its own (a plan is kept under its statement text, which holds the value), never one
 * plan for every value. The values become literal nodes of the parsed statement, which is then
 * written out by Calcite: a quote in a value is a quote in the literal, never SQL.
 */
public final class TableFunctionParameters {
  private TableFunctionParameters() {
  }

  /**
   * How many parameters {@code sql} has if one of them is a table function's argument, so that it
   * is planned when its values are known; -1 if it is planned when prepared, as any other (a
   * statement that does not parse included: preparing it says why).
   */
  public static int plannedWhenRun(String sql) {
    SqlNode node;
    try {
      node = SqlParser.create(JdbcEscapes.process(sql), SqlSettings.parserConfig()).parseStmt();
    } catch (SqlParseException | AsklayerException e) {
      return -1;
    }
    int[] count = {0};
    boolean[] inFunction = {false};
    node.accept(new SqlBasicVisitor<Void>() {
      private int depth;

      @Override public Void visit(SqlCall call) {
        boolean table = call.getKind() == SqlKind.COLLECTION_TABLE;
        depth += table ? 1 : 0;
        try {
          return super.visit(call);
        } finally {
          depth -= table ? 1 : 0;
        }
      }

      @Override public Void visit(SqlDynamicParam param) {
        count[0]++;
        inFunction[0] |= depth > 0;
        return null;
      }
    });
    return inFunction[0] ? count[0] : -1;
  }

  /** {@code sql} with its i-th {@code ?} replaced by a literal of {@code values.get(i)}. */
  public static String bind(String sql, List<?> values) {
    SqlNode node;
    try {
      node = SqlParser.create(JdbcEscapes.process(sql), SqlSettings.parserConfig()).parseStmt();
    } catch (SqlParseException e) {
      throw new AsklayerException(ErrorKind.USER, "SQL syntax error: " + e.getMessage(), e);
    }
    SqlNode bound = node.accept(new SqlShuttle() {
      @Override public SqlNode visit(SqlDynamicParam param) {
        int i = param.getIndex();
        if (i >= values.size()) {
          throw new AsklayerException(ErrorKind.USER, "Parameter " + (i + 1) + " is not set; "
              + "set every ? before running the statement.");
        }
        return literal(values.get(i), i + 1, param.getParserPosition());
      }
    });
    return bound.toSqlString(CalciteSqlDialect.DEFAULT).getSql();
  }

  private static SqlNode literal(Object v, int index, SqlParserPos pos) {
    if (v == null) {
      return SqlLiteral.createNull(pos);
    } else if (v instanceof String s) {
      return SqlLiteral.createCharString(s, pos);
    } else if (v instanceof Boolean b) {
      return SqlLiteral.createBoolean(b, pos);
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short
        || v instanceof Byte || v instanceof BigInteger || v instanceof BigDecimal) {
      BigDecimal d = new BigDecimal(v.toString());
      SqlLiteral abs = SqlLiteral.createExactNumeric(d.abs().toPlainString(), pos);
      return d.signum() < 0 ? SqlLiteral.createNegative((SqlNumericLiteral) abs, pos) : abs;
    } else if ((v instanceof Double || v instanceof Float)
        && Double.isFinite(((Number) v).doubleValue())) {
      return SqlLiteral.createExactNumeric(new BigDecimal(v.toString()).toPlainString(), pos);
    } else if (v instanceof java.sql.Date || v instanceof LocalDate) {
      return SqlLiteral.createDate(new DateString(v.toString()), pos);
    } else if (v instanceof java.sql.Timestamp || v instanceof LocalDateTime) {
      LocalDateTime t = v instanceof LocalDateTime l ? l
          : ((java.sql.Timestamp) v).toLocalDateTime();
      return SqlLiteral.createTimestamp(SqlTypeName.TIMESTAMP, new TimestampString(t.getYear(),
          t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond())
          .withNanos(t.getNano()), t.getNano() == 0 ? 0 : 9, pos);
    } else if (v instanceof java.sql.Time || v instanceof LocalTime) {
      LocalTime t = v instanceof LocalTime l ? l : ((java.sql.Time) v).toLocalTime();
      return SqlLiteral.createTime(new TimeString(t.getHour(), t.getMinute(), t.getSecond()), 0,
          pos);
    }
    throw new AsklayerException(ErrorKind.USER, "Parameter " + index + " is a "
        + v.getClass().getSimpleName() + ", which Asklayer cannot write into a statement planned "
        + "with its values; bind text, a number, a boolean, a date, a time or a timestamp.");
  }
}
