package io.asklayer.engine.error;

/** The five kinds of failure a client can see, each with the SQLState it maps to. */
public enum ErrorKind {
  /** Something in the statement, question or connection settings is wrong; the user can fix it. */
  USER("42000"),
  /** The principal is missing or unknown. */
  IDENTITY("28000"),
  /**
   * The principal is known but lacks a privilege the request needs (PostgreSQL's
   * insufficient_privilege).
   */
  PRIVILEGE("42501"),
  /**
   * A valid request Asklayer does not support, such as a statement that would change data. Class
   * 0A (feature not supported) with a subclass of Asklayer's own: HikariCP takes the plain 0A000
   * for a broken connection and discards it, and a refused statement leaves its connection as good
   * as it was (docs/clients.md, "SQLStates and connection pools").
   */
  UNSUPPORTED("0AS01"),
  /** A fault inside Asklayer or the warehouse; not the user's doing. */
  INTERNAL("XX000");

  private final String sqlState;

  ErrorKind(String sqlState) {
    this.sqlState = sqlState;
  }

  /** The SQLState a {@link java.sql.SQLException} of this kind carries. */
  public String sqlState() {
    return sqlState;
  }
}
