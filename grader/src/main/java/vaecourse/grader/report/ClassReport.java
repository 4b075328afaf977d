package vaecourse.grader.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import vaecourse.grader.notebook.NotebookIo.AtomicWrite;

/**
 * One class-wide file in the results folder, made from every submission's record (ordered by
 * assignment, then student), so a run graded in shards and merged gives the same bytes as one run.
 */
public interface ClassReport {
  /** The file name inside the results folder. */
  String fileName();

  /** The file's text for the records, in the order given. */
  String render(List<SubmissionResult> records);

  /** Writes the file atomically into the results folder. */
  default void write(Path resultsDir, List<SubmissionResult> records) throws IOException {
    AtomicWrite.writeString(resultsDir.resolve(fileName()), render(records));
  }
}
