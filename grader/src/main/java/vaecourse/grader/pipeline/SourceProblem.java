package vaecourse.grader.pipeline;

/**
 * One rule an instructor notebook breaks, located to the cell and line.
 *
 * @param file the notebook file name
 * @param cell the cell number, from 1 (0 for the whole notebook)
 * @param gradeId the cell's grade_id, empty when it has none
 * @param line the line in the cell, from 1 (0 when the whole cell)
 * @param message what is wrong and what to do
 */
public record SourceProblem(String file, int cell, String gradeId, int line, String message) {

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(file);
    if (cell > 0) {
      b.append(": cell ").append(cell);
      if (!gradeId.isEmpty()) {
        b.append(" (").append(gradeId).append(')');
      }
    }
    if (line > 0) {
      b.append(", line ").append(line);
    }
    return b.append(": ").append(message).toString();
  }
}
