package vaecourse.grader.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import vaecourse.grader.report.ClassReport;
import vaecourse.grader.report.ClassReports;

/**
 * Rewrites one class-wide file from every record in the results folder, this submission's included
 * (its record is written by the step before). Submissions graded at the same time share {@code
 * lock}, so the file is always made from a full set of records.
 */
public final class WriteClassReport implements Step<GradingContext> {
  private final ClassReport report;
  private final Path resultsDir;
  private final Object lock;

  /**
   * A step rewriting {@code report}.
   *
   * @param report the class file
   * @param resultsDir the results folder
   * @param lock shared by the submissions graded at once
   */
  public WriteClassReport(ClassReport report, Path resultsDir, Object lock) {
    this.report = report;
    this.resultsDir = resultsDir;
    this.lock = lock;
  }

  @Override
  public void apply(GradingContext context) {
    synchronized (lock) {
      try {
        report.write(resultsDir, ClassReports.readAll(resultsDir));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public String name() {
    return "Write " + report.fileName();
  }
}
