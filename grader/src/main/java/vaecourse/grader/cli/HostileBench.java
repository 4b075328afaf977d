package vaecourse.grader.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vaecourse.grader.execute.WorkerConfig;
import vaecourse.grader.execute.WorkerRunner;
import vaecourse.grader.notebook.Cell;
import vaecourse.grader.notebook.Notebook;
import vaecourse.grader.notebook.NotebookIo;
import vaecourse.grader.notebook.NotebookJson;
import vaecourse.grader.pipeline.AssignmentSource;
import vaecourse.grader.pipeline.Calibration;
import vaecourse.grader.pipeline.Grader;
import vaecourse.grader.pipeline.GradingContext;
import vaecourse.grader.pipeline.Releases;
import vaecourse.grader.pipeline.SubmissionFinder;
import vaecourse.grader.report.Flag;
import vaecourse.grader.report.SubmissionResult;

/**
 * The hostile set, graded as a class: each submission answers the second task ({@code mean})
 * correctly without calling the first, and attacks the grader from the first ({@code sum}), so a
 * grader that stops the attack and goes on scores it 3 / 5; broken files score 0. The benchmark
 * assignment is first calibrated (its solution run once and timed), so the cell limits are the ones
 * grading derives from the solution.
 */
final class HostileBench {
  /** Points a hostile submission keeps: the mean task. */
  static final double KEPT = 3.0;

  private HostileBench() {}

  /** The attacks on the first task, by student name. */
  static Map<String, String> attacks() {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("loop", "double sum(double[] xs) {\n  while (true) {}\n}");
    a.put(
        "numeric-loop",
        "double sum(double[] xs) {\n  double s = 0;\n"
            + "  for (long i = 0; ; i++) s += Math.sqrt(i);\n}");
    a.put(
        "sleep",
        "double sum(double[] xs) {\n  try { Thread.sleep(600_000); }"
            + " catch (InterruptedException e) {}\n  return 0;\n}");
    a.put("exit", "double sum(double[] xs) {\n  System.exit(0);\n  return 0;\n}");
    a.put("halt", "double sum(double[] xs) {\n  Runtime.getRuntime().halt(3);\n  return 0;\n}");
    a.put(
        "oom",
        "double sum(double[] xs) {\n  long[] big = new long[1_250_000_000];\n"
            + "  return big[0];\n}");
    a.put(
        "flood",
        "double sum(double[] xs) {\n  String l = \"x\".repeat(99);\n"
            + "  for (int i = 0; i < 1_000_000; i++) System.out.println(l);\n  return 0;\n}");
    a.put(
        "fork-bomb",
        "double sum(double[] xs) {\n  try {\n"
            + "    new ProcessBuilder(\"sh\", \"-c\", \"b() { b | b & }; b\").start();\n"
            + "    Thread.sleep(120_000);\n"
            + "  } catch (Exception e) { throw new RuntimeException(e); }\n  return 0;\n}");
    a.put(
        "huge-file",
        "double sum(double[] xs) {\n  byte[] mb = new byte[1 << 20];\n"
            + "  try (var o = new java.io.FileOutputStream(\"big.bin\")) {\n"
            + "    for (int i = 0; i < 10_240; i++) o.write(mb);\n"
            + "  } catch (java.io.IOException e) { throw new RuntimeException(e); }\n"
            + "  return 0;\n}");
    a.put(
        "read-home",
        "double sum(double[] xs) {\n  try {\n    return java.nio.file.Files.readString(\n"
            + "        java.nio.file.Path.of(System.getenv(\"HOME\"), \".bashrc\")).length();\n"
            + "  } catch (java.io.IOException e) { throw new RuntimeException(e); }\n}");
    return a;
  }

