package vaecourse.grader.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaecourse.grader.execute.WorkerRun;
import vaecourse.grader.notebook.Notebook;
import vaecourse.grader.testing.Fixtures;
import vaecourse.grader.testing.Submissions;

class ExecuteNotebookTest {
  @TempDir Path dir;

  private GradingContext executed(Notebook nb, Duration timeout) throws Exception {
    GradingContext c =
        Submissions.context(
            Submissions.write(nb, dir.resolve("s.ipynb")), dir, Fixtures.fakeWorker(timeout));
    Pipeline.of(
            new ReadSubmission(),
            new CheckAssignment(),
            new MergeSubmission(),
            new ExecuteNotebook())
        .run(c);
    return c;
  }

  @Test
  void everyCodeCellGetsAnOutcomeInTheWorkFolder() throws Exception {
    Notebook nb = Submissions.correct();
    Submissions.answer(nb, "mul-impl", "int mul(int a, int b) { return a * b; } //fake:env");
    GradingContext c = executed(nb, Duration.ofSeconds(60));
    assertEquals(WorkerRun.Ending.DONE, c.run().ending());
    assertEquals(6, c.outcomes().size());
    String env = c.outcomes().get(3).stdout();
    assertTrue(env.contains("cwd=" + dir), env);
    assertTrue(env.contains("profile=ci"), env);
    // The engine's OpenMP spin count reaches the worker from the grader's environment.
    assertTrue(env.contains("spin=3000"), env);
    assertTrue(env.contains("--cell-timeout 60 --max-output 100000"), env);
  }

  @Test
  void aHangingAnswerIsKilledAtTheTimeLimitAndLaterCellsAreKilled() throws Exception {
    Notebook nb = Submissions.correct();
    Submissions.answer(nb, "mul-impl", "int mul(int a, int b) {\n  while (true) {}\n}");
    GradingContext c = executed(nb, Duration.ofSeconds(3));
    assertEquals(WorkerRun.Ending.TIMEOUT, c.run().ending());
    assertEquals("ok", c.outcomes().get(1).status());
    assertEquals("killed", c.outcomes().get(3).status());
    assertTrue(c.flags().toString().contains("time limit"), c.flags().toString());
  }

  @Test
  void systemExitIsAFlagAndTheRunGoesOn() throws Exception {
    Notebook nb = Submissions.correct();
    Submissions.answer(nb, "add-impl", "int add(int a, int b) { System.exit(0); return 0; }");
    GradingContext c = executed(nb, Duration.ofSeconds(60));
    assertEquals(WorkerRun.Ending.DONE, c.run().ending());
    assertTrue(c.flags().toString().contains("System.exit"), c.flags().toString());
  }
}
