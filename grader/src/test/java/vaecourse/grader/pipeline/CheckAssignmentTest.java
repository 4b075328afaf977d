package vaecourse.grader.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaecourse.grader.notebook.Cell;
import vaecourse.grader.notebook.Notebook;
import vaecourse.grader.testing.Submissions;

class CheckAssignmentTest {
  @TempDir Path dir;

  private GradingContext checked(Notebook nb) {
    GradingContext c = Submissions.context(Submissions.write(nb, dir.resolve("s.ipynb")), dir);
    new ReadSubmission().apply(c);
    new CheckAssignment().apply(c);
    return c;
  }

  @Test
  void anotherAssignmentByNameOrByCells() {
    Notebook other = Submissions.correct();
    other.setAssignment("02-bernoulli-decoder");
    GradingContext c = checked(other);
    assertTrue(c.fatal());
    assertTrue(c.flags().get(0).message().contains("for assignment \"02-bernoulli-decoder\""));

    Notebook foreign = Notebook.empty();
    foreign.add(Cell.of(Cell.Type.CODE, "int x = 1;"));
    GradingContext d = checked(foreign);
    assertTrue(d.flags().get(0).message().contains("none of the"), d.flags().toString());
    assertFalse(checked(Submissions.correct()).fatal());
  }
}
