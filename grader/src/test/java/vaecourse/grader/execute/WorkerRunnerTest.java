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
  void aWorkerThatDiesIsRestartedAndTheLaterCellsStillRun() {
    WorkerRunner runner = new WorkerRunner(Fixtures.fakeWorker(Duration.ofSeconds(60)));
    WorkerRun run =
        runner.run(
            List.of(
                new WorkerCell("a", "//fake:stdout hi"),
                new WorkerCell("b", "//fake:die 3"),
                new WorkerCell("c", "//fake:stdout after")),
            dir);
    assertEquals(WorkerRun.Ending.DONE, run.ending(), run.detail());
    assertEquals(1, run.restarts());
    assertEquals("hi\n", run.cells().get(0).stdout());
    assertEquals("killed", run.cells().get(1).status());
    assertTrue(
        run.cells().get(1).evalue().startsWith("this cell was running when the worker"),
        run.cells().get(1).evalue());
    assertTrue(run.cells().get(1).evalue().contains("exit status 3"), run.cells().get(1).evalue());
    assertEquals("ok", run.cells().get(2).status());
    assertEquals("after\n", run.cells().get(2).stdout());
  }

  @Test
  void aWorkerThatKeepsDyingStopsAtTheRestartBudget() {
    WorkerConfig c = Fixtures.fakeWorker(Duration.ofSeconds(60));
    RunLimits one = RunLimits.defaults();
    one =
        new RunLimits(
            one.maxProcesses(),
            one.maxFileBytes(),
            one.maxDiskBytes(),
            one.cellGrace(),
            one.startup(),
            1,
            one.timeFloor(),
            one.timeFactor(),
            one.uncalibrated(),
            one.cellOverride());
    WorkerRun run =
        new WorkerRunner(c.withLimits(one))
            .run(
                List.of(
                    new WorkerCell("a", "//fake:die 3"),
                    new WorkerCell("b", "//fake:die 4"),
                    new WorkerCell("c", "1")),
                dir);
    assertEquals(WorkerRun.Ending.CRASHED, run.ending());
    assertEquals(1, run.restarts());
    assertTrue(run.cells().get(1).evalue().contains("exit status 4"), run.cells().get(1).evalue());
    assertTrue(run.cells().get(2).evalue().startsWith("not run:"), run.cells().get(2).evalue());
  }

  @Test
  void aRunawayCellIsStoppedAtItsOwnLimitAndTheLaterCellsRunAfterAReplay() {
    // The notebook limit (60 s) is far away: only the cell's own 1 s limit (+ grace) stops it.
    WorkerConfig c = Fixtures.fakeWorker(Duration.ofSeconds(60));
    RunLimits d = RunLimits.defaults();
    RunLimits quick =
        new RunLimits(
            d.maxProcesses(),
            d.maxFileBytes(),
            d.maxDiskBytes(),
            Duration.ofMillis(500),
            Duration.ofSeconds(10),
            d.maxRestarts(),
            d.timeFloor(),
            d.timeFactor(),
            d.uncalibrated(),
            Duration.ZERO);
    long start = System.nanoTime();
    WorkerRun run =
        new WorkerRunner(c.withLimits(quick))
            .run(
                List.of(
                    new WorkerCell("a", "//fake:stdout first", Duration.ofSeconds(5), ""),
                    new WorkerCell("b", "//fake:hang", Duration.ofSeconds(1), "1 x test"),
                    new WorkerCell("c", "//fake:stdout later", Duration.ofSeconds(5), "")),
                dir);
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals(WorkerRun.Ending.DONE, run.ending(), run.detail());
    assertEquals(1, run.restarts());
    assertEquals("timeout", run.cells().get(1).status());
    assertTrue(
        run.cells().get(1).evalue().contains("time limit of 1 s (1 x test)"),
        run.cells().get(1).evalue());
    assertEquals("later\n", run.cells().get(2).stdout());
    assertTrue(seconds < 30, "a 1 s limit held the run for " + seconds + " s");
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
    assertEquals("ok", run.cells().get(0).status());
    assertEquals("oom", run.cells().get(1).status());
    assertTrue(
        run.cells().get(1).evalue().contains("over the limit of 400 MB"),
        run.cells().get(1).evalue());
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
