package vaecourse.grader.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import vaecourse.grader.notebook.Notebook;
import vaecourse.grader.testing.Fixtures;

class ClearSolutionsTest {

  private static String cleared(vaecourse.grader.notebook.Cell cell) {
    Notebook nb = Notebook.empty();
    nb.add(cell);
    new ClearSolutions().apply(new SourceContext("x.ipynb", nb));
    return nb.cells().get(0).source();
  }

  @Test
  void codeRegionBecomesTheStubAtItsIndentation() {
    assertEquals(
        "int add(int a, int b) {\n  " + Fixtures.STUB + "\n}",
        cleared(
            Fixtures.answer(
                "a",
                "int add(int a, int b) {\n  // BEGIN SOLUTION\n"
                    + "  return a + b;\n  // END SOLUTION\n}")));
  }

  @Test
  void twoRegionsAndTrailingNewlineKept() {
    assertEquals(
        "x();\n" + Fixtures.STUB + "\ny();\n    " + Fixtures.STUB + "\n",
        cleared(
            Fixtures.answer(
                "a",
                "x();\n// BEGIN SOLUTION\n1;\n// END SOLUTION\ny();\n"
                    + "    // BEGIN SOLUTION\n    2;\n    // END SOLUTION\n")));
  }

  @Test
  void markdownRegionAndWholeCells() {
    assertEquals(
        "Why?\n\nYOUR ANSWER HERE",
        cleared(
            Fixtures.written(
                "w", 1, "Why?\n\n<!-- BEGIN SOLUTION -->\nBecause.\n" + "<!-- END SOLUTION -->")));
    assertEquals("YOUR ANSWER HERE", cleared(Fixtures.written("w", 1, "Because.")));
    assertEquals(Fixtures.STUB, cleared(Fixtures.answer("a", "int x = 3;")));
  }

  @Test
  void nonSolutionCellsAreUntouched() {
    assertEquals("int x = 1;", cleared(Fixtures.locked("l", "int x = 1;")));
  }
}
