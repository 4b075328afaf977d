package vaecourse.plot;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;

/**
 * The distribution of a set of numbers as bars of equal width: gradient estimates, log-weights,
 * sample coordinates. Hover a bar in the HTML form to read its range and count.
 */
public final class Histogram extends XyFigure {

  private final double[] edges;
  private final long[] counts;
  private final int total;
  private final boolean density;

  private Histogram(String title, double[] edges, long[] counts, int total, boolean density) {
    super(title, 560, 360);
    this.edges = edges;
    this.counts = counts;
    this.total = total;
    this.density = density;
    yLabel = density ? "density" : "count";
  }

  /**
   * A histogram of the finite values with {@code bins} equal bins over their range.
   *
   * @throws IllegalArgumentException if {@code bins < 1} or no value is finite
   */
  public static Histogram of(String title, double[] values, int bins) {
    return build(title, values, bins, false);
  }

  /** As {@link #of(String, double[], int)}, scaled so the bars integrate to one. */
  public static Histogram density(String title, double[] values, int bins) {
    return build(title, values, bins, true);
  }

  /** A histogram of all entries of an array. */
  public static Histogram of(String title, NDArray values, int bins) {
    return build(title, Images.toDoubles(values), bins, false);
  }

  private static Histogram build(String title, double[] values, int bins, boolean density) {
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be >= 1 but was " + bins);
    }
    double[] finite = Arrays.stream(values).filter(Double::isFinite).toArray();
    if (finite.length == 0) {
      throw new IllegalArgumentException(
          "no finite values to plot among " + values.length + " (all NaN or infinite?)");
    }
    double lo = Arrays.stream(finite).min().getAsDouble();
    double hi = Arrays.stream(finite).max().getAsDouble();
    if (hi == lo) {
      lo -= 0.5;
      hi += 0.5;
    }
    double[] edges = new double[bins + 1];
    for (int i = 0; i <= bins; i++) {
      edges[i] = lo + (hi - lo) * i / bins;
    }
    long[] counts = new long[bins];
    for (double v : finite) {
      counts[Math.min(bins - 1, (int) ((v - lo) / (hi - lo) * bins))]++;
    }
    return new Histogram(title, edges, counts, finite.length, density);
  }

  /** Sets the x-axis label. */
  public Histogram xLabel(String label) {
    xLabel = label == null ? "" : label;
    return this;
  }

  /** Sets the size in pixels (default 560 x 360). */
  public Histogram size(int width, int height) {
    setSize(width, height);
    return this;
  }

  /** The count in each bin. */
  public long[] counts() {
    return counts.clone();
  }

  private double height(int bin) {
    return density ? counts[bin] / (total * (edges[bin + 1] - edges[bin])) : counts[bin];
  }

  @Override
  double[] range() {
    double top = 0;
    for (int i = 0; i < counts.length; i++) {
      top = Math.max(top, height(i));
    }
    return new double[] {edges[0], edges[edges.length - 1], 0, top == 0 ? 1 : top};
  }

  @Override
  void draw(Canvas c) {
    frame(c);
    for (int i = 0; i < counts.length; i++) {
      double x0 = px(edges[i]);
      double x1 = px(edges[i + 1]);
      double y = py(height(i));
      String tip =
          "["
              + Axis.value(edges[i])
              + ", "
              + Axis.value(edges[i + 1])
              + ")\ncount "
              + counts[i]
              + (density ? "\ndensity " + Axis.value(height(i)) : "");
      c.bar(x0, y, Math.max(0.5, x1 - x0), py(0) - y, Palette.color(0), tip);
    }
  }

  @Override
  public String toText() {
    return (title.isEmpty() ? "Histogram" : title)
        + ": "
        + total
        + " values in "
        + counts.length
        + " bins over ["
        + Axis.value(edges[0])
        + ", "
        + Axis.value(edges[edges.length - 1])
        + "], counts "
        + Arrays.toString(counts);
  }
}
