package vaecourse.grader.pipeline;

import vaecourse.grader.notebook.Notebook;

/**
 * One assignment as grading needs it, both made from the instructor's notebook by the same steps.
 *
 * @param name the assignment name (file name without {@code .ipynb})
 * @param studentRelease what students got: stubs, no hidden tests, checksums
 * @param gradingRelease the same with hidden tests kept: the cells grading runs
 */
public record AssignmentSource(String name, Notebook studentRelease, Notebook gradingRelease) {

  /** Both cell lists have the same length: the same cells at the same positions. */
  public AssignmentSource {
    if (studentRelease.cells().size() != gradingRelease.cells().size()) {
      throw new IllegalArgumentException(
          "student and grading releases of "
              + name
              + " must have the same cells, got "
              + studentRelease.cells().size()
              + " and "
              + gradingRelease.cells().size());
    }
  }
}
