package vaecourse.plot;

import java.awt.Color;
import java.awt.Paint;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYDataset;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A 2-D density as shading with contour lines, and points on top: a prior \(p(z)\) under the
 * encoder means of test images, so that regions with density but no codes (holes) stand out. The
 * contours are highest-density regions: the line for mass \(m\) encloses the smallest region of the
 * grid holding a fraction \(m\) of the grid's mass (levels 0.5, 0.9 and 0.99 by default), so
 * densities of different shapes are drawn on a comparable scale. JFreeChart draws the shading
 * ({@link XYBlockRenderer}), the axes and the points; the lines come from marching squares on the
 * cell midpoints ({@link Contours}), which JFreeChart does not have.
 *
 * <pre>{@code
 * DensityPlot.of("standard normal", -4, 4, grid)   // grid[j][i]: log p at (x_i, y_j)
 *     .points(means, labels)                        // means: double[n][2]
 * }</pre>
 */
public final class DensityPlot extends ChartFigure {

  private static final double[] DEFAULT_MASSES = {0.5, 0.9, 0.99};
  private static final Color LOW = new Color(0xffffff);
  private static final Color HIGH = new Color(0x3b6fb6);
  private static final Color LINE = new Color(0x12325e);
  private static final float POINT_ALPHA = 0.8f;

  private final double lo;
  private final double hi;
  private final double[][] logDensity;
  private final int n;
  private double[] masses = DEFAULT_MASSES.clone();
  private double[][] points = new double[0][];
  private int[] labels;

  private DensityPlot(String title, double lo, double hi, double[][] logDensity) {
    super(title, 420, 420);
    this.lo = lo;
    this.hi = hi;
    this.logDensity = logDensity;
    this.n = logDensity.length;
  }

  /**
   * A density over \([lo, hi]^2\) given at the midpoints of an \(n \times n\) grid.
   *
   * @param logDensity \(\log p\), {@code [n][n]}, row {@code j} at height \(y_j = lo + (j +
   *     \tfrac12) h\)
   * @throws IllegalArgumentException if the grid is not square with {@code n >= 2} or the range is
   *     empty
   */
  public static DensityPlot of(String title, double lo, double hi, double[][] logDensity) {
    if (!(hi > lo)) {
      throw new IllegalArgumentException(
          "range must have lo < hi but was [" + lo + ", " + hi + "]");
    }
    if (logDensity == null || logDensity.length < 2) {
      throw new IllegalArgumentException("logDensity must be an n x n grid with n >= 2");
    }
    double[][] copy = new double[logDensity.length][];
    for (int j = 0; j < logDensity.length; j++) {
      if (logDensity[j].length != logDensity.length) {
        throw new IllegalArgumentException(
            "logDensity must be square, but row "
                + j
                + " has "
                + logDensity[j].length
                + " values for "
                + logDensity.length
                + " rows");
      }
      copy[j] = logDensity[j].clone();
    }
    return new DensityPlot(title, lo, hi, copy);
  }

  /**
   * Points drawn over the density, coloured by label (null labels: one colour).
   *
   * @param xy points, {@code [m][2]}
   * @throws IllegalArgumentException if a row has fewer than 2 values or the label count differs
   */
  public DensityPlot points(double[][] xy, int[] labels) {
    for (int i = 0; i < xy.length; i++) {
      if (xy[i].length < 2) {
        throw new IllegalArgumentException("points need 2 coordinates, but row " + i + " has less");
      }
    }
    if (labels != null && labels.length != xy.length) {
      throw new IllegalArgumentException(
          "labels must match the points: " + labels.length + " labels for " + xy.length);
    }
    this.points = xy.clone();
    this.labels = labels == null ? null : labels.clone();
    return this;
  }

  /**
   * The probability masses whose highest-density contours are drawn (default 0.5, 0.9, 0.99).
   *
   * @throws IllegalArgumentException if a mass is not in (0, 1)
   */
  public DensityPlot masses(double... masses) {
    for (double m : masses) {
      if (!(m > 0 && m < 1)) {
        throw new IllegalArgumentException("masses must lie in (0, 1), but one was " + m);
      }
    }
    this.masses = masses.clone();
    return this;
  }

  /** Sets the size in pixels (default 420 x 420). */
  public DensityPlot size(int width, int height) {
    setSize(width, height);
    return this;
  }

  /** Sets the axis labels. */
  public DensityPlot labels(String x, String y) {
    xLabel = x == null ? "" : x;
    yLabel = y == null ? "" : y;
    return this;
  }

  private double h() {
    return (hi - lo) / n;
  }

  /**
   * The density value \(t\) such that the cells with \(p \ge t\) hold a fraction {@code mass} of
   * the grid's total mass.
   */
  double threshold(double mass) {
    double max = max();
    double[] p = new double[n * n];
    int k = 0;
    for (double[] row : logDensity) {
      for (double v : row) {
        p[k++] = Math.exp(v - max);
      }
    }
    return Math.log(Contours.level(p, mass)) + max;
  }

