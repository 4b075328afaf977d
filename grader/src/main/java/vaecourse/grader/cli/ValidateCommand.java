package vaecourse.grader.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vaecourse.grader.execute.WorkerRunner;
import vaecourse.grader.notebook.Notebook;
import vaecourse.grader.notebook.NotebookFormatException;
import vaecourse.grader.notebook.NotebookIo;
import vaecourse.grader.pipeline.AssignmentSource;
import vaecourse.grader.pipeline.Grader;
import vaecourse.grader.pipeline.GradingContext;
import vaecourse.grader.pipeline.MalformedSourceException;
import vaecourse.grader.pipeline.Releases;
import vaecourse.grader.pipeline.SubmissionFinder;
import vaecourse.grader.report.Flag;
import vaecourse.grader.report.TaskResult;

/** {@code validate}: what a student runs before submitting. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    header = "Run a notebook the way grading will and show each task's result.",
    description = {
      "Executes the notebook in a separate engine process and prints pass/fail and points per task,"
          + " with the visible tests only (grading adds hidden tests). With --source, locked and"
          + " test cells come from the assignment, as in grading."
    },
    exitCodeListHeading = "Exit status:%n",
    exitCodeList = {
      "0:every autograded task passed",
      "1:some task failed or the notebook is unreadable",
      "2:usage or set-up error"
    })
public final class ValidateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "NOTEBOOK", description = "the notebook to check")
  Path notebook;

  @Option(
      names = "--source",
      paramLabel = "SOLUTIONS",
      description = "instructor notebooks: rebuild from their locked cells like grading does")
  Path source;

  @Mixin ExecutionOptions execution;

  @Override
  public Integer call() throws Exception {
    AssignmentSource assignment;
    try {
      assignment = assignment();
    } catch (NotebookFormatException e) {
      System.out.println("FAIL " + notebook + ": " + e.getMessage());
      return 1;
    } catch (MalformedSourceException | IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    WorkerRunner runner;
    try {
      runner =
          new WorkerRunner(
              execution.config(System.getenv().getOrDefault("COURSE_PROFILE", "full"), List.of()));
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    Path work = Files.createTempDirectory("vae-validate-");
    GradingContext context;
    try {
      // The notebook's own folder is copied, so data files beside it are found as in Jupyter.
      copyFolder(notebook.toAbsolutePath().getParent(), work);
      context =
          new GradingContext(SubmissionFinder.stem(notebook), notebook, assignment, runner, work);
      Grader.pipeline().run(context);
    } finally {
      deleteQuietly(work);
    }
    for (Flag f : context.flags()) {
      System.out.println("note: " + f.line());
    }
    double score = 0;
    double max = 0;
    boolean allPassed = !context.fatal();
    for (TaskResult t : context.results()) {
      if (t.manual()) {
        System.out.printf(
            "HAND %-28s %s point(s), graded by hand%n", t.gradeId(), fmt(t.maxScore()));
        continue;
      }
      max += t.maxScore();
      score += t.score() == null ? 0 : t.score();
      allPassed &= t.passed();
      System.out.printf(
          "%s %-28s %s / %s%n",
          t.passed() ? "PASS" : "FAIL",
          t.gradeId(),
          fmt(t.score() == null ? 0 : t.score()),
          fmt(t.maxScore()));
      if (!t.passed()) {
        for (String line : t.output().split("\n", 8)) {
          System.out.println("     " + line);
        }
      }
    }
    System.out.printf(
        "total %s / %s autograded points (visible tests only; grading adds hidden" + " tests)%n",
        fmt(score), fmt(max));
    return allPassed ? 0 : 1;
  }

  private AssignmentSource assignment()
      throws NotebookFormatException, MalformedSourceException, java.io.IOException {
    Notebook nb = NotebookIo.read(notebook);
    if (source == null) {
      return Releases.fromStudentNotebook(notebook.getFileName().toString(), nb);
    }
    Map<String, AssignmentSource> sources = Grader.loadSources(source);
    String stem = SubmissionFinder.stem(notebook);
    AssignmentSource a = sources.get(nb.assignment().orElse(stem));
    if (a == null) {
      a = sources.get(stem);
    }
    if (a == null && sources.size() == 1) {
      a = sources.values().iterator().next();
    }
    if (a == null) {
      throw new IllegalArgumentException(
          "no assignment in "
              + source
              + " matches "
              + notebook
              + " (known: "
              + String.join(", ", sources.keySet())
              + ")");
    }
    // Visible tests only: the student version stands in for the grading one.
    return new AssignmentSource(a.name(), a.studentRelease(), a.studentRelease().copy());
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static void copyFolder(Path from, Path to) throws java.io.IOException {
    if (from == null) {
      return;
    }
    try (var s = Files.list(from)) {
      for (Path p : s.toList()) {
        if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
            && Files.size(p) < 64L * 1024 * 1024) {
          Files.copy(p, to.resolve(p.getFileName().toString()));
        }
      }
    }
  }

  private static void deleteQuietly(Path root) {
    try (var s = Files.walk(root)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException ignored) {
      // temp folder: the OS cleans it
    }
  }
}
