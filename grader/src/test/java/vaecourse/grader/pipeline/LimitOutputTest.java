package vaecourse.grader.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaecourse.grader.notebook.Notebook;
import vaecourse.grader.testing.Submissions;

class LimitOutputTest {
  @TempDir Path dir;

  @Test
  void outputsAreWrittenIntoTheRebuiltNotebookAndCut() throws Exception {
    Notebook nb = Submissions.correct();
    Submissions.answer(
        nb,
        "mul-impl",
        "int mul(int a, int b) { return a * b; } //fake:stdout "
            + "x".repeat(LimitOutput.MAX_TEXT + 10));
    GradingContext c = Submissions.context(Submissions.write(nb, dir.resolve("s.ipynb")), dir);
    Pipeline.of(
            new ReadSubmission(), new MergeSubmission(), new ExecuteNotebook(), new LimitOutput())
        .run(c);
    String text =
        Submissions.cell(c.rebuilt(), "mul-impl")
            .outputs()
            .get(0)
            .getAsJsonObject()
            .get("text")
            .getAsString();
    assertTrue(text.startsWith("x".repeat(LimitOutput.MAX_TEXT)));
    assertTrue(text.endsWith("[11 more characters cut]"), text.substring(text.length() - 40));
    assertEquals(
        4, Submissions.cell(c.rebuilt(), "mul-impl").json().get("execution_count").getAsInt());
  }
}
