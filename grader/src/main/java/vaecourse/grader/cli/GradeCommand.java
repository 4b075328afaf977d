package vaecourse.grader.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vaecourse.grader.execute.DataSet;
import vaecourse.grader.execute.WorkerRunner;
import vaecourse.grader.pipeline.AssignmentSource;
import vaecourse.grader.pipeline.Calibration;
import vaecourse.grader.pipeline.Grader;
import vaecourse.grader.pipeline.MalformedSourceException;
import vaecourse.grader.pipeline.Shard;
import vaecourse.grader.pipeline.SubmissionFinder;
import vaecourse.grader.report.GradescopeResults;
import vaecourse.grader.report.SubmissionResult;

/** {@code grade}: submissions to scores and reports. */
@Command(
    name = "grade",
    mixinStandardHelpOptions = true,
    header = "Grade submissions: scores, Gradescope results, feedback, grades.csv.",
    description = {
      "Each notebook is rebuilt from the assignment's locked cells and the student's answer cells,"
          + " hidden tests restored, and run in its own engine process with time and memory limits;"
          + " outputs stored in the submission are never used.",
      "%nWrites RESULTS/ASSIGNMENT/STUDENT/{results.json, feedback.html, notebook.ipynb,"
          + " record.json} as each submission finishes, and rebuilds RESULTS/grades.csv,"
          + " manual-grading.csv and manual-grading.md atomically after each.",
      "%nSUBMISSIONS are notebooks or folders of them; the student id is the file name, or the"
          + " folder name when the file is named after the assignment"
          + " (alice/01-reparameterization.ipynb). Submissions graded before are skipped unless"
          + " --force or their file changed."
    },
    exitCodeListHeading = "Exit status:%n",
    exitCodeList = {"0:graded (whatever the scores)", "1:malformed sources", "2:usage error"})
public final class GradeCommand implements Callable<Integer> {
  @Option(
      names = "--source",
      required = true,
      paramLabel = "SOLUTIONS",
      description = "folder of instructor notebooks (or one notebook)")
  Path source;

  @Parameters(arity = "1..*", paramLabel = "SUBMISSIONS", description = "notebooks or folders")
  List<Path> submissions;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "RESULTS",
      description = "results folder")
  Path output;

  @Option(names = "--force", description = "regrade submissions that already have results")
  boolean force;

  @Option(
      names = "--jobs",
      paramLabel = "N",
      description = "submissions graded at once, at most the core count (default: the core count)")
  Integer jobs;

  @Option(
      names = "--shard",
      paramLabel = "I/N",
      description =
          "grade only the I-th of N shards of the submissions (I from 0; a fixed split by student"
              + " id and file name) and write shard.json beside the results for `merge`")
  String shard;

  @Option(
      names = "--hidden-visibility",
      paramLabel = "V",
      description =
          "Gradescope visibility of tests with hidden parts: hidden, after_due_date,"
              + " after_published (default) or visible")
  String hiddenVisibility = GradescopeResults.HIDDEN_DEFAULT;

  @Mixin ExecutionOptions execution;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    Map<String, AssignmentSource> sources;
    try {
      sources = Grader.loadSources(source);
    } catch (MalformedSourceException e) {
      e.problems().forEach(p -> System.err.println("error: " + p));
      return 1;
    }
    if (sources.isEmpty()) {
      System.err.println("error: no .ipynb notebooks in " + source);
      return 2;
    }
    List<SubmissionFinder.Submission> found;
    try {
      found = SubmissionFinder.find(submissions, sources.keySet());
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    Shard part = null;
    try {
      new GradescopeResults(hiddenVisibility);
      if (shard != null) {
        part = Shard.parse(shard);
        found = part.select(found);
      }
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    List<Path> hidden = new ArrayList<>(submissions);
    hidden.add(source);
    hidden.add(output);
    WorkerRunner runner;
    int n;
    try {
      String profile = execution.profile("grade");
      for (AssignmentSource a : sources.values()) {
        Calibration.apply(a, source, profile).forEach(l -> out.println("limits: " + l));
      }
      String expected = expectedData(sources);
      n = ExecutionOptions.jobs(jobs);
      DataSet data = execution.data(expected);
      runner = new WorkerRunner(execution.config("grade", hidden, n).withData(data));
      out.println(
          data == null
              ? "data: none found in " + execution.datasetsDir() + "; notebooks that load data fail"
              : "data: "
                  + data.source()
                  + " from "
                  + data.directory()
                  + (expected == null
                      ? " (no expected source recorded)"
                      : " (as the assignment expects)")
                  + "; sandbox "
                  + runner.sandboxKind());
    } catch (java.io.IOException | IllegalArgumentException | IllegalStateException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    out.println(
        "grading "
            + found.size()
            + " submission(s)"
            + (part == null ? "" : " (shard " + part + ")")
            + " of "
            + String.join(", ", sources.keySet())
            + " with "
            + n
            + " job(s)");
    Grader grader =
        new Grader(sources, runner, output, n, force, out).withHiddenVisibility(hiddenVisibility);
    long start = System.nanoTime();
    if (part != null) {
      java.nio.file.Files.createDirectories(output);
      part.writeMarker(output, found);
    }
    List<SubmissionResult> results = grader.gradeAll(found);
    double seconds = (System.nanoTime() - start) / 1e9;
    out.printf(
        "%d submission(s) in %.1f s; grades in %s%n",
        results.size(), seconds, output.resolve("grades.csv"));
    return 0;
  }

  /**
   * The data source the assignments expect ({@code metadata.course.data_source}, set by the author
   * or from the calibration), null when none records one.
   *
   * @throws IllegalArgumentException when two assignments expect different sources
   */
  static String expectedData(Map<String, AssignmentSource> sources) {
    String expected = null;
    String by = null;
    for (AssignmentSource a : sources.values()) {
      var course = a.gradingRelease().metadata().get("course");
      if (course == null || !course.isJsonObject()) {
        continue;
      }
      var e = course.getAsJsonObject().get(Calibration.DATA_SOURCE);
      if (e == null || !e.isJsonPrimitive()) {
        continue;
      }
      String s = e.getAsString();
      if (expected != null && !expected.equals(s)) {
        throw new IllegalArgumentException(
            by
                + " expects the data source "
                + expected
                + " but "
                + a.name()
                + " expects "
                + s
                + "; grade them in separate runs, each with its --data-source");
      }
      expected = s;
      by = a.name();
    }
    return expected;
  }
}
