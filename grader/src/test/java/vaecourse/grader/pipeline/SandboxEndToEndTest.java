package vaecourse.grader.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import vaecourse.grader.execute.Bubblewrap;
import vaecourse.grader.execute.WorkerConfig;
import vaecourse.grader.execute.WorkerRunner;
import vaecourse.grader.notebook.Notebook;
import vaecourse.grader.report.Flag;
import vaecourse.grader.report.SubmissionResult;
import vaecourse.grader.testing.Fixtures;
import vaecourse.grader.testing.Submissions;

/**
 * The bubblewrap sandbox through the real engine worker, two submissions at a time: each attack
 * sits in the {@code add} answer (2 points) while {@code mul} (3 points) is answered correctly, so
 * a contained attack scores 3; an honest submission graded beside the attacks scores 5.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxEndToEndTest {
  private static final double EXACT = 0.0;

  private final Map<String, SubmissionResult> byStudent = new HashMap<>();
  private Path homeFile;

  private static String reads(Path file) {
    return "int add(int a, int b) {\n  try {\n"
        + "    return java.nio.file.Files.readString(java.nio.file.Path.of(\""
        + file
        + "\")).length();\n"
        + "  } catch (java.io.IOException e) {\n    throw new RuntimeException(e);\n  }\n}";
  }

  @BeforeAll
  void gradeTheAttacks(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Fixtures.realWorkerPresent(), "engine worker not on the class path");
    Assumptions.assumeTrue(Bubblewrap.available(), "bwrap cannot make namespaces here");
    Path solutions = Fixtures.writeSolution(dir.resolve("solutions"));
    Path subs = Files.createDirectories(dir.resolve("subs"));
    Path results = dir.resolve("results");
    homeFile =
        Path.of(
            System.getProperty("user.home"), ".vae-sandbox-test-" + ProcessHandle.current().pid());
    Files.writeString(homeFile, "private");
    Path victimDir = Files.createDirectories(subs.resolve("victim"));
    Submissions.write(Submissions.correct(), victimDir.resolve("adder.ipynb"));
    Files.writeString(victimDir.resolve("notes.txt"), "the victim's own file");
    Map<String, String> attacks = new HashMap<>();
    attacks.put("other", reads(victimDir.resolve("notes.txt")));
    attacks.put("solutions", reads(solutions.resolve("adder.ipynb")));
    attacks.put("home", reads(homeFile));
    // Each shell of this bomb stays alive after starting the next two, so the bomb holds the
    // process limit until it is killed. The plain `b() { b | b & }; b` burns out on its own within
    // a fraction of a second once forks fail at the limit: the limit contains it, and no watch
    // reliably sees it alive.
    attacks.put(
        "forkbomb",
        "int add(int a, int b) {\n  try {\n"
            + "    new ProcessBuilder(\"sh\", \"-c\", \"b() { b | b & sleep 100; }; b\").start();\n"
            + "    Thread.sleep(100_000);\n"
            + "  } catch (Exception e) {\n    throw new RuntimeException(e);\n  }\n"
            + "  return a + b;\n}");
    attacks.put(
        "bigfile",
        "int add(int a, int b) {\n  byte[] mb = new byte[1 << 20];\n"
            + "  try (var o = new java.io.FileOutputStream(\"ten-gb.bin\")) {\n"
            + "    for (int i = 0; i < 10_240; i++) o.write(mb);\n"
            + "  } catch (java.io.IOException e) {\n    throw new RuntimeException(e);\n  }\n"
            + "  return a + b;\n}");
    for (Map.Entry<String, String> e : attacks.entrySet()) {
      Notebook nb = Submissions.answer(Submissions.correct(), "add-impl", e.getValue());
      Submissions.write(nb, subs.resolve(e.getKey() + ".ipynb"));
    }
    WorkerConfig config =
        // Cells may run 150 s: the worker stops a cell at its limit by itself, and the fork bomb's
        // cell must still be running when the process watch sees the bomb.
        Fixtures.realWorker(Duration.ofSeconds(240), 384)
            .withTimeout(Duration.ofSeconds(240), Duration.ofSeconds(150))
            .withHiddenPaths(List.of(solutions, subs, results));
    Grader grader =
        new Grader(
                Grader.loadSources(solutions),
                new WorkerRunner(config),
                results,
                2,
                false,
                new PrintStream(new ByteArrayOutputStream(), true))
            // The answer screen would refuse these cells before they run; the sandbox is the layer
            // under test, and it must hold for code the screen misses.
            .withoutAnswerScreen();
    for (SubmissionResult r :
        grader.gradeAll(SubmissionFinder.find(List.of(subs), Set.of("adder")))) {
      byStudent.put(r.student(), r);
    }
  }

  @AfterAll
  void removeTheHomeFile() throws Exception {
    if (homeFile != null) {
      Files.deleteIfExists(homeFile);
    }
  }

  private SubmissionResult result(String student) {
    SubmissionResult r = byStudent.get(student);
    assertTrue(r != null, "no result for " + student + "; have " + byStudent.keySet());
    return r;
  }

  private static String addOutput(SubmissionResult r) {
    return r.tasks().stream()
        .filter(t -> t.gradeId().equals("add-test"))
        .findFirst()
        .orElseThrow()
        .output();
  }

  private static String flags(SubmissionResult r) {
    return r.flags().stream().map(Flag::line).collect(Collectors.joining("\n"));
  }

  @Test
  void anotherSubmissionsFilesTheSolutionsAndTheHomeFolderDoNotExistForTheWorker() {
    for (String s : List.of("other", "solutions", "home")) {
      SubmissionResult r = result(s);
      assertEquals("bwrap", r.environment().sandbox());
      assertEquals(3.0, r.score(), EXACT, r.toString());
      assertTrue(addOutput(r).contains("NoSuchFileException"), s + ": " + addOutput(r));
    }
  }

  @Test
  void aForkBombIsStoppedWithANoteAndTheLaterTaskIsGraded() {
    SubmissionResult r = result("forkbomb");
    assertEquals(3.0, r.score(), EXACT, r.toString());
    assertTrue(flags(r).contains("processes"), flags(r));
    assertTrue(flags(r).contains("the later cells still ran"), flags(r));
  }

  @Test
  void aTenGigabyteWriteStopsAtTheFileSizeLimitWithANote() {
    SubmissionResult r = result("bigfile");
    assertEquals(3.0, r.score(), EXACT, r.toString());
    assertTrue(flags(r).contains("size limit"), flags(r));
    assertFalse(addOutput(r).isEmpty());
  }

  @Test
  void theHonestSubmissionGradedBesideTheAttacksKeepsFullMarks() {
    SubmissionResult r = result("victim");
    assertEquals(5.0, r.score(), EXACT, r.toString());
    assertEquals(0, r.environment().restarts());
  }
}