  /** Grades the set and prints one line per submission and the wall time. */
  static int run(ExecutionOptions execution, Integer jobs, PrintStream out) throws Exception {
    Path root = Files.createTempDirectory("vae-grader-hostile-");
    try {
      AssignmentSource source = Releases.fromSolution("bench.ipynb", BenchCommand.sampleSolution());
      int n = ExecutionOptions.jobs(jobs);
      Path subs = Files.createDirectories(root.resolve("submissions"));
      WorkerConfig config = execution.config("ci", List.of(subs), n);
      long start = System.nanoTime();
      calibrate(source, config, root, out);
      Notebook good = BenchCommand.solved(source);
      NotebookIo.write(good, subs.resolve("correct.ipynb"));
      for (Map.Entry<String, String> e : attacks().entrySet()) {
        Notebook nb = good.copy();
        answer(
            nb,
            "answer-mean",
            "double mean(double[] xs) {\n"
                + "  return java.util.Arrays.stream(xs).average().orElse(0);\n}");
        answer(nb, "answer-sum", e.getValue());
        NotebookIo.write(nb, subs.resolve(e.getKey() + ".ipynb"));
      }
      Notebook tampered = good.copy();
      answer(
          tampered,
          "answer-mean",
          "double mean(double[] xs) {\n"
              + "  return java.util.Arrays.stream(xs).average().orElse(0);\n}");
      answer(tampered, "answer-sum", "double sum(double[] xs) {\n  return 0;\n}");
      answer(tampered, "test-sum", "// all good");
      NotebookIo.write(tampered, subs.resolve("tampered.ipynb"));
      String text = good.toJsonText();
      Files.writeString(subs.resolve("garbage.ipynb"), "{\"cells\": [ not json at all");
      Files.writeString(subs.resolve("truncated.ipynb"), text.substring(0, text.length() / 3));
      Grader grader =
          new Grader(
              Map.of(source.name(), source),
              new WorkerRunner(config),
              root.resolve("results"),
              n,
              true,
              new PrintStream(new ByteArrayOutputStream(), true));
      List<SubmissionFinder.Submission> found =
          SubmissionFinder.find(List.of(subs), java.util.Set.of(source.name()));
      List<SubmissionResult> results = grader.gradeAll(found);
      double seconds = (System.nanoTime() - start) / 1e9;
      int wrong = 0;
      for (SubmissionResult r : results) {
        double want =
            r.student().equals("correct")
                ? 5
                : r.student().equals("garbage") || r.student().equals("truncated") ? 0 : KEPT;
        boolean ok = r.score() == want;
        wrong += ok ? 0 : 1;
        out.printf(
            Locale.ROOT,
            "%-13s %s / %s%s %5.1f s  %s%n",
            r.student(),
            BenchCommand.fmt(r.score()),
            BenchCommand.fmt(r.maxScore()),
            ok ? "  " : " !",
            r.seconds(),
            firstNote(r));
      }
      out.printf(
          Locale.ROOT,
          "hostile set: %d submissions graded in %.1f s wall (calibration included) with %d"
              + " job(s) on %d core(s), sandbox %s; %d scored otherwise than expected%n",
          results.size(),
          seconds,
          n,
          Runtime.getRuntime().availableProcessors(),
          new WorkerRunner(config).sandboxKind(),
          wrong);
      out.println(
          "repeat: java -jar grader/target/vae-grader-1.0.0-all.jar bench --hostile --jobs " + n);
      return wrong == 0 ? 0 : 1;
    } finally {
      try (var s = Files.walk(root)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Runs the solution once and writes its cell times into the grading release's metadata. */
  private static void calibrate(
      AssignmentSource source, WorkerConfig config, Path root, PrintStream out)
      throws IOException, vaecourse.grader.pipeline.MalformedSourceException {
    Path file = root.resolve("bench.ipynb");
    NotebookIo.write(BenchCommand.solved(source), file);
    Path work = Files.createDirectories(root.resolve("calibration"));
    GradingContext c =
        new GradingContext("calibration", file, source, new WorkerRunner(config), work);
    Grader.pipeline().run(c);
    List<String> times = new ArrayList<>();
    List<Cell> cells = c.rebuilt().cells();
    for (int i = 0; i < cells.size(); i++) {
      Long ms = c.run() == null ? null : c.run().cellMillis().get("cell-" + (i + 1));
      String id = cells.get(i).gradeId().orElse(null);
      if (ms == null || id == null) {
        continue;
      }
      for (Cell g : source.gradingRelease().cells()) {
        if (id.equals(g.gradeId().orElse(null))) {
          NotebookJson.objectMember(g.metadata(), "course")
              .addProperty(Calibration.SOLUTION_SECONDS, ms / 1e3);
        }
      }
      times.add(String.format(Locale.ROOT, "%s %.2f s", id, ms / 1e3));
    }
    out.println("calibrated on the solution: " + String.join(", ", times));
  }

  private static void answer(Notebook nb, String gradeId, String source) {
    for (Cell c : nb.cells()) {
      if (c.gradeId().orElse("").equals(gradeId)) {
        c.setSource(source);
      }
    }
  }

  private static String firstNote(SubmissionResult r) {
    List<String> notes = new ArrayList<>();
    for (Flag f : r.flags()) {
      if (f.level() != Flag.Level.INFO) {
        String l = f.line();
        notes.add(l.length() > 220 ? l.substring(0, 220) + "..." : l);
      }
    }
    return String.join(" | ", notes);
  }
}
