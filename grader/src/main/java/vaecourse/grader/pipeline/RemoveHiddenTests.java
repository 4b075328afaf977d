package vaecourse.grader.pipeline;

import vaecourse.grader.notebook.Cell;
import vaecourse.grader.notebook.CellRole;

/**
 * Deletes {@code // BEGIN HIDDEN TESTS} ... {@code // END HIDDEN TESTS} regions from test cells;
 * grading restores them from the instructor's notebook.
 */
public final class RemoveHiddenTests implements Step<SourceContext> {

  @Override
  public void apply(SourceContext context) {
    for (Cell cell : context.notebook().cells()) {
      if (cell.role() == CellRole.TEST && Regions.HIDDEN_TESTS.mentions(cell.source())) {
        cell.setSource(Regions.HIDDEN_TESTS.replace(cell.source(), indent -> null));
      }
    }
  }
}
