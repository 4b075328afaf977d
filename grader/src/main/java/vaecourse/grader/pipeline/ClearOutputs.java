package vaecourse.grader.pipeline;

import vaecourse.grader.notebook.Cell;

/**
 * Empties outputs and execution counts and drops per-run metadata ({@code execution} timings,
 * {@code collapsed}, {@code scrolled}), so that the generated file depends only on the source.
 */
public final class ClearOutputs implements Step<SourceContext> {

  @Override
  public void apply(SourceContext context) {
    for (Cell cell : context.notebook().cells()) {
      cell.clearOutputs();
      cell.metadata().remove("execution");
      cell.metadata().remove("collapsed");
      cell.metadata().remove("scrolled");
    }
  }
}
