package vaecourse.grader.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaecourse.grader.notebook.Notebook;
import vaecourse.grader.report.TaskResult;
import vaecourse.grader.testing.Submissions;

class ScoreNotebookTest {
  private static final double EXACT = 0.0;

  @TempDir Path dir;

  private List<TaskResult> scored(Notebook nb) throws Exception {
    GradingContext c = Submissions.context(Submissions.write(nb, dir.resolve("s.ipynb")), dir);
    Grader.pipeline().run(c);
    return c.results();
  }

  @Test
  void correctAnswersEarnEveryAutogradedPoint() throws Exception {
    List<TaskResult> r = scored(Submissions.correct());
    assertEquals(3, r.size());
    assertEquals(2.0, r.get(0).score(), EXACT);
    assertEquals("after_published", r.get(0).visibility(), "add-test has hidden tests");
    assertEquals(3.0, r.get(1).score(), EXACT);
    assertEquals("visible", r.get(1).visibility());
    assertTrue(r.get(2).manual());
    assertNull(r.get(2).score());
    assertEquals("Because + commutes on int.", r.get(2).answer());
  }

  @Test
  void stubsScoreZeroWithTheReason() throws Exception {
    List<TaskResult> r = scored(Submissions.blank());
    assertEquals(0.0, r.get(0).score(), EXACT);
    assertTrue(r.get(0).output().contains("UnsupportedOperationException: your code here"));
    assertTrue(
        r.get(0).output().contains("the answer cell add-impl above did not run cleanly"),
        r.get(0).output());
  }

  @Test
  void stderrAndFailedChecksFail() throws Exception {
    Notebook nb = Submissions.correct();
    Submissions.answer(nb, "add-impl", "int add(int a, int b) { return a + b; }");
    Notebook noisy = Submissions.correct();
    List<TaskResult> ok = scored(noisy);
    assertTrue(ok.get(0).passed());
    Submissions.cell(nb, "mul-impl").setSource("int mul(int a, int b) { return a * b; }");
    // The fake worker reads directives from the rebuilt cells: make the test cell print to stderr
    // by tampering is impossible (it is restored), so check the rule on an outcome directly.
    var o =
        new vaecourse.grader.execute.CellOutcome(
            "x", "ok", "", "warning!\n", List.of(), "", "", List.of());
    var cell = Submissions.cell(Submissions.blank(), "add-test");
    assertTrue(ScoreNotebook.failure(cell, o).orElseThrow().contains("wrote to stderr"));
    var wrong =
        new vaecourse.grader.execute.CellOutcome(
            "x", "ok", "6 * 7 = 41\n", "", List.of(), "", "", List.of());
    var mulTest = Submissions.cell(Submissions.blank(), "mul-test");
    assertTrue(
        ScoreNotebook.failure(mulTest, wrong)
            .orElseThrow()
            .contains("number 1 is 41.0 but should be 42.0"));
    assertFalse(Files.exists(dir.resolve("none")));
  }
}
