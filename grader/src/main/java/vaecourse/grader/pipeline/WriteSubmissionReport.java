package vaecourse.grader.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import vaecourse.grader.report.SubmissionReport;

/** Writes one per-submission report from the context's result into the submission's folder. */
public final class WriteSubmissionReport implements Step<GradingContext> {
  private final SubmissionReport report;

  /** A step writing {@code report}. */
  public WriteSubmissionReport(SubmissionReport report) {
    this.report = report;
  }

  @Override
  public void apply(GradingContext context) {
    try {
      report.write(context.folder(), context.result());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String name() {
    return "Write " + report.fileName();
  }
}
