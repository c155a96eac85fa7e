package io.asklayer.engine.model;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * Whether a metric's values can be added up across rows: what a running total, a to-date total or
 * a share of a total needs. A sum or a count of rows adds up (the parts of a total do not overlap),
 * and so does a derived metric that only adds and subtracts such metrics; a distinct count does not
 * (a customer counts once in each month, and once in the year), nor an average, a least or greatest
 * value, a ratio, or a product or quotient of metrics.
 */
public final class Additivity {
  private Additivity() {
  }

  /** Null when the metric adds up across rows; otherwise why not, as the end of a sentence. */
  public static String whyNot(SemanticModel model, String metric) {
    Metric m = model.metrics().get(metric);
    if (m == null) {
      return null;
    }
    return switch (m.kind()) {
      case AGGREGATE -> switch (m.aggregation()) {
        case SUM, COUNT -> null;
        case COUNT_DISTINCT -> metric + " counts distinct values, and one value can be in several "
            + "rows (a customer who buys in two months counts once in each and once in both)";
        case AVG -> metric + " is an average";
        case MIN, MAX -> metric + " is a " + (m.aggregation() == Metric.Aggregation.MIN ? "least"
            : "greatest") + " value";
      };
      case RATIO -> metric + " is a ratio (" + m.numerator() + " / " + m.denominator()
          + "); operate on " + m.numerator() + " and " + m.denominator() + " instead";
      case DERIVED -> derived(model, metric, m.expression());
    };
  }

  private static String derived(SemanticModel model, String metric, String expression) {
    SqlNode e;
    try {
      e = SqlParser.create(expression, ModelValidator.EXPRESSION_PARSER).parseExpression();
    } catch (SqlParseException ex) {
      return metric + " does not parse";
    }
    return sumOfSums(model, e) ? null
        : metric + " is computed from other metrics with more than + and - (" + expression + ")";
  }

  private static boolean sumOfSums(SemanticModel model, SqlNode e) {
    if (e instanceof SqlIdentifier id) {
      return whyNot(model, String.join(".", id.names)) == null;
    }
    if (e instanceof SqlCall call && List.of(SqlKind.PLUS, SqlKind.MINUS, SqlKind.MINUS_PREFIX,
        SqlKind.PLUS_PREFIX).contains(call.getKind())) {
      return call.getOperandList().stream().allMatch(o -> sumOfSums(model, o));
    }
    return false;
  }
}
