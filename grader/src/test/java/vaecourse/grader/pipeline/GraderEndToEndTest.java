package vaecourse.grader.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import vaecourse.grader.execute.Bubblewrap;
import vaecourse.grader.execute.Sandbox;
import vaecourse.grader.execute.WorkerConfig;
import vaecourse.grader.execute.WorkerRunner;
import vaecourse.grader.notebook.Cell;
import vaecourse.grader.notebook.Notebook;
import vaecourse.grader.notebook.NotebookIo;
import vaecourse.grader.report.Flag;
import vaecourse.grader.report.SubmissionResult;
import vaecourse.grader.report.TaskResult;
import vaecourse.grader.testing.Fixtures;
import vaecourse.grader.testing.Submissions;

/**
 * Grades a small class of good, broken and hostile submissions of the fixture assignment through
 * the real engine worker ({@code vaecourse.engine.Worker}), two at a time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GraderEndToEndTest {
  private static final double EXACT = 0.0;
  private static final int HEAP_MB = 384;

  private final Map<String, SubmissionResult> byStudent = new HashMap<>();
  private Path results;
  private Path solutions;

  @BeforeAll
  void gradeTheClass(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Fixtures.realWorkerPresent(), "engine worker not on the class path");
    solutions = Fixtures.writeSolution(dir.resolve("solutions"));
    Path subs = Files.createDirectories(dir.resolve("subs"));
    results = dir.resolve("results");
    Map<String, Notebook> class1 = new HashMap<>();
    class1.put("teacher", Fixtures.solution());
    class1.put("blank", Submissions.blank());
    class1.put("correct", Submissions.correct());
    class1.put(
        "compile",
        Submissions.answer(
            Submissions.correct(), "add-impl", "int add(int a, int b) {\n  return a + ;\n}"));
    class1.put(
        "hang",
        Submissions.answer(
            Submissions.correct(), "mul-impl", "int mul(int a, int b) {\n  while (true) {}\n}"));
    class1.put(
        "exit",
        Submissions.answer(
            Submissions.correct(),
            "add-impl",
            "int add(int a, int b) {\n  System.exit(0);\n  return a + b;\n}"));
    class1.put(
        "oom",
        Submissions.answer(
            Submissions.correct(),
            "mul-impl",
            "int mul(int a, int b) {\n  long[] big = new long[1_250_000_000];\n"
                + "  return a * b + (int) big[0];\n}"));
    class1.put(
        "flood",
        Submissions.answer(
            Submissions.correct(),
            "mul-impl",
            "int mul(int a, int b) {\n"
                + "  String line = \"x\".repeat(99);\n"
                + "  for (int i = 0; i < 1_000_000; i++) System.out.println(line);\n"
                + "  return a * b;\n"
                + "}"));
    class1.put(
        "reader",
        Submissions.answer(
            Submissions.correct(),
            "mul-impl",
            "int mul(int a, int b) {\n"
                + "  try {\n"
                + "    System.out.println(java.nio.file.Files.readString(java.nio.file.Path.of(\""
                + solutions.resolve("adder.ipynb")
                + "\")).length());\n"
                + "  } catch (java.io.IOException e) {\n    throw new RuntimeException(e);\n  }\n"
                + "  return a * b;\n}"));
    class1.put("shuffled", shuffled());
    class1.put("tampered", tampered());
    Notebook other = Submissions.correct();
    other.setAssignment("02-bernoulli-decoder");
    class1.put("other", other);
    for (Map.Entry<String, Notebook> e : class1.entrySet()) {
      Submissions.write(e.getValue(), subs.resolve(e.getKey() + ".ipynb"));
    }
    String good = Submissions.correct().toJsonText();
    Files.writeString(subs.resolve("notjson.ipynb"), "%PDF-1.4 this is a PDF export");
    Files.writeString(subs.resolve("truncated.ipynb"), good.substring(0, good.length() / 3));
    Files.writeString(
        subs.resolve("nbformat3.ipynb"), good.replace("\"nbformat\": 4", "\"nbformat\": 3"));

    WorkerConfig config =
        Fixtures.realWorker(Duration.ofSeconds(120), HEAP_MB)
            .withTimeout(Duration.ofSeconds(120), Duration.ofSeconds(10))
            .withHiddenPaths(List.of(solutions, subs, results));
    Grader grader =
        new Grader(
            Grader.loadSources(solutions),
            new WorkerRunner(config),
            results,
            2,
            false,
            new PrintStream(new ByteArrayOutputStream(), true));
    List<SubmissionFinder.Submission> found = SubmissionFinder.find(List.of(subs), Set.of("adder"));
    for (SubmissionResult r : grader.gradeAll(found)) {
      byStudent.put(r.student(), r);
    }
  }

  private static Notebook shuffled() {
    Notebook nb = Submissions.correct();
    List<Cell> cells = new ArrayList<>(nb.cells());
    cells.removeIf(c -> c.gradeId().orElse("").equals("mul-impl"));
    Cell add =
        cells.stream()
            .filter(c -> c.gradeId().orElse("").equals("add-impl"))
            .findFirst()
            .orElseThrow();
    cells.add(0, add.copy());
    Collections.swap(cells, 1, 2);
    cells.stream()
        .filter(c -> c.gradeId().orElse("").equals("why"))
        .findFirst()
        .orElseThrow()
        .json()
        .addProperty("cell_type", "code");
    nb.setCells(cells);
    return nb;
  }

  private static Notebook tampered() {
    Notebook nb =
        Submissions.answer(
            Submissions.correct(), "add-impl", "int add(int a, int b) {\n  return 0;\n}");
    Cell test = Submissions.cell(nb, "add-test");
    test.setSource("// all good");
    test.json()
        .add(
            "outputs",
            JsonParser.parseString(
                "[{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": \"passed\\n\"}]"));
    test.json().addProperty("execution_count", 3);
    return nb;
  }

  private SubmissionResult result(String student) {
    SubmissionResult r = byStudent.get(student);
    assertTrue(r != null, "no result for " + student + "; have " + byStudent.keySet());
    return r;
  }

  private static TaskResult task(SubmissionResult r, String gradeId) {
    return r.tasks().stream().filter(t -> t.gradeId().equals(gradeId)).findFirst().orElseThrow();
  }

  private static String flags(SubmissionResult r) {
    return r.flags().stream().map(Flag::line).collect(Collectors.joining("\n"));
  }

  @Test
  void theSolutionGradedAgainstItselfScoresFullMarks() {
    SubmissionResult r = result("teacher");
    assertEquals(5.0, r.score(), EXACT, r.toString());
    assertEquals(5.0, r.maxScore(), EXACT);
    assertEquals(1.0, r.manualMaxScore(), EXACT);
    assertTrue(r.flags().stream().noneMatch(f -> f.level() != Flag.Level.INFO), flags(r));
    assertEquals("DONE", r.execution());
    assertEquals(5.0, result("correct").score(), EXACT, result("correct").toString());
  }

  @Test
  void theStudentVersionScoresZeroAndRunsToTheEnd() throws Exception {
    SubmissionResult r = result("blank");
    assertEquals(0.0, r.score(), EXACT);
    assertEquals("DONE", r.execution());
    assertTrue(
        task(r, "add-test").output().contains("UnsupportedOperationException"),
        task(r, "add-test").output());
    assertTrue(flags(r).contains("[add-impl]: answer cell is the unchanged stub"), flags(r));
    Notebook ran = NotebookIo.read(results.resolve("adder/blank/notebook.ipynb"));
    List<Cell> cells = ran.cells();
    assertTrue(
        cells.get(cells.size() - 1).outputs().toString().contains("the end"), "last cell ran");
  }

  @Test
  void aCompileErrorCostsOnlyItsTask() {
    SubmissionResult r = result("compile");
    assertEquals(3.0, r.score(), EXACT, r.toString());
    assertTrue(
        task(r, "add-test").output().contains("answer cell add-impl above did not run"),
        task(r, "add-test").output());
  }

  @Test
  void hostileCodeIsStoppedAndTheRestGraded() {
    SubmissionResult hang = result("hang");
    assertEquals(2.0, hang.score(), EXACT, hang.toString());
    assertTrue(task(hang, "mul-test").output().contains("time limit"), hang.toString());
    SubmissionResult exit = result("exit");
    assertEquals(3.0, exit.score(), EXACT, exit.toString());
    assertTrue(task(exit, "add-test").output().contains("System.exit"), exit.toString());
    SubmissionResult oom = result("oom");
    assertEquals(2.0, oom.score(), EXACT, oom.toString());
    assertTrue(task(oom, "mul-test").output().contains("out of memory"), oom.toString());
    SubmissionResult flood = result("flood");
    assertEquals(2.0, flood.score(), EXACT, flood.toString());
    assertTrue(task(flood, "mul-test").output().contains("output limit"), flood.toString());
  }

  @Test
  void readingTheSolutionsFailsInTheSandbox() {
    SubmissionResult r = result("reader");
    if (Bubblewrap.available() || Sandbox.available()) {
      assertTrue(r.sandboxed());
    }
    // The answer screen refuses file access before the sandbox is needed.
    assertEquals(2.0, r.score(), EXACT, r.toString());
    assertTrue(task(r, "mul-test").output().contains("java.nio"), r.toString());
  }

  @Test
  void structuralDamageIsRepairedAndFlagged() {
    SubmissionResult r = result("shuffled");
    assertEquals(2.0, r.score(), EXACT, r.toString());
    String f = flags(r);
    assertTrue(f.contains("[mul-impl]: answer cell is missing"), f);
    assertTrue(f.contains("[add-impl]: the cell appears 2 times"), f);
    assertTrue(f.contains("reordered"), f);
    assertTrue(f.contains("[why]: answer cell was changed from markdown to code"), f);
    SubmissionResult t = result("tampered");
    assertEquals(3.0, t.score(), EXACT, t.toString());
    String g = flags(t);
    assertTrue(g.contains("[add-test]: test cell was edited; the original was restored"), g);
    assertTrue(
        g.contains("[add-test]: the submitted file shows this test passing but it fails"), g);
  }

  @Test
  void unreadableAndForeignFilesScoreZeroWithAReason() {
    Map<String, String> expected =
        Map.of(
            "notjson",
            "not JSON",
            "truncated",
            "truncated",
            "nbformat3",
            "nbformat is 3",
            "other",
            "for assignment \"02-bernoulli-decoder\"");
    expected.forEach(
        (student, reason) -> {
          SubmissionResult r = result(student);
          assertEquals(0.0, r.score(), EXACT);
          assertEquals("NOT_RUN", r.execution());
          assertTrue(flags(r).contains(reason), student + ": " + flags(r));
        });
  }

  @Test
  void classFilesListEveryone() throws Exception {
    String csv = Files.readString(results.resolve("grades.csv"));
    assertEquals(byStudent.size(), csv.lines().filter(l -> l.contains(",TOTAL,")).count(), csv);
    String gradescope = Files.readString(results.resolve("adder/correct/results.json"));
    assertTrue(gradescope.contains("\"max_score\": 3.0"), gradescope);
    assertTrue(Files.readString(results.resolve("adder/hang/feedback.html")).contains("mul-test"));
  }
}
