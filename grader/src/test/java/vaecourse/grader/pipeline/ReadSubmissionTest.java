package vaecourse.grader.pipeline;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaecourse.grader.testing.Submissions;

class ReadSubmissionTest {
  @TempDir Path dir;

  @Test
  void badFilesBecomeFatalFlagsNotExceptions() throws Exception {
    String good = Submissions.correct().toJsonText();
    assertFlag("not json at all", "not JSON");
    assertFlag(good.substring(0, good.length() / 2), "truncated");
    assertFlag(good.replace("\"nbformat\": 4", "\"nbformat\": 3"), "nbformat is 3");
    Path ok = Submissions.write(Submissions.correct(), dir.resolve("ok.ipynb"));
    GradingContext c = Submissions.context(ok, dir);
    new ReadSubmission().apply(c);
    assertNotNull(c.submission());
    assertTrue(c.flags().isEmpty());
  }

  private void assertFlag(String text, String expected) throws Exception {
    Path f = dir.resolve("s.ipynb");
    Files.writeString(f, text);
    GradingContext c = Submissions.context(f, dir);
    new ReadSubmission().apply(c);
    assertTrue(c.fatal());
    assertTrue(c.flags().get(0).message().contains(expected), c.flags().toString());
  }
}