  private double max() {
    double max = Double.NEGATIVE_INFINITY;
    for (double[] row : logDensity) {
      for (double v : row) {
        max = Math.max(max, v);
      }
    }
    return max;
  }

  /**
   * Marching squares at log-density {@code level}: segments {x1, y1, x2, y2} in data coordinates.
   */
  List<double[]> contour(double level) {
    double[] mid = midpoints();
    return Contours.segments(mid, mid, (i, j) -> logDensity[j][i], level);
  }

  /** The cells' midpoints along either axis. */
  private double[] midpoints() {
    double[] mid = new double[n];
    for (int i = 0; i < n; i++) {
      mid[i] = lo + (i + 0.5) * h();
    }
    return mid;
  }

  @Override
  XYPlot plot() {
    // The shading: one block per cell, its colour from p / max p.
    double max = max();
    double[][] cells = new double[3][n * n];
    double[] mid = midpoints();
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        double f = Math.exp(logDensity[j][i] - max);
        cells[0][j * n + i] = mid[i];
        cells[1][j * n + i] = mid[j];
        cells[2][j * n + i] = Double.isFinite(f) ? f : 0;
      }
    }
    DefaultXYZDataset shading = new DefaultXYZDataset();
    shading.addSeries("density", cells);
    XYBlockRenderer blocks = new XYBlockRenderer();
    blocks.setBlockWidth(h());
    blocks.setBlockHeight(h());
    blocks.setPaintScale(SHADES);
    XYPlot plot = new XYPlot(shading, exactAxis(xLabel, lo, hi), exactAxis(yLabel, lo, hi), blocks);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);

    DefaultXYDataset contours = new DefaultXYDataset();
    for (int m = 0; m < masses.length; m++) {
      contours.addSeries("mass " + m, Contours.series(contour(threshold(masses[m]))));
    }
    plot.setDataset(1, contours);
    plot.setRenderer(1, lines(LINE, 1.2f));

    DefaultXYDataset dots = new DefaultXYDataset();
    double[][] xy = new double[2][points.length];
    Color[] fills = new Color[points.length];
    for (int i = 0; i < points.length; i++) {
      xy[0][i] = points[i][0];
      xy[1][i] = points[i][1];
      fills[i] =
          withAlpha(labels == null ? Palette.color(3) : Palette.color(labels[i]), POINT_ALPHA);
    }
    dots.addSeries("points", xy);
    XYLineAndShapeRenderer dotRenderer =
        new XYLineAndShapeRenderer(false, true) {
          @Override
          public Paint getItemPaint(int series, int item) {
            return fills[item];
          }
        };
    dotRenderer.setDefaultShape(circle(1.8));
    dotRenderer.setAutoPopulateSeriesShape(false);
    dotRenderer.setDrawOutlines(false);
    plot.setDataset(2, dots);
    plot.setRenderer(2, dotRenderer);
    return plot;
  }

  /** White for no density to the course's blue at the maximum, by the square root of p / max p. */
  private static final PaintScale SHADES =
      new PaintScale() {
        @Override
        public double getLowerBound() {
          return 0;
        }

        @Override
        public double getUpperBound() {
          return 1;
        }

        @Override
        public Paint getPaint(double f) {
          double g = Math.sqrt(Math.max(0, Math.min(1, f)));
          return new Color(
              (int) Math.round(LOW.getRed() + g * (HIGH.getRed() - LOW.getRed())),
              (int) Math.round(LOW.getGreen() + g * (HIGH.getGreen() - LOW.getGreen())),
              (int) Math.round(LOW.getBlue() + g * (HIGH.getBlue() - LOW.getBlue())));
        }
      };

  /** Kernel display: PNG and text (thousands of cells make no useful interactive form). */
  @Override
  boolean interactive() {
    return false;
  }

  /**
   * The fraction of the points outside the highest-density region of this mass (NaN without
   * points): a prior that fits the codes leaves about {@code 1 - mass} outside.
   */
  public double fractionOutside(double mass) {
    if (points.length == 0) {
      return Double.NaN;
    }
    double t = threshold(mass);
    double h = h();
    int outside = 0;
    for (double[] p : points) {
      int i = (int) Math.floor((p[0] - lo) / h);
      int j = (int) Math.floor((p[1] - lo) / h);
      if (i < 0 || j < 0 || i >= n || j >= n || logDensity[j][i] < t) {
        outside++;
      }
    }
    return outside / (double) points.length;
  }

  @Override
  public String toText() {
    return String.format(
        Locale.ROOT,
        "DensityPlot[%s%dx%d grid over [%s, %s]^2, contours at masses %s, %d points]",
        title.isEmpty() ? "" : title + ": ",
        n,
        n,
        value(lo),
        value(hi),
        Arrays.toString(masses),
        points.length);
  }
}
