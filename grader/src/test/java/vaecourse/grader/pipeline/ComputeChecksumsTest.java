package vaecourse.grader.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import vaecourse.grader.notebook.Cell;
import vaecourse.grader.notebook.Notebook;
import vaecourse.grader.testing.Fixtures;

class ComputeChecksumsTest {
  // Reference values: Python's hashlib.md5 fed, in order, the UTF-8 of the source, the cell type,
  // str(is_grade), str(is_solution), str(is_locked), the grade_id and, for graded cells,
  // str(float(points)) -- the recipe of compute_checksum in nbgrader/utils.py (nbgrader 0.6-0.9),
  // computed with /usr/bin/python3 when these tests were written.

  @Test
  void testCellMatchesNbgradersRecipe() {
    assertEquals(
        "d7556b64b47227e79a6a2a6a528f8d15", ComputeChecksums.of(Fixtures.test("t", 1, "check();")));
  }

  @Test
  void answerCellMatchesNbgradersRecipe() {
    assertEquals(
        "d56d64d4f8d793d1d17f46e8dc84cc67",
        ComputeChecksums.of(Fixtures.answer("answer_f", "int f() {\n  // your code\n}")));
  }

  @Test
  void writtenAnswerWithFractionalPointsAndUnicodeMatches() {
    assertEquals(
        "bdca19806ee5fab2e570ae3c8e42ed9e",
        ComputeChecksums.of(Fixtures.written("q1", 0.5, "Explain $\\mu$ \u2014 briefly.")));
  }

  @Test
  void lockedCellMatchesNbgradersRecipe() {
    assertEquals(
        "6cc05d05219301b6cc66e488d4ee3ea6",
        ComputeChecksums.of(Fixtures.locked("setup", "import x;")));
  }

  @Test
  void anyEditChangesIt() {
    Cell t = Fixtures.test("t", 1, "check();");
    assertNotEquals(ComputeChecksums.of(t), ComputeChecksums.of(t, "check(); "));
    assertNotEquals(ComputeChecksums.of(t), ComputeChecksums.of(Fixtures.test("t", 2, "check();")));
    assertEquals(ComputeChecksums.of(t), ComputeChecksums.of(t, "check();"));
  }

  @Test
  void storedOnGradedCellsOnly() {
    Notebook nb = Notebook.empty();
    nb.add(Fixtures.test("t", 1, "check();"));
    nb.add(Cell.of(Cell.Type.CODE, "z"));
    new ComputeChecksums().apply(new SourceContext("x.ipynb", nb));
    assertEquals(
        "d7556b64b47227e79a6a2a6a528f8d15", nb.cells().get(0).nbgrader().orElseThrow().checksum());
    assertEquals(false, nb.cells().get(1).metadata().has("nbgrader"));
  }
}
