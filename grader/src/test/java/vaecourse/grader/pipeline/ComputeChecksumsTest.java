package vaecourse.grader.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import vaecourse.grader.notebook.Notebook;
import vaecourse.grader.testing.Fixtures;

class ComputeChecksumsTest {

  @Test
  void whitespaceAtLineEndsAndCrlfDoNotCountEditsDo() {
    String a = ComputeChecksums.of("code", "x = 1;\ny = 2;");
    assertEquals(a, ComputeChecksums.of("code", "x = 1;   \r\ny = 2;\n\n"));
    assertNotEquals(a, ComputeChecksums.of("code", "x = 1;\ny = 3;"));
    assertNotEquals(a, ComputeChecksums.of("markdown", "x = 1;\ny = 2;"));
    assertEquals(64, a.length());
  }

  @Test
  void storedOnGradedCellsOnly() {
    Notebook nb = Notebook.empty();
    nb.add(Fixtures.test("t", 1, "check();"));
    nb.add(vaecourse.grader.notebook.Cell.of(vaecourse.grader.notebook.Cell.Type.CODE, "z"));
    new ComputeChecksums().apply(new SourceContext("x.ipynb", nb));
    assertEquals(
        ComputeChecksums.of("code", "check();"),
        nb.cells().get(0).nbgrader().orElseThrow().checksum());
    assertEquals(false, nb.cells().get(1).metadata().has("nbgrader"));
  }
}
