package vaecourse.grader.testing;

import java.nio.file.Path;
import java.time.Duration;
import vaecourse.grader.execute.WorkerConfig;
import vaecourse.grader.execute.WorkerRunner;
import vaecourse.grader.notebook.Cell;
import vaecourse.grader.notebook.Notebook;
import vaecourse.grader.notebook.NotebookIo;
import vaecourse.grader.pipeline.AssignmentSource;
import vaecourse.grader.pipeline.GradingContext;
import vaecourse.grader.pipeline.Releases;

/** Submissions of the fixture assignment, good and bad, and contexts to grade them. */
public final class Submissions {
  private Submissions() {}

  /** The fixture assignment. */
  public static AssignmentSource source() {
    try {
      return Releases.fromSolution("adder.ipynb", Fixtures.solution());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The notebook a student downloads. */
  public static Notebook blank() {
    return source().studentRelease().copy();
  }

  /** The student notebook with correct answers typed in (no markers, no hidden tests). */
  public static Notebook correct() {
    Notebook nb = blank();
    answer(nb, "add-impl", "int add(int a, int b) {\n  return b + a;\n}");
    answer(nb, "mul-impl", "int mul(int a, int b) {\n  return a * b;\n}");
    answer(nb, "why", "Because + commutes on int.");
    return nb;
  }

  /** Replaces the source of the cell with a grade_id. */
  public static Notebook answer(Notebook nb, String gradeId, String source) {
    cell(nb, gradeId).setSource(source);
    return nb;
  }

  /** The cell with a grade_id. */
  public static Cell cell(Notebook nb, String gradeId) {
    return nb.cells().stream()
        .filter(c -> c.gradeId().orElse("").equals(gradeId))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no cell " + gradeId));
  }

  /** Writes the notebook to a file and returns it. */
  public static Path write(Notebook nb, Path file) {
    try {
      NotebookIo.write(nb, file);
      return file;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A grading context for a file with the fake worker. */
  public static GradingContext context(Path file, Path work) {
    return context(file, work, Fixtures.fakeWorker(Duration.ofSeconds(60)));
  }

  /** A grading context for a file with a worker configuration. */
  public static GradingContext context(Path file, Path work, WorkerConfig config) {
    return new GradingContext("student", file, source(), new WorkerRunner(config), work);
  }
}
