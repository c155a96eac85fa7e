package io.asklayer.engine.error;

import java.sql.SQLException;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.validate.SqlValidatorException;

/**
 * Classifies any failure of the engine, once, into an {@link AsklayerException}: a failure raised on
 * purpose keeps its kind and words; a validation or parse error from Calcite is the user's, with
 * Calcite's message (which says where in the statement); a warehouse error on generated SQL, or
 * anything else, is internal.
 */
public final class Errors {
  private Errors() {
  }

  public static AsklayerException classify(Throwable t) {
    AsklayerException a = AsklayerException.find(t);
    if (a != null) {
      return a;
    }
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof CalciteContextException || c instanceof SqlValidatorException) {
        return new AsklayerException(ErrorKind.USER, c.getMessage(), t);
      }
      if (c instanceof SqlParseException) {
        return new AsklayerException(ErrorKind.USER, "SQL syntax error: "
            + Messages.shortSyntaxMessage(c.getMessage()), t);
      }
    }
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof SQLException sql && c.getCause() == null && sql.getMessage() != null) {
        String m = sql.getMessage();
        int ours = m.indexOf(Messages.DATA_STRING_TOO_LONG);
        if (ours >= 0) {
          return new AsklayerException(ErrorKind.USER, m.substring(ours).strip(), t);
        }
        if (m.startsWith("Out of Memory Error")) {
          return Messages.warehouseOutOfMemory(t);
        }
        if (m.startsWith("Conversion Error:") || m.startsWith("Out of Range Error:")
            || m.startsWith("Invalid Input Error:")) {
          // A value the data or the statement gave could not be computed (a cast, an overflow,
          // a division by zero): the user's to fix. The first line only: DuckDB goes on to quote
          // the generated SQL, the policy's filters included.
          return new AsklayerException(ErrorKind.USER, "The warehouse could not compute a value: "
              + m.lines().findFirst().orElse(m).strip(), t);
        }
        // The first line only here too: DuckDB's further lines quote the generated SQL, the
        // policy's row filters included.
        return new AsklayerException(ErrorKind.INTERNAL, "The warehouse could not run the query "
            + "Asklayer generated: " + m.lines().findFirst().orElse(m).strip()
            + " (this is a fault in Asklayer; please report it with the statement)", t);
      }
    }
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String reason = root.getMessage() == null ? root.getClass().getSimpleName()
        : root.getMessage();
    return new AsklayerException(ErrorKind.INTERNAL, "Internal error: " + reason.strip(), t);
  }
}
