package vaecourse.grader.report;

import java.io.IOException;
import java.nio.file.Path;
import vaecourse.grader.notebook.NotebookIo.AtomicWrite;

/**
 * One file written for each graded submission, in its folder {@code RESULTS/ASSIGNMENT/STUDENT}.
 * Grading writes it as a step at the end of the pipeline; {@code merge} writes it again from the
 * submission's record, through the same writer, so the two runs give the same bytes.
 */
public interface SubmissionReport {
  /** The file name inside the submission's folder. */
  String fileName();

  /** The file's text for one submission. */
  String render(SubmissionResult result);

  /** Writes the file atomically into the submission's folder. */
  default void write(Path folder, SubmissionResult result) throws IOException {
    AtomicWrite.writeString(folder.resolve(fileName()), render(result));
  }
}
