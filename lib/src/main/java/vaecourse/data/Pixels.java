package vaecourse.data;

/**
 * How image pixels become model inputs.
 *
 * <p>For a fixed binary data set made once (static binarization) use {@link
 * ImageData#binarizeStatic(long)} or {@link ImageData#binarizeThreshold(double)} instead: those
 * give a new {@link ImageData} whose pixels are already 0 or 1.
 */
public enum Pixels {
  /** Grey values scaled to {@code [0, 1]}: \( x = b / 255 \). */
  CONTINUOUS,
  /**
   * A fresh binary image each time a row is drawn: \( x \sim \mathrm{Bernoulli}(b / 255) \). The
   * model then never sees the same binarization of a digit twice, which acts as a regularizer.
   */
  DYNAMIC_BINARY
}
