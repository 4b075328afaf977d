package vaecourse.grader.pipeline;

import com.google.gson.JsonElement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import vaecourse.grader.notebook.Cell;
import vaecourse.grader.notebook.CellRole;
import vaecourse.grader.notebook.NbgraderMeta;
import vaecourse.grader.notebook.OutputCheck;

/**
 * Refuses an instructor notebook that would grade wrongly: graded cells without a {@code grade_id}
 * or {@code points}, duplicate ids, a schema other than 3, roles on the wrong cell type, malformed
 * output checks, and solution or hidden-test markers that are nested, unclosed, stray or in a cell
 * of the wrong role. Reports every problem at once, each with its cell and line.
 */
public final class ValidateMetadata implements Step<SourceContext> {
  private static final Pattern GRADE_ID = Pattern.compile("[A-Za-z0-9_.\\-]+");

  @Override
  public void apply(SourceContext context) throws MalformedSourceException {
    List<SourceProblem> problems = new ArrayList<>();
    Map<String, Integer> gradeIds = new HashMap<>();
    Map<String, Integer> cellIds = new HashMap<>();
    List<Cell> cells = context.notebook().cells();
    String file = context.fileName();
    for (int i = 0; i < cells.size(); i++) {
      Cell cell = cells.get(i);
      int number = i + 1;
      Optional<String> cellId = cell.id();
      if (cellId.isPresent()) {
        Integer before = cellIds.putIfAbsent(cellId.get(), number);
        if (before != null) {
          problems.add(
              new SourceProblem(
                  file,
                  number,
                  "",
                  0,
                  "cell id \""
                      + cellId.get()
                      + "\" is also used by cell "
                      + before
                      + "; give each cell its own id"));
        }
      }
      Optional<NbgraderMeta> meta = cell.nbgrader();
      CellRole role = cell.role();
      String gid = meta.map(NbgraderMeta::gradeId).orElse("");
      if (meta.isPresent() && role != CellRole.PLAIN) {
        NbgraderMeta m = meta.get();
        if (gid.isEmpty()) {
          problems.add(
              new SourceProblem(
                  file,
                  number,
                  "",
                  0,
                  role + " cell has no nbgrader grade_id; add a unique \"grade_id\""));
        } else if (!GRADE_ID.matcher(gid).matches()) {
          problems.add(
              new SourceProblem(
                  file, number, gid, 0, "grade_id may use only letters, digits, '.', '_' and '-'"));
        } else {
          Integer before = gradeIds.putIfAbsent(gid, number);
          if (before != null) {
            problems.add(
                new SourceProblem(
                    file,
                    number,
                    gid,
                    0,
                    "duplicate grade_id \"" + gid + "\": cell " + before + " has it too"));
          }
        }
        if (m.schemaVersion() != 0 && m.schemaVersion() != NbgraderMeta.SCHEMA_VERSION) {
          problems.add(
              new SourceProblem(
                  file,
                  number,
                  gid,
                  0,
                  "nbgrader schema_version is "
                      + m.schemaVersion()
                      + " but must be "
                      + NbgraderMeta.SCHEMA_VERSION));
        }
        if (role.hasPoints()) {
          if (m.points().isEmpty()) {
            problems.add(
                new SourceProblem(
                    file,
                    number,
                    gid,
                    0,
                    "graded cell has no numeric \"points\""
                        + (m.pointsText().isEmpty() ? "" : " (found " + m.pointsText() + ")")));
          } else if (m.points().get().signum() < 0) {
            problems.add(
                new SourceProblem(
                    file, number, gid, 0, "points must be >= 0, got " + m.points().get()));
          }
        }
        if (m.task() && (m.grade() || m.solution())) {
          problems.add(
              new SourceProblem(
                  file, number, gid, 0, "a task cell cannot also be a grade or solution cell"));
        }
        if (role == CellRole.TASK && cell.type() != Cell.Type.MARKDOWN) {
          problems.add(new SourceProblem(file, number, gid, 0, "a task cell must be markdown"));
        }
        if ((role == CellRole.TEST || role == CellRole.ANSWER) && cell.type() != Cell.Type.CODE) {
          problems.add(
              new SourceProblem(
                  file,
                  number,
                  gid,
                  0,
                  (role == CellRole.TEST ? "an autograder test" : "an autograded answer")
                      + " cell must be a code cell, not "
                      + cell.typeName()));
        }
      }
      checkOutputChecks(file, number, gid, cell, role, problems);
      checkMarkers(file, number, gid, cell, role, problems);
    }
    if (!problems.isEmpty()) {
      throw new MalformedSourceException(problems);
    }
  }

  private static void checkOutputChecks(
      String file, int number, String gid, Cell cell, CellRole role, List<SourceProblem> problems) {
    Optional<JsonElement> check = cell.checkJson();
    if (check.isEmpty()) {
      return;
    }
    if (role != CellRole.TEST) {
      problems.add(
          new SourceProblem(
              file,
              number,
              gid,
              0,
              "metadata.course.check is only read on autograder test cells (grade: true,"
                  + " solution: false)"));
      return;
    }
    try {
      OutputCheck.parseAll(check.get());
    } catch (IllegalArgumentException e) {
      problems.add(
          new SourceProblem(file, number, gid, 0, "metadata.course.check: " + e.getMessage()));
    }
  }

  private static void checkMarkers(
      String file, int number, String gid, Cell cell, CellRole role, List<SourceProblem> problems) {
    String source = cell.source();
    Regions solution =
        cell.type() == Cell.Type.MARKDOWN ? Regions.MARKDOWN_SOLUTION : Regions.CODE_SOLUTION;
    List<Regions.MarkerError> errors = new ArrayList<>();
    if (solution.mentions(source)) {
      if (!role.isStudentOwned()) {
        problems.add(
            new SourceProblem(
                file,
                number,
                gid,
                0,
                "solution markers in a cell that is not a solution cell; set nbgrader"
                    + " \"solution\": true or remove the markers"));
      }
      solution.scan(source, errors);
    }
    if (Regions.HIDDEN_TESTS.mentions(source)) {
      if (role != CellRole.TEST) {
        problems.add(
            new SourceProblem(
                file,
                number,
                gid,
                0,
                "hidden-test markers in a cell that is not an autograder test cell"));
      }
      Regions.HIDDEN_TESTS.scan(source, errors);
    }
    for (Regions.MarkerError e : errors) {
      problems.add(new SourceProblem(file, number, gid, e.line(), e.message()));
    }
  }
}
