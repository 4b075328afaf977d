package vaecourse.grader.notebook;

/**
 * What a cell is for in grading, derived from nbgrader's flags as nbgrader itself does.
 *
 * <table>
 *   <caption>nbgrader flags to role</caption>
 *   <tr><th>solution</th><th>grade</th><th>task</th><th>locked</th><th>role</th></tr>
 *   <tr><td>true</td><td>false</td><td></td><td></td><td>{@link #ANSWER}</td></tr>
 *   <tr><td>true</td><td>true</td><td></td><td></td><td>{@link #MANUAL_ANSWER}</td></tr>
 *   <tr><td>false</td><td>true</td><td></td><td></td><td>{@link #TEST}</td></tr>
 *   <tr><td>false</td><td>false</td><td>true</td><td></td><td>{@link #TASK}</td></tr>
 *   <tr><td>false</td><td>false</td><td>false</td><td>true</td><td>{@link #LOCKED}</td></tr>
 * </table>
 */
public enum CellRole {
  /** No grading role: taken from the instructor's notebook at grading. */
  PLAIN,
  /** Read-only instructor cell. */
  LOCKED,
  /** Autograded answer: the student's code, checked by test cells. */
  ANSWER,
  /** Manually graded answer (written or code) worth points. */
  MANUAL_ANSWER,
  /** Autograder test cell worth points; may hold hidden tests. */
  TEST,
  /** Manually graded task described in a markdown cell, worth points. */
  TASK;

  /** Whether the student's version of the cell is used at grading. */
  public boolean isStudentOwned() {
    return this == ANSWER || this == MANUAL_ANSWER;
  }

  /** Whether the cell carries points. */
  public boolean hasPoints() {
    return this == MANUAL_ANSWER || this == TEST || this == TASK;
  }

  /** Whether the cell is locked in the student notebook. */
  public boolean isLocked() {
    return this == LOCKED || this == TEST || this == TASK;
  }
}
