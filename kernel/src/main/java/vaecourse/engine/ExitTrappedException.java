package vaecourse.engine;

/** Thrown into notebook code that calls {@code System.exit}: the process keeps running. */
public final class ExitTrappedException extends SecurityException {
  private static final long serialVersionUID = 1L;
  private final int status;

  ExitTrappedException(int status) {
    super("System.exit(" + status + ") was called; the notebook process keeps running");
    this.status = status;
  }

  /** The status the code asked to exit with. */
  public int status() {
    return status;
  }
}
