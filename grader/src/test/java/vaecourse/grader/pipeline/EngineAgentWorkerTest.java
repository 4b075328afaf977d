package vaecourse.grader.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaecourse.grader.cli.ExecutionOptions;
import vaecourse.grader.execute.Sandbox;
import vaecourse.grader.execute.WorkerConfig;
import vaecourse.grader.execute.WorkerRunner;
import vaecourse.grader.report.SubmissionResult;
import vaecourse.grader.testing.Fixtures;
import vaecourse.grader.testing.Submissions;

/**
 * The grader's workers start with the engine agent, inside the sandbox as outside: the answer
 * scores only when the worker's JVM reports the agent, and the control run without the flag scores
 * nothing.
 */
class EngineAgentWorkerTest {

  private static final String ANSWER =
      "int add(int a, int b) {\n"
          + "  return \"installed\".equals(System.getProperty(\"vaecourse.agent.blobs\"))"
          + " ? a + b : -1;\n}";

  @Test
  void workersRunWithTheAgentInEverySandbox(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Fixtures.realWorkerPresent(), "engine worker not on the class path");
    String agent = ExecutionOptions.engineAgent();
    Map<String, Double> scores = new HashMap<>();
    scores.put("off", grade(dir.resolve("off"), List.of(agent), Sandbox.Mode.OFF));
    scores.put("auto", grade(dir.resolve("auto"), List.of(agent), Sandbox.Mode.AUTO));
    scores.put("without", grade(dir.resolve("without"), List.of(), Sandbox.Mode.AUTO));
    double without = scores.remove("without");
    assertEquals(Map.of("off", 5.0, "auto", 5.0), scores);
    // Without the flag the answer returns -1; the fixture's tests leave it part of the marks.
    assertTrue(without < 5.0, "without the agent: " + without);
  }

  private static double grade(Path dir, List<String> flags, Sandbox.Mode sandbox) throws Exception {
    Path solutions = Fixtures.writeSolution(dir.resolve("solutions"));
    Path subs = Files.createDirectories(dir.resolve("subs"));
    Submissions.write(
        Submissions.answer(Submissions.correct(), "add-impl", ANSWER), subs.resolve("s.ipynb"));
    WorkerConfig base = Fixtures.realWorker(Duration.ofSeconds(120), 256);
    List<String> jvm = new ArrayList<>(flags);
    jvm.addAll(base.jvmOptions());
    WorkerConfig config =
        new WorkerConfig(
            base.javaBin(),
            base.classPath(),
            base.mainClass(),
            jvm,
            base.heapMb(),
            base.maxRssMb(),
            base.timeout(),
            base.cellTimeout(),
            base.maxOutputBytes(),
            base.environment(),
            sandbox,
            List.of(solutions, subs),
            base.data(),
            base.limits());
    Grader grader =
        new Grader(
                Grader.loadSources(solutions),
                new WorkerRunner(config),
                dir.resolve("results"),
                1,
                false,
                new PrintStream(new ByteArrayOutputStream(), true))
            .withoutAnswerScreen();
    List<SubmissionResult> results =
        grader.gradeAll(SubmissionFinder.find(List.of(subs), Set.of("adder")));
    assertEquals(1, results.size());
    return results.get(0).score();
  }
}
