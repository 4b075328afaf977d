package vaecourse.grader.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaecourse.grader.notebook.Cell;
import vaecourse.grader.notebook.Notebook;
import vaecourse.grader.testing.Fixtures;
import vaecourse.grader.testing.Submissions;

class MergeSubmissionTest {
  @TempDir Path dir;

  private GradingContext merged(Notebook nb) {
    GradingContext c = Submissions.context(Submissions.write(nb, dir.resolve("s.ipynb")), dir);
    new ReadSubmission().apply(c);
    new CheckAssignment().apply(c);
    new MergeSubmission().apply(c);
    return c;
  }

  private static String flags(GradingContext c) {
    return c.flags().toString();
  }

  @Test
  void answersComeFromTheStudentEverythingElseFromTheSource() {
    GradingContext c = merged(Submissions.correct());
    assertEquals(List.of(), c.flags());
    Notebook r = c.rebuilt();
    assertTrue(Submissions.cell(r, "add-impl").source().contains("return b + a"));
    assertTrue(Submissions.cell(r, "add-test").source().contains("add(-1, 1)"), "hidden restored");
  }

  @Test
  void editedLockedCellIsRestoredAndFlagged() {
    Notebook nb = Submissions.correct();
    Submissions.answer(nb, "add-test", "// trust me");
    GradingContext c = merged(nb);
    assertTrue(flags(c).contains("WARNING, cell=add-test, message=test cell was edited"), flags(c));
    assertTrue(Submissions.cell(c.rebuilt(), "add-test").source().contains("add(2, 3)"));
  }

  @Test
  void deletedDuplicatedReorderedAndRetypedCells() {
    Notebook nb = Submissions.correct();
    List<Cell> cells = new ArrayList<>(nb.cells());
    cells.removeIf(x -> x.gradeId().orElse("").equals("mul-impl"));
    cells.add(cells.get(2).copy());
    Collections.swap(cells, 1, 3);
    Cell why =
        cells.stream().filter(x -> x.gradeId().orElse("").equals("why")).findFirst().orElseThrow();
    why.json().addProperty("cell_type", "code");
    nb.setCells(cells);
    String f = flags(merged(nb));
    assertTrue(f.contains("cell=mul-impl, message=answer cell is missing"), f);
    assertTrue(f.contains("cell=add-impl, message=the cell appears 2 times"), f);
    assertTrue(f.contains("reordered"), f);
    assertTrue(f.contains("cell=why, message=answer cell was changed from markdown to code"), f);
  }

  @Test
  void untouchedStubAndStoredOutputsAreNoted() {
    Notebook nb = Submissions.blank();
    Submissions.cell(nb, "add-test")
        .json()
        .add(
            "outputs",
            JsonParser.parseString(
                "[{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": \"all passed\"}]"));
    GradingContext c = merged(nb);
    String f = flags(c);
    assertTrue(f.contains("cell=add-impl, message=answer cell is the unchanged stub"), f);
    assertTrue(f.contains("outputs stored in the submission (1 cells) were ignored"), f);
    assertEquals(Boolean.TRUE, c.storedOutputsLookClean().get("add-test"));
    assertTrue(Submissions.cell(c.rebuilt(), "add-impl").source().contains(Fixtures.STUB));
  }
}
