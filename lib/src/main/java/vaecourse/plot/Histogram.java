package vaecourse.plot;

import ai.djl.ndarray.NDArray;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Arrays;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.DefaultIntervalXYDataset;

/**
 * The distribution of a set of numbers as bars of equal width: gradient estimates, log-weights,
 * sample coordinates, drawn by JFreeChart with our bins (NaN and infinite values left out). Hover a
 * bar in the HTML form to read its range and count.
 */
public final class Histogram extends ChartFigure {

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
  XYPlot plot() {
    int n = counts.length;
    double[][] bars = new double[6][n]; // x, x start, x end, y, y start, y end
    for (int i = 0; i < n; i++) {
      bars[0][i] = (edges[i] + edges[i + 1]) / 2;
      bars[1][i] = edges[i];
      bars[2][i] = edges[i + 1];
      bars[3][i] = height(i);
      bars[5][i] = height(i);
    }
    DefaultIntervalXYDataset data = new DefaultIntervalXYDataset();
    data.addSeries("bins", bars);
    XYBarRenderer renderer = new XYBarRenderer();
    renderer.setBarPainter(new StandardXYBarPainter());
    renderer.setShadowVisible(false);
    renderer.setDrawBarOutline(true);
    renderer.setDefaultOutlinePaint(Color.WHITE);
    renderer.setDefaultOutlineStroke(new BasicStroke(1f));
    renderer.setAutoPopulateSeriesOutlinePaint(false);
    renderer.setSeriesPaint(0, Palette.color(0));
    renderer.setDefaultToolTipGenerator(
        (dataset, series, i) ->
            "["
                + value(edges[i])
                + ", "
                + value(edges[i + 1])
                + ")\ncount "
                + counts[i]
                + (density ? "\ndensity " + value(height(i)) : ""));
    ValueAxis x = axis(xLabel, false, false);
    x.setLowerMargin(0.02);
    x.setUpperMargin(0.02);
    NumberAxis y = (NumberAxis) axis(yLabel, false, !density);
    y.setAutoRangeIncludesZero(true);
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setDomainGridlinesVisible(false);
    return plot;
  }

  @Override
  public String toText() {
    return (title.isEmpty() ? "Histogram" : title)
        + ": "
        + total
        + " values in "
        + counts.length
        + " bins over ["
        + value(edges[0])
        + ", "
        + value(edges[edges.length - 1])
        + "], counts "
        + Arrays.toString(counts);
  }
}
