package io.asklayer.server;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failures as an Avatica client receives them: a message and a SQLState, never more. A user error
 * (the statement, the login, the connection or statement named) keeps the message that says what
 * to do; an internal one reaches the client as a generic message quoting a reference, and its
 * detail (stack trace, warehouse SQL, driver message) goes only to the server log under that
 * reference, since a network client has no business reading the server's insides.
 */
final class Errors {
  private static final Logger LOG = LoggerFactory.getLogger(Errors.class);
  static final String INTERNAL_PREFIX = "Internal error in Asklayer (reference ";

  private Errors() {
  }

  static AvaticaRuntimeException refusal(String message, String sqlState) {
    return new AvaticaRuntimeException(message, 0, sqlState, AvaticaSeverity.ERROR);
  }

  /**
   * A connection id the caller may not use because no connection with it is open. Carries
   * Avatica's missing-connection code, which Avatica clients read as "connection gone".
   */
  static AvaticaRuntimeException noSuchConnection(String id) {
    return new AvaticaRuntimeException("No connection " + id + " is open on this server (it was "
        + "closed, closed after being idle, or never opened). Open a new connection.",
        Service.ErrorResponse.MISSING_CONNECTION_ERROR_CODE, "08003", AvaticaSeverity.ERROR);
  }

  /** A statement the connection named did not make, or has closed. */
  static AvaticaRuntimeException noSuchStatement(String connectionId, int statementId) {
    return refusal("No such statement: connection " + connectionId + " has no open statement "
        + statementId + ". Use a statement this connection created or prepared (a closed "
        + "connection's statements are gone).", "26000");
  }

  /** Whether a SQLState is one whose message is meant for the user. */
  static boolean userState(String sqlState) {
    if (sqlState == null || sqlState.length() < 2) {
      return false;
    }
    String c = sqlState.substring(0, 2);
    // 57014: cancelled, by the client or at the time limit; 53: a user at a resource limit;
    // 25, 3B, HY: a transaction,
    // savepoint or JDBC call refused (docs/clients.md, "SQLStates and connection pools").
    return c.equals("42") || c.equals("0A") || c.equals("28") || c.equals("08")
        || c.equals("26") || c.equals("22") || c.equals("25") || c.equals("3B")
        || c.equals("HY") || c.equals("02") || c.equals("53") || sqlState.equals("57014");
  }

  /** An internal failure: logged in full under a new reference, answered with the reference. */
  static AvaticaRuntimeException internal(Throwable t) {
    String ref = reference();
    LOG.error("Internal error, reference {}", ref, t);
    return refusal(internalMessage(ref), "XX000");
  }

  private static String reference() {
    return UUID.randomUUID().toString().substring(0, 13);
  }

  private static String internalMessage(String ref) {
    return INTERNAL_PREFIX + ref + "); the server log has the details. If it happens again, "
        + "tell the server's operator the reference.";
  }

  /**
   * What goes on the wire for an error Avatica built: message and SQLState only ({@code
   * exceptions}, where Avatica puts stack traces, holds the refusal's message alone). An error of no user state that is not already one
   * of {@link #internal}'s (a request the server could not read, or an encoding failure) is logged
   * here under a reference of its own.
   */
  static Service.ErrorResponse forClient(Service.ErrorResponse e,
      Service.RpcMetadataResponse metadata) {
    String message = e.errorMessage;
    String state = e.sqlState;
    if (!userState(state) && (message == null || !message.startsWith(INTERNAL_PREFIX))) {
      String ref = reference();
      LOG.error("Request failed outside the service, reference {}: {} (SQLState {})\n{}", ref,
          message, state, String.join("\n", e.exceptions == null ? List.of() : e.exceptions));
      message = "This server could not handle the request (reference " + ref + "): it is not "
          + "a well-formed Avatica request it knows, or answering it failed. Use an Avatica or "
          + "Asklayer client of a compatible version; the server log has the details.";
      state = "08P01";
    }
    // Avatica's client keeps only this list, not errorMessage, when a prepare fails (its
    // exception then reads "while preparing SQL: ..."): a refusal's message, never a stack
    // trace, goes in it so every client can show the reason.
    List<String> detail = userState(state) && message != null ? List.of(message) : List.of();
    return new Service.ErrorResponse(detail, message, e.errorCode, state,
        e.severity == null ? AvaticaSeverity.ERROR : e.severity, metadata);
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
