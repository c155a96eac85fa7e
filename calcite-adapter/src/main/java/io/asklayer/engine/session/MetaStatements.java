package io.asklayer.engine.session;

import io.asklayer.engine.error.AsklayerException;
import io.asklayer.engine.error.ErrorKind;
import io.asklayer.engine.guard.Lexeme;
import io.asklayer.engine.semantic.MetricStatements;
import java.util.List;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.impl.SqlParserImplConstants;

/**
 * Asklayer's own statements for people in a SQL client, recognised from their first words and run
 * as queries over the {@link MetadataFunctions}: {@code SHOW METRICS}, {@code SHOW DIMENSIONS},
 * {@code SHOW MODEL}, {@code DESCRIBE METRIC name}, {@code DESCRIBE DIMENSION name}, and the
 * catalog's ({@link CatalogStatements}: {@code SHOW TABLES}, {@code DESCRIBE t}, ...).
 * {@code REFRESH METADATA} and {@code REFRESH DOCUMENTS} are not queries: see
 * {@link RefreshStatements}.
 */
final class MetaStatements {
  private MetaStatements() {
  }

  /**
   * The query that answers statement {@code t} (its words), built as a tree; or null if it is not
   * one of these statements.
   */
  static SqlNode query(List<Lexeme> t, Session session) {
    if (t.size() < 2) {
      return null;
    }
    Lexeme first = t.get(0);
    Lexeme second = t.get(1);
    SqlNode catalog = CatalogStatements.query(t, session);
    if (catalog != null) {
      return catalog;
    }
    if (first.is("SHOW") && t.size() == 2) {
      String fn = second.is("METRICS") ? "show_metrics" : second.is("DIMENSIONS")
          ? "show_dimensions" : second.is("MODEL") ? "show_model" : null;
      if (fn == null) {
        throw unknown("SHOW " + second.image());
      }
      return call(fn, List.of());
    }
    if (first.is("DESCRIBE") && (second.is("METRIC") || second.is("DIMENSION"))) {
      boolean metric = second.is("METRIC");
      if (t.size() != 3 || !(t.get(2).isWord()
          || t.get(2).kind() == SqlParserImplConstants.QUOTED_IDENTIFIER)) {
        throw new AsklayerException(ErrorKind.USER, "Write DESCRIBE " + (metric ? "METRIC"
            : "DIMENSION") + " followed by one name, for example " + (metric
            ? "DESCRIBE METRIC gross_margin." : "DESCRIBE DIMENSION region."));
      }
      String fn = metric ? "describe_metric" : "describe_dimension";
      return call(fn, List.of(name(t.get(2))));
    }
    return null;
  }

  private static String name(Lexeme l) {
    String image = l.image();
    return l.kind() == SqlParserImplConstants.QUOTED_IDENTIFIER
        ? image.substring(1, image.length() - 1).replace("\"\"", "\"") : image;
  }

  private static SqlNode call(String function, List<String> args) {
    return MetricStatements.selectNode(List.of(MetadataFunctions.SCHEMA, function), args, List.of());
  }

  private static AsklayerException unknown(String what) {
    return new AsklayerException(ErrorKind.USER, "Unknown statement " + what + ". Asklayer "
        + "understands SHOW METRICS, SHOW DIMENSIONS, SHOW MODEL, SHOW SCHEMAS, SHOW TABLES, "
        + "SHOW COLUMNS FROM table, DESCRIBE table, DESCRIBE METRIC name, DESCRIBE DIMENSION "
        + "name, REFRESH METADATA and REFRESH DOCUMENTS.");
  }
}
