package vaecourse.grader.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import vaecourse.grader.notebook.Notebook;
import vaecourse.grader.testing.Fixtures;

class RemoveHiddenTestsTest {

  @Test
  void hiddenRegionIsDeletedMarkersIncluded() {
    Notebook nb = Notebook.empty();
    nb.add(
        Fixtures.test(
            "t",
            1,
            "check(1);\n  // BEGIN HIDDEN TESTS\ncheck(2);\n"
                + "  // END HIDDEN TESTS\ncheck(3);"));
    new RemoveHiddenTests().apply(new SourceContext("x.ipynb", nb));
    assertEquals("check(1);\ncheck(3);", nb.cells().get(0).source());
  }
}
