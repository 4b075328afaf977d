package vaecourse.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaecourse.grader.testing.FakeWorker;
import vaecourse.grader.testing.Fixtures;
import vaecourse.grader.testing.Submissions;

class GraderCliTest {
  @TempDir Path dir;

  /** Runs the CLI capturing stdout and stderr together. */
  private static String[] run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8);
    int code;
    try {
      System.setOut(capture);
      System.setErr(capture);
      code = GraderCli.run(args);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return new String[] {Integer.toString(code), buf.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void everySubcommandHasHelp() {
    for (String cmd : new String[] {"generate", "validate", "grade", "bench"}) {
      String[] r = run(cmd, "--help");
      assertEquals("0", r[0], cmd);
      assertTrue(r[1].contains("Usage: vae-grader " + cmd), r[1]);
    }
  }

  @Test
  void generateThenCheckThenDrift() throws Exception {
    Path solutions = Fixtures.writeSolution(dir.resolve("solutions"));
    Path notebooks = dir.resolve("notebooks");
    assertEquals("0", run("generate", solutions.toString(), "-o", notebooks.toString())[0]);
    assertEquals(
        "0", run("generate", "--check", solutions.toString(), "-o", notebooks.toString())[0]);
    Files.writeString(notebooks.resolve("adder.ipynb"), "{}");
    String[] drift = run("generate", "--check", solutions.toString(), "-o", notebooks.toString());
    assertEquals("1", drift[0]);
    assertTrue(drift[1].contains("differs: " + notebooks.resolve("adder.ipynb")), drift[1]);
  }

  @Test
  void gradeAndValidateWithAFakeWorker() throws Exception {
    Path solutions = Fixtures.writeSolution(dir.resolve("solutions"));
    Path subs = Files.createDirectories(dir.resolve("subs"));
    Submissions.write(Submissions.correct(), subs.resolve("alice.ipynb"));
    Path blank = Submissions.write(Submissions.blank(), subs.resolve("bob.ipynb"));
    String cp = System.getProperty("java.class.path");
    String[] graded =
        run(
            "grade",
            "--source",
            solutions.toString(),
            subs.toString(),
            "-o",
            dir.resolve("results").toString(),
            "--jobs",
            "1",
            "--sandbox",
            "off",
            "--worker-classpath",
            cp,
            "--worker-main",
            FakeWorker.class.getName(),
            "--memory",
            "128");
    assertEquals("0", graded[0], graded[1]);
    assertTrue(
        Files.readString(dir.resolve("results/grades.csv"))
            .contains("alice,adder,TOTAL,autograded,5,5,"));
    String[] validated =
        run(
            "validate",
            blank.toString(),
            "--sandbox",
            "off",
            "--worker-classpath",
            cp,
            "--worker-main",
            FakeWorker.class.getName(),
            "--memory",
            "128");
    assertEquals("1", validated[0], validated[1]);
    assertTrue(validated[1].contains("FAIL add-test"), validated[1]);
    assertTrue(validated[1].contains("total 0 / 5 autograded points"), validated[1]);
    String[] missing =
        run(
            "grade",
            "--source",
            solutions.toString(),
            subs.toString(),
            "-o",
            dir.resolve("r2").toString(),
            "--kernel-jar",
            dir.resolve("nope.jar").toString());
    assertEquals("2", missing[0]);
    assertTrue(missing[1].contains("engine jar was not found"), missing[1]);
    assertTrue(File.pathSeparator.length() == 1);
  }
}
