package vaecourse.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The course's JVM flags: one file, read the same way by the scripts and by Java. */
class CourseJvmOptionsTest {
  @Test
  void commentsAndBlankLinesAreSkipped() {
    assertEquals(
        List.of("-Da=1", "-Db=2"),
        CourseJvmOptions.parse("# a comment\n-Da=1\n\n  -Db=2  \n# end"));
  }

  @Test
  void everyCourseProcessRunsHeadlessAndOffline() {
    List<String> flags = CourseJvmOptions.withThreads(3);
    assertTrue(flags.contains("-Djava.awt.headless=true"), flags::toString);
    assertTrue(flags.contains("-Dai.djl.offline=true"), flags::toString);
    assertEquals("-Dai.djl.pytorch.num_threads=3", flags.get(flags.size() - 1));
    assertThrows(IllegalArgumentException.class, () -> CourseJvmOptions.withThreads(0));
  }

  @Test
  void theScriptsGetTheSameFlags() throws IOException, InterruptedException {
    // scripts/common.sh turns the same file into one line; both must agree flag for flag.
    Path home = Path.of("..").toAbsolutePath().normalize();
    Process p =
        new ProcessBuilder(
                "bash",
                "-c",
                "COURSE_HOME=\"$1\"; source \"$1/scripts/common.sh\"; course_java_opts",
                "bash",
                home.toString())
            .redirectErrorStream(true)
            .start();
    String line = new String(p.getInputStream().readAllBytes()).strip();
    assertEquals(0, p.waitFor(), line);
    List<String> fromScript = List.of(line.split(" "));
    // The scripts put the engine agent first; the grader adds it to the Java side's flags.
    List<String> expected = new ArrayList<>();
    expected.add("-javaagent:" + home.resolve("agent/target/vae-agent-1.0.0.jar"));
    expected.addAll(CourseJvmOptions.withThreads(Runtime.getRuntime().availableProcessors()));
    assertEquals(expected, fromScript);
    assertTrue(Files.exists(home.resolve("scripts/common.sh")));
  }
}
