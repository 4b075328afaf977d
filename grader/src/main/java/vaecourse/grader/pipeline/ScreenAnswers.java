package vaecourse.grader.pipeline;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import vaecourse.grader.integrity.AnswerScreen;
import vaecourse.grader.integrity.CellRules;
import vaecourse.grader.integrity.ClassIndex;
import vaecourse.grader.integrity.NotebookRules;
import vaecourse.grader.integrity.Violation;
import vaecourse.grader.notebook.Cell;
import vaecourse.grader.notebook.CellRole;
import vaecourse.grader.report.Flag;

/**
 * Checks every answer cell and every code cell the student added against the rules of {@link
 * AnswerScreen} before the notebook runs. An answer cell that breaks one is replaced by its stub,
 * so its task scores zero as unanswered, with the rule in the feedback; an added cell that breaks
 * one is not run (its source becomes a comment saying why). Cells that pass run unchanged, in the
 * student's order.
 */
public final class ScreenAnswers implements Step<GradingContext> {
  /** Marks a cell the student added (set by {@link MergeSubmission}). */
  public static final String ADDED = "added";

  @Override
  public void apply(GradingContext context) {
    if (context.fatal() || context.rebuilt() == null) {
      return;
    }
    List<Cell> grading = context.source().gradingRelease().cells();
    Map<String, String> stubs = new HashMap<>();
    for (Cell c : grading) {
      if (c.role() == CellRole.ANSWER) {
        c.gradeId().ifPresent(g -> stubs.put(g, c.source()));
      }
    }
    ClassIndex index = ClassIndex.ofClassPath(context.runner().config().classPath());
    NotebookRules rules = NotebookRules.of(context.source().gradingRelease(), index);
    Set<String> helpers = new HashSet<>();
    int addedNumber = 0;
    for (Cell cell : context.rebuilt().cells()) {
      if (cell.type() != Cell.Type.CODE) {
        continue;
      }
      boolean added = isAdded(cell);
      if (!added && cell.role() != CellRole.ANSWER) {
        continue;
      }
      String gid = added ? "added cell " + (++addedNumber) : cell.gradeId().orElse("");
      CellRules r = added ? rules.forAddedCell() : rules.forAnswer(gid);
      if (r == null || cell.source().equals(stubs.get(gid))) {
        continue;
      }
      List<Violation> broken = AnswerScreen.screen(cell.source(), r, helpers);
      if (broken.isEmpty()) {
        continue;
      }
      String reasons =
          broken.stream()
              .map(Violation::message)
              .collect(Collectors.joining("\n  - ", "\n  - ", ""));
      if (added) {
        context.flag(
            Flag.Level.WARNING,
            gid,
            "a cell you added was not run (added cells may declare new helper methods and types"
                + " only):"
                + reasons);
        cell.setSource(
            "// This added cell was not run:\n// "
                + broken.stream().map(Violation::message).collect(Collectors.joining("\n// ")));
      } else {
        boolean forbidden = broken.stream().anyMatch(v -> v.kind() == Violation.Kind.FORBIDDEN);
        String why =
            (forbidden
                    ? "the answer uses what this task forbids; it was not run and its tests"
                        + " score zero:"
                    : "the answer cell breaks the grading rules; it was not run and its tests"
                        + " score zero:")
                + reasons;
        context.flag(Flag.Level.WARNING, gid, why);
        context.rejectedAnswers().put(gid, why);
        cell.setSource(stubs.getOrDefault(gid, cell.source()));
      }
    }
  }

  /** Whether a rebuilt cell is one the student added. */
  static boolean isAdded(Cell cell) {
    var course = cell.metadata().get("course");
    return course != null
        && course.isJsonObject()
        && course.getAsJsonObject().has(ADDED)
        && course.getAsJsonObject().get(ADDED).isJsonPrimitive()
        && course.getAsJsonObject().get(ADDED).getAsBoolean();
  }
}
