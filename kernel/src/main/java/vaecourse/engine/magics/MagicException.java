package vaecourse.engine.magics;

/** A magic that cannot do what it was asked; the message says why and what to do. */
public final class MagicException extends Exception {
  private static final long serialVersionUID = 1L;

  /** An error with the sentence the user reads. */
  public MagicException(String message) {
    super(message);
  }

  /** An error with the sentence the user reads and its cause (kept for debugging). */
  public MagicException(String message, Throwable cause) {
    super(message, cause);
  }
}
