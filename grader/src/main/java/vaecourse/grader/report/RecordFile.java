package vaecourse.grader.report;

/**
 * {@code record.json}: everything grading a submission produced, written last so that a folder with
 * a record is a finished submission; the class files and {@code merge} read it back.
 */
public final class RecordFile implements SubmissionReport {
  /** The record's file name. */
  public static final String NAME = "record.json";

  @Override
  public String fileName() {
    return NAME;
  }

  @Override
  public String render(SubmissionResult result) {
    return result.toJson();
  }
}
