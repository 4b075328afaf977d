package vaecourse.grader.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;
import vaecourse.grader.notebook.Cell;
import vaecourse.grader.notebook.Notebook;
import vaecourse.grader.testing.Fixtures;

class ValidateMetadataTest {

  private static List<SourceProblem> problems(Notebook nb) {
    MalformedSourceException e =
        assertThrows(
            MalformedSourceException.class,
            () -> new ValidateMetadata().apply(new SourceContext("bad.ipynb", nb)));
    return e.problems();
  }

  @Test
  void theFixtureIsValid() throws Exception {
    new ValidateMetadata().apply(new SourceContext("adder.ipynb", Fixtures.solution()));
  }

  @Test
  void nestedAndUnclosedMarkersNameCellAndLine() {
    Notebook nb = Notebook.empty();
    nb.add(
        Fixtures.answer(
            "a",
            "int f() {\n  // BEGIN SOLUTION\n  // BEGIN SOLUTION\n"
                + "  return 1;\n  // END SOLUTION\n}"));
    nb.add(Fixtures.answer("b", "// BEGIN SOLUTION\nint g = 1;"));
    nb.add(Fixtures.answer("c", "int h = 1;\n// END SOLUTION"));
    List<SourceProblem> p = problems(nb);
    assertEquals(3, p.size(), p.toString());
    assertEquals(
        "bad.ipynb: cell 1 (a), line 3: nested \"// BEGIN SOLUTION\": the region opened"
            + " at line 2 is not closed yet; regions cannot nest",
        p.get(0).toString());
    assertEquals(2, p.get(1).cell());
    assertEquals(1, p.get(1).line());
    assertTrue(p.get(1).message().contains("never closed"));
    assertEquals(2, p.get(2).line());
    assertTrue(p.get(2).message().contains("without a matching"));
  }

  @Test
  void duplicateIdsMissingPointsAndWrongRoles() {
    Notebook nb = Notebook.empty();
    nb.add(Fixtures.test("t", 1, "assert true;"));
    nb.add(Fixtures.test("t", 1, "assert true;"));
    nb.add(Fixtures.graded(Cell.Type.CODE, "x();", "nopoints", true, false, true, null));
    nb.add(Fixtures.graded(Cell.Type.CODE, "x();", "", true, false, true, 1.0));
    nb.add(Fixtures.locked("lk", "// BEGIN HIDDEN TESTS\n// END HIDDEN TESTS"));
    nb.add(Fixtures.graded(Cell.Type.MARKDOWN, "text", "mdtest", true, false, true, 1.0));
    Cell badCheck = Fixtures.test("chk", 1, "x();");
    badCheck.metadata().add("course", JsonParser.parseString("{\"check\": {\"kind\": \"?\"}}"));
    nb.add(badCheck);
    String all = problems(nb).toString();
    assertTrue(all.contains("duplicate grade_id \"t\": cell 1 has it too"), all);
    assertTrue(all.contains("cell 3 (nopoints): graded cell has no numeric \"points\""), all);
    assertTrue(all.contains("cell 4: TEST cell has no nbgrader grade_id"), all);
    assertTrue(all.contains("cell 5 (lk): hidden-test markers in a cell that is not"), all);
    assertTrue(all.contains("cell 6 (mdtest): an autograder test cell must be a code cell"), all);
    assertTrue(all.contains("cell 7 (chk): metadata.course.check: check \"kind\""), all);
  }

  @Test
  void solutionMarkersOutsideSolutionCellsAreRefused() {
    Notebook nb = Notebook.empty();
    nb.add(Cell.of(Cell.Type.CODE, "// BEGIN SOLUTION\nint x = 1;\n// END SOLUTION"));
    assertTrue(problems(nb).get(0).message().contains("not a solution cell"));
  }
}
