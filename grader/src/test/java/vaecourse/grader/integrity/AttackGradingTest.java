package vaecourse.grader.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import vaecourse.grader.execute.WorkerConfig;
import vaecourse.grader.execute.WorkerRunner;
import vaecourse.grader.notebook.Cell;
import vaecourse.grader.notebook.Notebook;
import vaecourse.grader.notebook.NotebookIo;
import vaecourse.grader.pipeline.ExecuteNotebook;
import vaecourse.grader.pipeline.Grader;
import vaecourse.grader.pipeline.GradingContext;
import vaecourse.grader.pipeline.LimitOutput;
import vaecourse.grader.pipeline.MergeSubmission;
import vaecourse.grader.pipeline.ReadSubmission;
import vaecourse.grader.pipeline.ScoreNotebook;
import vaecourse.grader.pipeline.SubmissionFinder;
import vaecourse.grader.report.Flag;
import vaecourse.grader.report.SubmissionResult;
import vaecourse.grader.report.TaskResult;
import vaecourse.grader.testing.Fixtures;

/**
 * Grades attacks on {@link AttackNotebook} through the real engine: each is a wrong answer to the
 * task {@code twice} (or reads what it should compute) with extra code aimed at the tests, and each
 * must score what the wrong answer is worth, zero, with a line in the feedback naming what was
 * refused. A control run without the screen shows the first attack would pass otherwise.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttackGradingTest {
  private static final double EXACT = 0.0;
  private static final String WRONG = "double twice(double x) {\n  return x;\n}\n";
  private static final String HALF = "double half(double x) {\n  return x / scale;\n}";

  private final Map<String, SubmissionResult> byStudent = new HashMap<>();
  private Path dir;

  private static Map<String, Notebook> attacks() {
    Map<String, Notebook> m = new LinkedHashMap<>();
    m.put("honest", submission("double twice(double x) {\n  return 2 * x;\n}"));
    m.put("shadow", submission(WRONG + "void checkNear(double actual, double expected) {}"));
    Notebook added = submission(WRONG);
    Cell extra = Cell.of(Cell.Type.CODE, "void checkNear(double actual, double expected) {}");
    List<Cell> cells = new java.util.ArrayList<>(added.cells());
    cells.add(indexOf(cells, "twice-impl") + 1, extra);
    added.setCells(cells);
    m.put("added", added);
    m.put("peek", submission("double twice(double x) {\n  return x == hiddenInput ? -8 : 3;\n}"));
    m.put(
        "statement",
        submission(WRONG + "System.out.println(\"twice: passed\");\nvoid checkNear(double a) {}"));
    m.put(
        "reflect",
        submission(
            "double twice(double x) {\n  try {\n"
                + "    Class.forName(\"java.lang.Math\").getDeclaredMethod(\"abs\");\n"
                + "  } catch (Exception e) {}\n  return x;\n}"));
    m.put("forbidden", submission("double twice(double x) {\n  return Math.scalb(x, 1);\n}"));
    return m;
  }

  private static Notebook submission(String twice) {
    Notebook nb = AttackNotebook.source().studentRelease().copy();
    for (Cell c : nb.cells()) {
      String g = c.gradeId().orElse("");
      if (g.equals("twice-impl")) {
        c.setSource(twice);
      } else if (g.equals("half-impl")) {
        c.setSource(HALF);
      }
    }
    return nb;
  }

  private static int indexOf(List<Cell> cells, String gradeId) {
    for (int i = 0; i < cells.size(); i++) {
      if (cells.get(i).gradeId().orElse("").equals(gradeId)) {
        return i;
      }
    }
    throw new IllegalArgumentException(gradeId);
  }

  private static WorkerConfig config() {
    return Fixtures.realWorker(Duration.ofSeconds(120), 256)
        .withTimeout(Duration.ofSeconds(120), Duration.ofSeconds(10));
  }

  @BeforeAll
  void gradeTheAttacks(@TempDir Path tmp) throws Exception {
    Assumptions.assumeTrue(Fixtures.realWorkerPresent(), "engine worker not on the class path");
    dir = tmp;
    Path solutions = Files.createDirectories(tmp.resolve("solutions"));
    NotebookIo.write(AttackNotebook.solution(), solutions.resolve("attacks.ipynb"));
    Path subs = Files.createDirectories(tmp.resolve("subs"));
    for (Map.Entry<String, Notebook> e : attacks().entrySet()) {
      NotebookIo.write(e.getValue(), subs.resolve(e.getKey() + ".ipynb"));
    }
    Grader grader =
        new Grader(
            Grader.loadSources(solutions),
            new WorkerRunner(config()),
            tmp.resolve("results"),
            2,
            false,
            new PrintStream(new ByteArrayOutputStream(), true));
    for (SubmissionResult r :
        grader.gradeAll(SubmissionFinder.find(List.of(subs), Set.of("attacks")))) {
      byStudent.put(r.student(), r);
    }
  }

  private static TaskResult task(SubmissionResult r, String gradeId) {
    return r.tasks().stream().filter(t -> t.gradeId().equals(gradeId)).findFirst().orElseThrow();
  }

  private void assertWrongWithNote(String student, String note) {
    SubmissionResult r = byStudent.get(student);
    assertTrue(r != null, "no result for " + student);
    String all =
        r.flags().stream().map(Flag::line).collect(Collectors.joining("\n"))
            + "\n"
            + task(r, "twice-test").output();
    assertEquals(0.0, task(r, "twice-test").score(), EXACT, all);
    assertEquals(3.0, task(r, "half-test").score(), EXACT, "the other task is untouched:\n" + all);
    assertTrue(all.contains(note), "the feedback should say " + note + ":\n" + all);
    assertTrue(task(r, "twice-test").output().contains("not run"), all);
  }

  @Test
  void anHonestAnswerScoresFullMarks() {
    SubmissionResult r = byStudent.get("honest");
    assertEquals(5.0, r.score(), EXACT, r.toString());
  }

  @Test
  void aWrongAnswerWithACopyOfTheCheckScoresZero() {
    assertWrongWithNote("shadow", "checkNear");
  }

  @Test
  void withoutTheScreenThatAttackWouldScoreFullMarks() throws Exception {
    Path file = dir.resolve("control.ipynb");
    NotebookIo.write(attacks().get("shadow"), file);
    Path work = Files.createDirectories(dir.resolve("control-work"));
    GradingContext c =
        new GradingContext(
            "control", file, AttackNotebook.source(), new WorkerRunner(config()), work);
    new ReadSubmission().apply(c);
    new MergeSubmission().apply(c);
    new ExecuteNotebook().apply(c);
    new LimitOutput().apply(c);
    new ScoreNotebook().apply(c);
    TaskResult t =
        c.results().stream()
            .filter(x -> x.gradeId().equals("twice-test"))
            .findFirst()
            .orElseThrow();
    assertEquals(2.0, t.score(), EXACT, "the attack is real: " + t.output());
  }

  @Test
  void anAddedCellRedefiningTheCheckIsNotRun() {
    SubmissionResult r = byStudent.get("added");
    String flags = r.flags().stream().map(Flag::line).collect(Collectors.joining("\n"));
    assertEquals(0.0, task(r, "twice-test").score(), EXACT, flags);
    assertTrue(flags.contains("added cell 1") && flags.contains("checkNear"), flags);
  }

  @Test
  void readingTheHiddenTestsInputScoresZero() {
    assertWrongWithNote("peek", "hiddenInput");
  }

  @Test
  void printingThePassLineOutsideAMethodScoresZero() {
    assertWrongWithNote("statement", "System.out.println");
  }

  @Test
  void reflectionScoresZero() {
    assertWrongWithNote("reflect", "forName");
  }

  @Test
  void whatTheTaskForbidsScoresZeroNamingTheCall() {
    assertWrongWithNote("forbidden", "Math.scalb");
  }
}
