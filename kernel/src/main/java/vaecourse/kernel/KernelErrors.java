package vaecourse.kernel;

import java.util.List;
import vaecourse.engine.CellError;
import vaecourse.engine.CellStatus;

/**
 * Exceptions that carry a failed cell to basekernel, which names the error after the exception's
 * simple class name: so each kind of failure has a class of its own ({@code EvalException} for a
 * user exception, as in IJava).
 */
final class KernelErrors {
  private KernelErrors() {}

  /** A cell failure; the traceback is the engine's, user frames only. */
  abstract static class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient CellError error;

    Failure(CellError error, String message) {
      super(message, null, false, false);
      this.error = error;
    }

    List<String> traceback() {
      return error.traceback();
    }
  }

  static Failure of(CellStatus status, CellError error) {
    switch (status) {
      case TIMEOUT:
        return new TimeoutError(error);
      case INTERRUPTED:
        return new Interrupted(error);
      case EXIT:
        return new SystemExit(error);
      case OOM:
        return new OutOfMemory(error);
      case OUTPUT_LIMIT:
        return new OutputLimit(error);
      default:
        if (error.ename().equals("CompileError")) {
          return new CompileError(error);
        }
        if (error.ename().equals("MagicError")) {
          return new MagicError(error);
        }
        return new EvalException(error);
    }
  }

  /** A runtime exception from user code; the message names the exception class. */
  static final class EvalException extends Failure {
    private static final long serialVersionUID = 1L;

    EvalException(CellError e) {
      super(e, e.evalue().isEmpty() ? e.ename() : e.ename() + ": " + e.evalue());
    }
  }

  /** The cell does not compile. */
  static final class CompileError extends Failure {
    private static final long serialVersionUID = 1L;

    CompileError(CellError e) {
      super(e, e.evalue());
    }
  }

  /** A magic failed. */
  static final class MagicError extends Failure {
    private static final long serialVersionUID = 1L;

    MagicError(CellError e) {
      super(e, e.evalue());
    }
  }

  /** The cell ran past IJAVA_TIMEOUT. */
  static final class TimeoutError extends Failure {
    private static final long serialVersionUID = 1L;

    TimeoutError(CellError e) {
      super(e, e.evalue());
    }
  }

  /** The user interrupted the cell. */
  static final class Interrupted extends Failure {
    private static final long serialVersionUID = 1L;

    Interrupted(CellError e) {
      super(e, e.evalue());
    }
  }

  /** The cell called System.exit. */
  static final class SystemExit extends Failure {
    private static final long serialVersionUID = 1L;

    SystemExit(CellError e) {
      super(e, e.evalue());
    }
  }

  /** The cell ran out of heap. */
  static final class OutOfMemory extends Failure {
    private static final long serialVersionUID = 1L;

    OutOfMemory(CellError e) {
      super(e, e.evalue());
    }
  }

  /** The cell printed too much. */
  static final class OutputLimit extends Failure {
    private static final long serialVersionUID = 1L;

    OutputLimit(CellError e) {
      super(e, e.evalue());
    }
  }
}
