package io.asklayer.server;

import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;

/** Failures as an Avatica client receives them: the message and SQLState of the engine. */
final class Errors {
  private Errors() {
  }

  static AvaticaRuntimeException refusal(String message, String sqlState) {
    return new AvaticaRuntimeException(message, 0, sqlState, AvaticaSeverity.ERROR);
  }

  /** The first {@link SQLException} in a cause chain, or null. */
  static SQLException sqlException(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof SQLException s) {
        return s;
      }
    }
    return null;
  }
}
