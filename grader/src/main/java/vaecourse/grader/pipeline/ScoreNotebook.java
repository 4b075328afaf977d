package vaecourse.grader.pipeline;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vaecourse.grader.execute.CellOutcome;
import vaecourse.grader.notebook.Cell;
import vaecourse.grader.notebook.CellRole;
import vaecourse.grader.notebook.NbgraderMeta;
import vaecourse.grader.notebook.OutputCheck;
import vaecourse.grader.report.Flag;
import vaecourse.grader.report.TaskResult;

/**
 * Scores the rebuilt notebook: a test cell earns its points when it ran with status ok, wrote
 * nothing to stderr and passed its {@code metadata.course.check}s, else zero; written answers and
 * tasks are listed for manual grading. Scores come from the run only, never from stored outputs.
 */
public final class ScoreNotebook implements Step<GradingContext> {
  /** Characters of a cell's output copied into a test's feedback. */
  public static final int FEEDBACK_CHARS = 4_000;

  @Override
  public void apply(GradingContext context) {
    List<Cell> cells =
        (context.rebuilt() != null ? context.rebuilt() : context.source().gradingRelease()).cells();
    Map<String, String> studentSources = new HashMap<>();
    for (Cell c : context.source().studentRelease().cells()) {
      c.gradeId().ifPresent(g -> studentSources.putIfAbsent(g, c.source()));
    }
    String notRun =
        context.flags().stream()
            .filter(f -> f.level() == Flag.Level.FATAL)
            .map(Flag::message)
            .findFirst()
            .orElse("the notebook was not run");
    List<TaskResult> results = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      Cell cell = cells.get(i);
      CellRole role = cell.role();
      if (!role.hasPoints()) {
        continue;
      }
      String gid = cell.gradeId().orElse("cell " + (i + 1));
      double points = cell.nbgrader().map(NbgraderMeta::pointsValue).orElse(0.0);
      if (role != CellRole.TEST) {
        String answer = context.fatal() && role == CellRole.MANUAL_ANSWER ? "" : cell.source();
        results.add(
            new TaskResult(
                gid,
                TaskResult.MANUAL,
                points,
                null,
                false,
                role == CellRole.TASK ? "graded by hand (task)" : "graded by hand",
                "visible",
                answer));
        continue;
      }
      String visible = studentSources.get(gid);
      boolean hidden =
          Regions.HIDDEN_TESTS.mentions(cell.source())
              || (visible != null && !visible.equals(cell.source()));
      String visibility = hidden ? "after_published" : "visible";
      CellOutcome o = context.outcomeOf(i);
      if (o == null) {
        results.add(
            new TaskResult(
                gid,
                TaskResult.AUTOGRADED,
                points,
                0.0,
                false,
                "not graded: " + notRun,
                visibility,
                ""));
        continue;
      }
      Optional<String> failure = failure(cell, o);
      if (failure.isPresent()) {
        String message = "failed: " + failure.get() + answerNote(context, cells, i);
        Boolean storedClean = context.storedOutputsLookClean().get(gid);
        if (Boolean.TRUE.equals(storedClean)) {
          context.flag(
              Flag.Level.WARNING,
              gid,
              "the submitted file shows this test passing but it"
                  + " fails when run again; stored outputs are never used for grading");
        }
        results.add(
            new TaskResult(
                gid,
                TaskResult.AUTOGRADED,
                points,
                0.0,
                false,
                CellOutcome.cut(message, FEEDBACK_CHARS),
                visibility,
                ""));
      } else {
        String out = o.stdout().isBlank() ? "passed" : "passed\n" + o.stdout();
        results.add(
            new TaskResult(
                gid,
                TaskResult.AUTOGRADED,
                points,
                points,
                true,
                CellOutcome.cut(out, FEEDBACK_CHARS),
                visibility,
                ""));
      }
    }
    context.setResults(results);
  }

  /** Why a test cell fails, or empty when it passes. */
  static Optional<String> failure(Cell cell, CellOutcome o) {
    String why =
        switch (o.status()) {
          case "ok" -> null;
          case "error" -> errorText(o);
          case "timeout" -> "the test ran past its time limit and was stopped";
          case "exit" -> "the test cell's code called System.exit";
          case "oom" -> "out of memory: " + errorText(o);
          case "output_limit" -> "the cell printed more than the output limit";
          case CellOutcome.KILLED -> o.evalue();
          default -> "status " + o.status() + ": " + errorText(o);
        };
    if (why != null) {
      return Optional.of(why);
    }
    if (!o.stderr().isBlank()) {
      return Optional.of(
          "the cell wrote to stderr, which counts as a failure:\n"
              + CellOutcome.cut(o.stderr().strip(), FEEDBACK_CHARS / 2));
    }
    Optional<JsonElement> check = cell.checkJson();
    if (check.isPresent()) {
      List<OutputCheck> checks;
      try {
        checks = OutputCheck.parseAll(check.get());
      } catch (IllegalArgumentException e) {
        return Optional.of("the assignment's output check is malformed: " + e.getMessage());
      }
      StringBuilder text = new StringBuilder(o.stdout());
      List<String> pngs = new ArrayList<>();
      for (JsonObject out : o.outputs()) {
        JsonElement data = out.get("data");
        if (data != null && data.isJsonObject()) {
          JsonElement plain = data.getAsJsonObject().get("text/plain");
          if (plain != null && plain.isJsonPrimitive()) {
            text.append('\n').append(plain.getAsString());
          }
          JsonElement png = data.getAsJsonObject().get("image/png");
          if (png != null && png.isJsonPrimitive()) {
            pngs.add(png.getAsString());
          }
        }
      }
      for (OutputCheck c : checks) {
        Optional<String> f = c.failure(text.toString(), pngs);
        if (f.isPresent()) {
          return Optional.of("output check (" + c.kind() + "): " + f.get());
        }
      }
    }
    return Optional.empty();
  }

  private static String errorText(CellOutcome o) {
    StringBuilder b = new StringBuilder();
    b.append(o.ename().isEmpty() ? "error" : o.ename());
    if (!o.evalue().isEmpty()) {
      b.append(": ").append(o.evalue());
    }
    return b.toString();
  }

  /** A note on the nearest answer cell above a failing test, when that cell did not run cleanly. */
  private static String answerNote(GradingContext context, List<Cell> cells, int test) {
    for (int k = test - 1; k >= 0; k--) {
      Cell c = cells.get(k);
      if (c.role() == CellRole.TEST) {
        return "";
      }
      if (c.role() == CellRole.ANSWER) {
        String rejected = context.rejectedAnswers().get(c.gradeId().orElse(""));
        if (rejected != null) {
          return "\n(" + c.gradeId().orElse("") + ": " + rejected + ")";
        }
        CellOutcome a = context.outcomeOf(k);
        if (a != null && !a.ok()) {
          return "\n(the answer cell "
              + c.gradeId().orElse("")
              + " above did not run cleanly: "
              + errorText(a)
              + ")";
        }
        return "";
      }
    }
    return "";
  }
}
