package vaecourse.grader.report;

/**
 * Something the grader noticed about a submission, shown in every report.
 *
 * @param level how much it matters
 * @param cell the grade_id it concerns, empty for the whole notebook
 * @param message a sentence for the student and the instructor
 */
public record Flag(Level level, String cell, String message) {
  /** How much a flag matters. */
  public enum Level {
    /** For information; the grade is as computed. */
    INFO,
    /** The submission was changed in a way the grader repaired (restored cells, stubs used). */
    WARNING,
    /** The submission could not be graded at all; every autograded task scores zero. */
    FATAL
  }

  /** The flag as one line, e.g. {@code WARNING [add-test]: ...}. */
  public String line() {
    return level + (cell.isEmpty() ? "" : " [" + cell + "]") + ": " + message;
  }
}
