package io.asklayer.engine.error;

import java.util.Objects;

/**
 * A classified failure. Its message is part of the API: it says what was wrong and what to do. It is
 * turned into a {@link java.sql.SQLException} with its kind's SQLState only at the JDBC boundary.
 */
public class AsklayerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorKind kind;

  public AsklayerException(ErrorKind kind, String message) {
    this(kind, message, null);
  }

  public AsklayerException(ErrorKind kind, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public ErrorKind kind() {
    return kind;
  }

  /** The first {@code AsklayerException} in a cause chain, or null. */
  public static AsklayerException find(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof AsklayerException a) {
        return a;
      }
    }
    return null;
  }
}
