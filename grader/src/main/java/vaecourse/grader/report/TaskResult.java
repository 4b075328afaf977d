package vaecourse.grader.report;

/**
 * The result of one graded cell.
 *
 * @param gradeId the cell's grade_id
 * @param kind {@code autograded} (a test cell) or {@code manual} (a written answer or task)
 * @param maxScore the cell's points
 * @param score points earned; for a manual task, null until a person grades it
 * @param passed whether an autograded test passed
 * @param output what the student sees: the failure, or the cell's output
 * @param visibility Gradescope visibility: {@code visible}, or {@code after_published} for tests
 *     with hidden parts
 * @param answer a manual task's answer text (the student's cell), empty for tests
 */
public record TaskResult(
    String gradeId,
    String kind,
    double maxScore,
    Double score,
    boolean passed,
    String output,
    String visibility,
    String answer) {

  /** An autograded test's kind. */
  public static final String AUTOGRADED = "autograded";

  /** A manually graded task's kind. */
  public static final String MANUAL = "manual";

  /** Whether a person grades this one. */
  public boolean manual() {
    return MANUAL.equals(kind);
  }
}
