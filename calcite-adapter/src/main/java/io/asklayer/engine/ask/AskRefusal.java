package io.asklayer.engine.ask;

import io.asklayer.engine.error.AsklayerException;
import io.asklayer.engine.error.ErrorKind;
import java.util.List;

/**
 * A question ASK will not answer, with what it did understand before it stopped, so
 * {@code EXPLAIN ASK} can show the part that was not understood.
 */
public final class AskRefusal extends AsklayerException {
  private static final long serialVersionUID = 1L;

  private final transient List<Interpretation.Reading> understood;
  private final List<String> notUnderstood;

  AskRefusal(ErrorKind kind, String message, List<Interpretation.Reading> understood,
      List<String> notUnderstood) {
    super(kind, message);
    this.understood = List.copyOf(understood);
    this.notUnderstood = List.copyOf(notUnderstood);
  }

  AskRefusal(String message) {
    this(ErrorKind.USER, message, List.of(), List.of());
  }

  /** The parts of the question understood before the refusal. */
  public List<Interpretation.Reading> understood() {
    return understood;
  }

  /** The words that were not understood, if that is why it was refused. */
  public List<String> notUnderstood() {
    return notUnderstood;
  }
}
