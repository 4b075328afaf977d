package vaecourse.grader.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import vaecourse.grader.notebook.Notebook;

class StampAssignmentTest {

  @Test
  void stampsTheFileNameUnlessSet() {
    Notebook a = Notebook.empty();
    new StampAssignment().apply(new SourceContext("01-reparameterization.ipynb", a));
    assertEquals("01-reparameterization", a.assignment().orElseThrow());
    Notebook b = Notebook.empty();
    b.setAssignment("custom");
    new StampAssignment().apply(new SourceContext("x.ipynb", b));
    assertEquals("custom", b.assignment().orElseThrow());
  }
}
