package vaecourse.grader.pipeline;

import com.google.gson.JsonPrimitive;
import vaecourse.grader.notebook.Cell;
import vaecourse.grader.notebook.CellRole;
import vaecourse.grader.notebook.NbgraderMeta;

/**
 * Marks the cells students must not change: nbgrader {@code locked: true} plus Jupyter's {@code
 * editable: false} and {@code deletable: false} on locked, test and task cells, and {@code
 * schema_version: 3} on every nbgrader cell. Grading restores these cells from the source anyway.
 */
public final class LockCells implements Step<SourceContext> {

  @Override
  public void apply(SourceContext context) {
    for (Cell cell : context.notebook().cells()) {
      if (cell.nbgrader().isEmpty()) {
        continue;
      }
      CellRole role = cell.role();
      cell.setNbgrader("schema_version", new JsonPrimitive(NbgraderMeta.SCHEMA_VERSION));
      if (role.isLocked()) {
        cell.setNbgrader("locked", new JsonPrimitive(true));
        cell.metadata().addProperty("editable", false);
        cell.metadata().addProperty("deletable", false);
      }
    }
  }
}
