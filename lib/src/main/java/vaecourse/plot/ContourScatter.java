package vaecourse.plot;

import java.awt.Color;
import java.util.Arrays;
import java.util.Locale;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * Points over the contour lines of a density given on a grid: draws of an approximation over the
 * exact posterior. The contours are the highest-density regions holding the given probability
 * masses (by default 50%, 90% and 99%), traced by marching squares ({@link Contours}); JFreeChart
 * draws the axes, the points and the lines.
 *
 * <pre>{@code
 * ContourScatter.of("RealNVP", theta1, theta2, density, draws)   // density[i * n2 + j]
 * }</pre>
 */
public final class ContourScatter extends ChartFigure {

  private static final Color CONTOUR = new Color(0x555555);

  private final double[] xs;
  private final double[] ys;
  private final double[] density;
  private final double[] px;
  private final double[] py;
  private double[] masses = {0.5, 0.9, 0.99};
  private double radius = 2;
  private float alpha = 0.6f;

  private ContourScatter(
      String title, double[] xs, double[] ys, double[] density, double[] px, double[] py) {
    super(title, 420, 380);
    this.xs = xs;
    this.ys = ys;
    this.density = density;
    this.px = px;
    this.py = py;
  }

  /**
   * Points over a density's contours.
   *
   * @param xs the grid's first coordinate, ascending (the x axis)
   * @param ys the grid's second coordinate, ascending (the y axis)
   * @param density values at the grid points, {@code density[i * ys.length + j]} at {@code (xs[i],
   *     ys[j])}, non-negative (need not be normalized)
   * @param points {@code [n][2]} draws (may be empty); those outside the grid are not drawn
   * @throws IllegalArgumentException if the sizes do not match
   */
  public static ContourScatter of(
      String title, double[] xs, double[] ys, double[] density, double[][] points) {
    if (xs.length < 2 || ys.length < 2 || density.length != xs.length * ys.length) {
      throw new IllegalArgumentException(
          "density must hold xs.length * ys.length = "
              + xs.length * ys.length
              + " values (xs and ys at least 2 each), but holds "
              + density.length);
    }
    double[] a = new double[points.length];
    double[] b = new double[points.length];
    for (int i = 0; i < points.length; i++) {
      if (points[i].length != 2) {
        throw new IllegalArgumentException(
            "points need 2 coordinates, but point " + i + " has " + points[i].length);
      }
      a[i] = points[i][0];
      b[i] = points[i][1];
    }
    return new ContourScatter(title, xs.clone(), ys.clone(), density.clone(), a, b);
  }

  /** The probability masses whose highest-density regions are outlined (default .5, .9, .99). */
  public ContourScatter masses(double... m) {
    for (double v : m) {
      if (!(v > 0 && v < 1)) {
        throw new IllegalArgumentException("masses must lie in (0, 1), but one was " + v);
      }
    }
    this.masses = m.clone();
    return this;
  }

  /** Sets the axis labels. */
  public ContourScatter labels(String x, String y) {
    xLabel = x == null ? "" : x;
    yLabel = y == null ? "" : y;
    return this;
  }

  /** The point radius in pixels (default 2) and opacity (default 0.6). */
  public ContourScatter point(double r, float a) {
    if (!(r > 0) || !(a > 0 && a <= 1)) {
      throw new IllegalArgumentException(
          "radius must be > 0 and alpha in (0, 1] but were " + r + " and " + a);
    }
    this.radius = r;
    this.alpha = a;
    return this;
  }

  /** Sets the size in pixels (default 420 x 380). */
  public ContourScatter size(int w, int h) {
    setSize(w, h);
    return this;
  }

  /** The density levels that enclose {@link #masses}, in the same order. */
  public double[] levels() {
    double[] out = new double[masses.length];
    for (int l = 0; l < masses.length; l++) {
      out[l] = Contours.level(density, masses[l]);
    }
    return out;
  }

  @Override
  XYPlot plot() {
    DefaultXYDataset draws = new DefaultXYDataset();
    draws.addSeries("draws", new double[][] {px, py});
    XYLineAndShapeRenderer dots = points(radius);
    dots.setSeriesPaint(0, withAlpha(Palette.color(0), alpha));
    // The density is known on the grid only: the axes end where it ends.
    XYPlot plot =
        new XYPlot(
            draws,
            exactAxis(xLabel, xs[0], xs[xs.length - 1]),
            exactAxis(yLabel, ys[0], ys[ys.length - 1]),
            dots);
    DefaultXYDataset contours = new DefaultXYDataset();
    int n2 = ys.length;
    for (double level : levels()) {
      contours.addSeries(
          "level " + contours.getSeriesCount(),
          Contours.series(Contours.segments(xs, ys, (i, j) -> density[i * n2 + j], level)));
    }
    plot.setDataset(1, contours);
    plot.setRenderer(1, lines(CONTOUR, 1.2f));
    return plot;
  }

  /** Kernel display: PNG and text; thousands of contour segments make no useful hover form. */
  @Override
  boolean interactive() {
    return false;
  }

  @Override
  public String toText() {
    return String.format(
        Locale.ROOT,
        "%s: %d points over the %s highest-density contours",
        title.isEmpty() ? "ContourScatter" : title,
        px.length,
        Arrays.toString(masses));
  }
}
