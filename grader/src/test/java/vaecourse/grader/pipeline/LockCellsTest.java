package vaecourse.grader.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vaecourse.grader.notebook.Cell;
import vaecourse.grader.notebook.Notebook;
import vaecourse.grader.testing.Fixtures;

class LockCellsTest {

  @Test
  void testAndLockedCellsAreLockedAnswersAreNot() {
    Notebook nb = Notebook.empty();
    Cell test = nb.add(Fixtures.graded(Cell.Type.CODE, "x", "t", true, false, false, 1.0));
    Cell answer = nb.add(Fixtures.answer("a", "y"));
    Cell plain = nb.add(Cell.of(Cell.Type.CODE, "z"));
    new LockCells().apply(new SourceContext("x.ipynb", nb));
    assertTrue(test.nbgrader().orElseThrow().locked());
    assertFalse(test.metadata().get("editable").getAsBoolean());
    assertFalse(test.metadata().get("deletable").getAsBoolean());
    assertFalse(answer.metadata().has("editable"));
    assertEquals(3, answer.nbgrader().orElseThrow().schemaVersion());
    assertFalse(plain.metadata().has("nbgrader"));
  }
}
