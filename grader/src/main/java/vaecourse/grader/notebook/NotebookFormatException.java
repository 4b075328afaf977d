package vaecourse.grader.notebook;

/** A file that is not a notebook the grader can read; the message says why and what to do. */
public final class NotebookFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A problem described for the person who made the file. */
  public NotebookFormatException(String message) {
    super(message);
  }

  /** A problem with the exception that revealed it. */
  public NotebookFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
