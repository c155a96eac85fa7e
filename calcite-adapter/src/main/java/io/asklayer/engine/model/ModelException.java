package io.asklayer.engine.model;

import io.asklayer.engine.error.AsklayerException;
import io.asklayer.engine.error.ErrorKind;
import java.util.List;

/**
 * A model file that cannot be used, with every problem found, each starting with
 * {@code file:line:column}.
 */
public final class ModelException extends AsklayerException {
  private static final long serialVersionUID = 1L;

  /** At most this many problems are spelled out in the message. */
  private static final int SHOWN = 20;

  private final transient List<String> problems;

  public ModelException(String source, List<String> problems) {
    super(ErrorKind.USER, message(source, problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, {@code file:line:column: what is wrong and what would be valid}. */
  public List<String> problems() {
    return problems;
  }

  private static String message(String source, List<String> problems) {
    StringBuilder b = new StringBuilder("The semantic model ").append(source).append(" has ")
        .append(problems.size()).append(problems.size() == 1 ? " problem:" : " problems:");
    problems.stream().limit(SHOWN).forEach(p -> b.append("\n  ").append(p));
    if (problems.size() > SHOWN) {
      b.append("\n  ... and ").append(problems.size() - SHOWN).append(" more");
    }
    return b.toString();
  }
}
