package vaecourse.training;

/**
 * Thrown when the loss or the parameters stop being finite numbers: training stops at once instead
 * of going on with garbage. {@link #history()} holds the epochs completed before.
 */
public final class NonFiniteLossException extends ArithmeticException {

  private static final long serialVersionUID = 1L;

  private final transient History history;
  private final int epoch;
  private final int step;

  NonFiniteLossException(String message, int epoch, int step, History history) {
    super(message);
    this.epoch = epoch;
    this.step = step;
    this.history = history;
  }

  /** The epoch (1-based) in which the value went bad. */
  public int epoch() {
    return epoch;
  }

  /** The step (1-based) within the epoch, or 0 when found at the end of the epoch. */
  public int step() {
    return step;
  }

  /** The epochs completed before training stopped. */
  public History history() {
    return history;
  }
}
