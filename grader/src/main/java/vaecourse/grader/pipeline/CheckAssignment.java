package vaecourse.grader.pipeline;

import java.util.HashSet;
import java.util.Set;
import vaecourse.grader.notebook.Cell;
import vaecourse.grader.notebook.CellRole;
import vaecourse.grader.notebook.Notebook;
import vaecourse.grader.report.Flag;

/**
 * Refuses a notebook made for another assignment: its {@code metadata.course.assignment} names
 * another one, or none of the assignment's graded cells (by grade_id or cell id) are in it.
 */
public final class CheckAssignment implements Step<GradingContext> {

  @Override
  public void apply(GradingContext context) {
    Notebook submission = context.submission();
    if (context.fatal() || submission == null) {
      return;
    }
    String expected = context.source().name();
    String declared = submission.assignment().orElse("");
    if (!declared.isEmpty() && !declared.equals(expected)) {
      context.flag(
          Flag.Level.FATAL,
          "",
          "this notebook is for assignment \""
              + declared
              + "\", not \""
              + expected
              + "\"; submit the "
              + expected
              + " notebook");
      return;
    }
    Set<String> ids = new HashSet<>();
    for (Cell c : submission.cells()) {
      c.gradeId().ifPresent(ids::add);
      c.id().ifPresent(ids::add);
    }
    int graded = 0;
    for (Cell c : context.source().gradingRelease().cells()) {
      if (c.role() == CellRole.PLAIN) {
        continue;
      }
      graded++;
      if (c.gradeId().map(ids::contains).orElse(false) || c.id().map(ids::contains).orElse(false)) {
        return;
      }
    }
    if (graded > 0) {
      context.flag(
          Flag.Level.FATAL,
          "",
          "none of the "
              + graded
              + " graded cells of \""
              + expected
              + "\" are in this notebook: it is for another assignment, or its cells lost their"
              + " grading metadata; download the assignment again and copy your answers into it");
    }
  }
}
