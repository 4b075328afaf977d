package vaecourse.grader.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import vaecourse.grader.notebook.NotebookIo;

/** Writes the notebook that ran ({@code notebook.ipynb}) into the submission's folder. */
public final class WriteNotebook implements Step<GradingContext> {
  /** The file name. */
  public static final String NAME = "notebook.ipynb";

  @Override
  public void apply(GradingContext context) {
    if (context.rebuilt() == null) {
      return;
    }
    try {
      NotebookIo.write(context.rebuilt(), context.folder().resolve(NAME));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
