package vaecourse.grader.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vaecourse.grader.execute.CellOutcome;
import vaecourse.grader.execute.WorkerRun;
import vaecourse.grader.execute.WorkerRunner.WorkerCell;
import vaecourse.grader.notebook.Cell;
import vaecourse.grader.notebook.CellRole;
import vaecourse.grader.report.Flag;

/**
 * Runs the rebuilt notebook's code cells in one worker process (its own JVM, with the runner's time
 * and memory limits) and flags how the run ended and any answer cell that hit a limit. The worker
 * goes on after a failing cell, so one broken task does not stop the others.
 */
public final class ExecuteNotebook implements Step<GradingContext> {

  @Override
  public void apply(GradingContext context) {
    if (context.fatal() || context.rebuilt() == null) {
      return;
    }
    List<Cell> cells = context.rebuilt().cells();
    List<WorkerCell> work = new ArrayList<>();
    Map<String, Integer> indexOfId = new HashMap<>();
    for (int i = 0; i < cells.size(); i++) {
      if (cells.get(i).type() == Cell.Type.CODE) {
        String id = "cell-" + (i + 1);
        work.add(new WorkerCell(id, cells.get(i).source()));
        indexOfId.put(id, i);
      }
    }
    WorkerRun run;
    try {
      run = context.runner().run(work, context.workDir());
    } catch (RuntimeException e) {
      context.flag(Flag.Level.FATAL, "", "the notebook could not be run: " + e.getMessage());
      return;
    }
    Map<Integer, CellOutcome> byCell = new HashMap<>();
    for (CellOutcome o : run.cells()) {
      Integer index = indexOfId.get(o.id());
      if (index != null) {
        byCell.put(index, o);
      }
    }
    context.setRun(run, byCell);
    switch (run.ending()) {
      case DONE -> {}
      case START_FAILED ->
          context.flag(
              Flag.Level.FATAL,
              "",
              "grading could not start the engine (a grader set-up problem, not the submission's): "
                  + run.detail());
      default ->
          context.flag(
              Flag.Level.WARNING, "", run.detail() + "; cells it did not finish score zero");
    }
    for (int i = 0; i < cells.size(); i++) {
      CellOutcome o = byCell.get(i);
      if (o == null || !cells.get(i).role().isStudentOwned()) {
        continue;
      }
      String gid = cells.get(i).gradeId().orElse("cell " + (i + 1));
      String why = limitMessage(o.status());
      if (why != null) {
        context.flag(Flag.Level.WARNING, gid, why);
      }
    }
  }

  /** A sentence for a status that means a limit was hit, or null. */
  static String limitMessage(String status) {
    return switch (status) {
      case "timeout" -> "the answer cell ran past its time limit and was stopped";
      case "exit" -> "the answer cell called System.exit; the call was stopped and grading went on";
      case "oom" -> "the answer cell ran out of memory";
      case "output_limit" ->
          "the answer cell printed more than the output limit; the rest was dropped";
      case CellOutcome.KILLED -> "the answer cell was killed before it finished";
      default -> null;
    };
  }

  /** Whether a cell counts as an answer for messages (used by scoring). */
  static boolean isAnswer(Cell cell) {
    return cell.role() == CellRole.ANSWER || cell.role() == CellRole.MANUAL_ANSWER;
  }
}
