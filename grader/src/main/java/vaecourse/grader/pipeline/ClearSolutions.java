package vaecourse.grader.pipeline;

import vaecourse.grader.notebook.Cell;

/**
 * Replaces solution regions by stubs: in code, the region becomes {@link Regions#CODE_STUB} at the
 * region's indentation, so an untouched task throws instead of passing; in markdown it becomes
 * {@link Regions#TEXT_STUB}. A solution cell without markers is replaced whole, as nbgrader does.
 */
public final class ClearSolutions implements Step<SourceContext> {

  @Override
  public void apply(SourceContext context) {
    for (Cell cell : context.notebook().cells()) {
      if (!cell.role().isStudentOwned()) {
        continue;
      }
      cell.setSource(stub(cell));
    }
  }

  /** The student's version of a solution cell. */
  static String stub(Cell cell) {
    String source = cell.source();
    boolean markdown = cell.type() != Cell.Type.CODE;
    Regions regions = markdown ? Regions.MARKDOWN_SOLUTION : Regions.CODE_SOLUTION;
    if (!regions.mentions(source)) {
      return markdown ? Regions.TEXT_STUB : Regions.CODE_STUB;
    }
    return regions.replace(
        source, indent -> markdown ? Regions.TEXT_STUB : indent + Regions.CODE_STUB);
  }
}
