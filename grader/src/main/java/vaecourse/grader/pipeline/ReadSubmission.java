package vaecourse.grader.pipeline;

import vaecourse.grader.notebook.NotebookFormatException;
import vaecourse.grader.notebook.NotebookIo;
import vaecourse.grader.report.Flag;

/**
 * Reads the submitted file strictly; a file that is not JSON, is truncated or is not nbformat 4 is
 * a fatal flag saying which, not an exception.
 */
public final class ReadSubmission implements Step<GradingContext> {

  @Override
  public void apply(GradingContext context) {
    try {
      context.setSubmission(NotebookIo.read(context.submissionFile()));
    } catch (NotebookFormatException e) {
      context.flag(
          Flag.Level.FATAL,
          "",
          "cannot grade " + context.submissionFile().getFileName() + ": " + e.getMessage());
    }
  }
}
