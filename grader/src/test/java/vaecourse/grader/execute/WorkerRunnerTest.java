package vaecourse.grader.execute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaecourse.grader.execute.WorkerRunner.WorkerCell;
import vaecourse.grader.testing.Fixtures;

class WorkerRunnerTest {
  @TempDir Path dir;

  @Test
  void aWorkerThatDiesLeavesTheRestKilled() {
    WorkerRunner runner = new WorkerRunner(Fixtures.fakeWorker(Duration.ofSeconds(60)));
    WorkerRun run =
        runner.run(
            List.of(
                new WorkerCell("a", "//fake:stdout hi"),
                new WorkerCell("b", "//fake:die 3"),
                new WorkerCell("c", "1")),
            dir);
    assertEquals(WorkerRun.Ending.CRASHED, run.ending());
    assertEquals(3, run.exitCode());
    assertEquals("hi\n", run.cells().get(0).stdout());
    assertEquals("killed", run.cells().get(1).status());
    assertTrue(
        run.cells().get(1).evalue().startsWith("this cell was running when the worker"),
        run.cells().get(1).evalue());
    assertTrue(run.cells().get(2).evalue().startsWith("not run:"));
  }

  @Test
  void nativeMemoryOverTheLimitKillsTheWorker() {
    WorkerConfig c = Fixtures.fakeWorker(Duration.ofSeconds(60));
    WorkerConfig capped =
        new WorkerConfig(
            c.javaBin(),
            c.classPath(),
            c.mainClass(),
            c.jvmOptions(),
            128,
            400,
            c.timeout(),
            c.cellTimeout(),
            1000,
            c.environment(),
            Sandbox.Mode.OFF,
            List.of());
    WorkerRun run =
        new WorkerRunner(capped)
            .run(
                List.of(
                    new WorkerCell("a", "//fake:stdout hi"),
                    new WorkerCell("b", "//fake:native 800")),
                dir);
    assertEquals(WorkerRun.Ending.MEMORY, run.ending());
    assertTrue(run.detail().contains("over the limit of 400 MB"), run.detail());
    assertEquals("ok", run.cells().get(0).status());
    assertEquals("killed", run.cells().get(1).status());
  }

  @Test
  void aMissingJavaIsAStartFailureNotAnException() {
    WorkerConfig c = Fixtures.fakeWorker(Duration.ofSeconds(5));
    WorkerConfig bad =
        new WorkerConfig(
            Path.of("/nonexistent/java"),
            c.classPath(),
            c.mainClass(),
            c.jvmOptions(),
            128,
            0,
            c.timeout(),
            c.cellTimeout(),
            1000,
            c.environment(),
            Sandbox.Mode.OFF,
            List.of());
    WorkerRun run = new WorkerRunner(bad).run(List.of(new WorkerCell("a", "1")), dir);
    assertEquals(WorkerRun.Ending.START_FAILED, run.ending());
    assertEquals("killed", run.cells().get(0).status());
  }

  @Test
  void overlongLinesAreSkippedWhole() throws Exception {
    byte[] data = ("x".repeat(50) + "\nshort\n").getBytes(StandardCharsets.UTF_8);
    ByteArrayInputStream in = new ByteArrayInputStream(data);
    assertEquals("short", WorkerRunner.readLine(in, 10));
    assertNull(WorkerRunner.readLine(in, 10));
  }

  @Test
  void sandboxHidesFoldersWhenTheOsAllows() throws Exception {
    Path secret = dir.resolve("solutions");
    java.nio.file.Files.createDirectories(secret);
    java.nio.file.Files.writeString(secret.resolve("answer.txt"), "42");
    assertEquals(
        List.of(secret), Sandbox.hideable(List.of(secret, dir), List.of(dir.resolve("w"))));
    Path results = java.nio.file.Files.createDirectories(secret.resolve("grades"));
    assertEquals(
        List.of(secret),
        Sandbox.hideable(List.of(results, secret), List.of(dir.resolve("w"))),
        "a results folder inside the submissions folder is hidden by the outer mount");
    org.junit.jupiter.api.Assumptions.assumeTrue(Sandbox.available(), "no user namespaces here");
    WorkerConfig c = Fixtures.fakeWorker(Duration.ofSeconds(60));
    WorkerConfig boxed =
        new WorkerConfig(
            c.javaBin(),
            c.classPath(),
            c.mainClass(),
            c.jvmOptions(),
            128,
            0,
            c.timeout(),
            c.cellTimeout(),
            1000,
            c.environment(),
            Sandbox.Mode.ON,
            List.of(secret));
    Path work = java.nio.file.Files.createDirectories(dir.resolve("w"));
    WorkerRun run = new WorkerRunner(boxed).run(List.of(new WorkerCell("a", "//fake:env")), work);
    assertTrue(run.sandboxed());
    assertEquals("ok", run.cells().get(0).status(), run.toString());
    ProcessBuilder probe =
        new ProcessBuilder(
            Sandbox.wrap(List.of("cat", secret.resolve("answer.txt").toString()), List.of(secret)));
    Process p = probe.redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    assertTrue(out.contains("Permission denied"), out);
  }
}
