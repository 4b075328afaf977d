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
 * Runs the rebuilt notebook's code cells in a worker process (its own JVM, with the runner's time
 * and memory limits) and flags how the run ended and any answer cell that hit a limit. The worker
 * goes on after a failing cell, so one broken task does not stop the others; a cell that runs past
 * its own limit is stopped and the later cells still run (see {@link TimeLimits}). Records the data
 * the notebook loaded, and stops with a fatal flag when it is not the data the grader provided.
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
        TimeLimits.Limit limit =
            TimeLimits.of(cells.get(i), context.source(), context.runner().config().limits());
        work.add(new WorkerCell(id, cells.get(i).source(), limit.limit(), limit.reason()));
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
    recordData(context, cells, byCell);
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
      if (o == null) {
        continue;
      }
      String gid = cells.get(i).gradeId().orElse("cell " + (i + 1));
      String why = limitMessage(o);
      if (why != null && !cells.get(i).role().isStudentOwned()) {
        // A locked cell that hits a limit does so in the student's code it calls.
        why = why.replace("the answer cell", "this cell (it runs your code)");
      }
      if (why != null) {
        context.flag(Flag.Level.WARNING, gid, why);
      }
    }
  }

  /** Reads the data line of the locked cells and checks it against the data provided. */
  private static void recordData(
      GradingContext context, List<Cell> cells, Map<Integer, CellOutcome> byCell) {
    for (int i = 0; i < cells.size(); i++) {
      CellOutcome o = byCell.get(i);
      if (o == null || cells.get(i).role().isStudentOwned()) {
        continue;
      }
      var line = DataLine.find(o.stdout());
      if (line.isPresent()) {
        context.setDataUsed(line.get());
        var provided = context.runner().config().data();
        if (provided != null && !provided.source().equals(line.get().source())) {
          context.flag(
              Flag.Level.FATAL,
              cells.get(i).gradeId().orElse(""),
              "the notebook loaded the data source "
                  + line.get().source()
                  + " from "
                  + line.get().directory()
                  + " but grading provided "
                  + provided.source()
                  + " ("
                  + provided.directory()
                  + "); scores on other data are not comparable");
        }
        return;
      }
    }
  }

  /** A sentence for an outcome that means a limit was hit, or null. */
  static String limitMessage(CellOutcome o) {
    if (o.evalue().contains("File too large")) {
      return "the answer cell wrote a file past the size limit for one file; the write was stopped"
          + " and grading went on";
    }
    String how = "";
    for (String lead : List.of(CellOutcome.RUNNING_WHEN, CellOutcome.STARTED_PROCESSES)) {
      if (o.evalue().startsWith(lead)) {
        how = o.evalue().substring(lead.length());
      }
    }
    return switch (o.status()) {
      case "timeout" ->
          how.isEmpty()
              ? "the answer cell ran past its time limit and was stopped: " + o.evalue()
              : "the answer cell ran past its time limit: " + how + "; the later cells still ran";
      case "processes" ->
          "the answer cell started too many processes: " + how + "; the later cells still ran";
      case "disk" ->
          "the answer cell wrote too much to disk: " + how + "; the later cells still ran";
      case "exit" -> "the answer cell called System.exit; the call was stopped and grading went on";
      case "oom" -> "the answer cell ran out of memory" + (how.isEmpty() ? "" : ": " + how);
      case "output_limit" ->
          "the answer cell printed more than the output limit; the rest was dropped";
      case CellOutcome.KILLED ->
          "the answer cell was killed before it finished" + (how.isEmpty() ? "" : ": " + how);
      default -> null;
    };
  }

  /** Whether a cell counts as an answer for messages (used by scoring). */
  static boolean isAnswer(Cell cell) {
    return cell.role() == CellRole.ANSWER || cell.role() == CellRole.MANUAL_ANSWER;
  }
}
