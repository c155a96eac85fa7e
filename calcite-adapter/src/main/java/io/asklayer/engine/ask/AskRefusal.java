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
  private final boolean ungrounded;

  AskRefusal(ErrorKind kind, String message, List<Interpretation.Reading> understood,
      List<String> notUnderstood, boolean ungrounded) {
    super(kind, message);
    this.understood = List.copyOf(understood);
    this.notUnderstood = List.copyOf(notUnderstood);
    this.ungrounded = ungrounded;
  }

  AskRefusal(ErrorKind kind, String message, List<Interpretation.Reading> understood,
      List<String> notUnderstood) {
    this(kind, message, understood, notUnderstood, false);
  }

  /** A refusal of anything else: a question that could not be read, or one read and refused. */
  public AskRefusal(String message) {
    this(ErrorKind.USER, message, List.of(), List.of());
  }

  /**
   * Whether the question was refused only because some of its words could not be grounded in
   * the model or the data (not for its topic, a request to change data, SQL in it, or its length):
   * such a question may be put to the optional language model.
   */
  public boolean ungrounded() {
    return ungrounded;
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
