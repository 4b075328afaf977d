package vaecourse.grader.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vaecourse.grader.execute.WorkerRunner;
import vaecourse.grader.notebook.Cell;
import vaecourse.grader.notebook.Notebook;
import vaecourse.grader.notebook.NotebookIo;
import vaecourse.grader.pipeline.AssignmentSource;
import vaecourse.grader.pipeline.Grader;
import vaecourse.grader.pipeline.Releases;
import vaecourse.grader.pipeline.SubmissionFinder;
import vaecourse.grader.report.SubmissionResult;

/** {@code bench}: how many submissions this machine grades per minute. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    header = "Measure grading throughput: submissions graded per minute.",
    description = {
      "Generates a small assignment (two coded tasks with tests, one written answer), makes"
          + " N submissions of it (half solved, half the untouched student version) and grades"
          + " them through the engine with the ci profile, then prints the rate."
    })
public final class BenchCommand implements Callable<Integer> {
  @Option(
      names = "--submissions",
      paramLabel = "N",
      defaultValue = "20",
      description = "how many submissions (default: ${DEFAULT-VALUE})")
  int count;

  @Option(
      names = "--jobs",
      paramLabel = "N",
      description = "submissions graded at once (default: the core count)")
  Integer jobs;

  @Option(
      names = "--hostile",
      description =
          "grade the hostile set instead (loop, exit, OOM, flood, fork bomb, 10 GB file, garbage,"
              + " truncated, tampered, ...) and print each score, its note and the wall time")
  boolean hostile;

  @Mixin ExecutionOptions execution;

  @Override
  public Integer call() throws Exception {
    if (hostile) {
      return HostileBench.run(execution, jobs, System.out);
    }
    if (count < 1) {
      System.err.println("error: --submissions must be >= 1, got " + count);
      return 2;
    }
    Path root = Files.createTempDirectory("vae-grader-bench-");
    try {
      Notebook solution = sampleSolution();
      AssignmentSource source = Releases.fromSolution("bench.ipynb", solution);
      Path subs = Files.createDirectories(root.resolve("submissions"));
      for (int i = 0; i < count; i++) {
        Notebook nb = i % 2 == 0 ? solved(source) : source.studentRelease().copy();
        NotebookIo.write(nb, subs.resolve(String.format("student%02d.ipynb", i + 1)));
      }
      int n = ExecutionOptions.jobs(jobs);
      WorkerRunner runner = new WorkerRunner(execution.config("ci", List.of(subs), n));
      Grader grader =
          new Grader(
              Map.of(source.name(), source),
              runner,
              root.resolve("results"),
              n,
              true,
              new PrintStream(new ByteArrayOutputStream(), true));
      List<SubmissionFinder.Submission> found =
          SubmissionFinder.find(List.of(subs), java.util.Set.of(source.name()));
      long start = System.nanoTime();
      List<SubmissionResult> results = grader.gradeAll(found);
      double seconds = (System.nanoTime() - start) / 1e9;
      long full = results.stream().filter(r -> r.score() == r.maxScore()).count();
      System.out.printf(
          "graded %d submissions (%d full marks, %d zero) in %.1f s with %d job(s)"
              + " on %d core(s): %.1f submissions/minute%n",
          results.size(),
          full,
          results.size() - full,
          seconds,
          n,
          Runtime.getRuntime().availableProcessors(),
          results.size() * 60.0 / seconds);
      System.out.println(
          "repeat: java -jar grader/target/vae-grader-1.0.0-all.jar bench"
              + " --submissions "
              + count
              + " --jobs "
              + n);
      return 0;
    } finally {
      try (var s = Files.walk(root)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** The benchmark's instructor notebook. */
  static Notebook sampleSolution() {
    Notebook nb = Notebook.empty();
    nb.add(Cell.of(Cell.Type.MARKDOWN, "# Benchmark assignment"));
    nb.add(
        graded(
            "answer-sum",
            false,
            true,
            null,
            "double sum(double[] xs) {\n  // BEGIN SOLUTION\n  double s = 0;\n"
                + "  for (double x : xs) s += x;\n  return s;\n  // END SOLUTION\n}"));
    nb.add(
        graded(
            "test-sum",
            true,
            false,
            2,
            "if (sum(new double[] {1, 2, 3.5}) != 6.5) throw new AssertionError(\"sum\");\n"
                + "// BEGIN HIDDEN TESTS\n"
                + "if (sum(new double[0]) != 0) throw new AssertionError(\"empty\");\n"
                + "// END HIDDEN TESTS"));
    nb.add(
        graded(
            "answer-mean",
            false,
            true,
            null,
            "double mean(double[] xs) {\n  // BEGIN SOLUTION\n  return sum(xs) / xs.length;\n"
                + "  // END SOLUTION\n}"));
    Cell check =
        graded(
            "test-mean",
            true,
            false,
            3,
            "System.out.println(\"mean = \" + mean(new double[] {1, 2, 3, 6}));");
    JsonObject course = new JsonObject();
    course.add("check", JsonParser.parseString("{\"kind\": \"numbers\", \"expected\": [3.0]}"));
    check.metadata().add("course", course);
    nb.add(check);
    Cell written =
        graded(
            "written",
            true,
            true,
            1,
            "<!-- BEGIN SOLUTION -->\n"
                + "The mean divides the sum by the count.\n"
                + "<!-- END SOLUTION -->");
    written.json().addProperty("cell_type", "markdown");
    written.json().remove("outputs");
    written.json().remove("execution_count");
    nb.add(written);
    return nb;
  }

  static Notebook solved(AssignmentSource source) {
    Notebook nb = source.studentRelease().copy();
    List<Cell> cells = new ArrayList<>(nb.cells());
    for (Cell c : cells) {
      switch (c.gradeId().orElse("")) {
        case "answer-sum" ->
            c.setSource(
                "double sum(double[] xs) {\n  return java.util.Arrays.stream(xs).sum();\n}");
        case "answer-mean" ->
            c.setSource("double mean(double[] xs) {\n  return sum(xs) / xs.length;\n}");
        case "written" -> c.setSource("Sum over count.");
        default -> {}
      }
    }
    return nb;
  }

  static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static Cell graded(
      String id, boolean grade, boolean solution, Integer points, String source) {
    Cell cell = Cell.of(Cell.Type.CODE, source);
    JsonObject nb = new JsonObject();
    nb.addProperty("grade", grade);
    nb.addProperty("solution", solution);
    nb.addProperty("locked", !solution);
    nb.addProperty("grade_id", id);
    if (points != null) {
      nb.addProperty("points", points);
    }
    nb.addProperty("schema_version", 3);
    cell.metadata().add("nbgrader", nb);
    return cell;
  }
}
