package vaecourse.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A 2-D density as shading with contour lines, and points on top: a prior \(p(z)\) under the
 * encoder means of test images, so that regions with density but no codes (holes) stand out. The
 * contours are highest-density regions: the line for mass \(m\) encloses the smallest region of the
 * grid holding a fraction \(m\) of the grid's mass (levels 0.5, 0.9 and 0.99 by default), so
 * densities of different shapes are drawn on a comparable scale. Lines come from marching squares
 * on the cell midpoints.
 *
 * <pre>{@code
 * DensityPlot.of("standard normal", -4, 4, grid)   // grid[j][i]: log p at (x_i, y_j)
 *     .points(means, labels)                        // means: double[n][2]
 * }</pre>
 */
public final class DensityPlot extends XyFigure {

  private static final double[] DEFAULT_MASSES = {0.5, 0.9, 0.99};
  private static final Color LOW = new Color(0xffffff);
  private static final Color HIGH = new Color(0x3b6fb6);
  private static final Color LINE = new Color(0x12325e);

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
    double[] p = new double[n * n];
    double max = Double.NEGATIVE_INFINITY;
    for (double[] row : logDensity) {
      for (double v : row) {
        max = Math.max(max, v);
      }
    }
    int k = 0;
    for (double[] row : logDensity) {
      for (double v : row) {
        p[k++] = Math.exp(v - max);
      }
    }
    Arrays.sort(p);
    double total = 0;
    for (double v : p) {
      total += v;
    }
    double sum = 0;
    for (int i = p.length - 1; i >= 0; i--) {
      sum += p[i];
      if (sum >= mass * total) {
        return Math.log(p[i]) + max;
      }
    }
    return Math.log(p[0]) + max;
  }

  /**
   * Marching squares at log-density {@code level}: segments {x1, y1, x2, y2} in data coordinates.
   */
  List<double[]> contour(double level) {
    List<double[]> segments = new ArrayList<>();
    double h = h();
    for (int j = 0; j + 1 < n; j++) {
      for (int i = 0; i + 1 < n; i++) {
        double x0 = lo + (i + 0.5) * h;
        double y0 = lo + (j + 0.5) * h;
        // Corners counter-clockwise from bottom-left.
        double[] v = {
          logDensity[j][i], logDensity[j][i + 1], logDensity[j + 1][i + 1], logDensity[j + 1][i]
        };
        double[][] c = {{x0, y0}, {x0 + h, y0}, {x0 + h, y0 + h}, {x0, y0 + h}};
        List<double[]> crossings = new ArrayList<>();
        for (int e = 0; e < 4; e++) {
          double a = v[e];
          double b = v[(e + 1) % 4];
          if ((a >= level) != (b >= level)) {
            double t = (level - a) / (b - a);
            double[] p = c[e];
            double[] q = c[(e + 1) % 4];
            crossings.add(new double[] {p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])});
          }
        }
        for (int s = 0; s + 1 < crossings.size(); s += 2) {
          double[] p = crossings.get(s);
          double[] q = crossings.get(s + 1);
          segments.add(new double[] {p[0], p[1], q[0], q[1]});
        }
      }
    }
    return segments;
  }

  @Override
  double[] range() {
    return new double[] {lo, hi, lo, hi};
  }

  /** The shading fills the frame: the axes end where the grid ends. */
  @Override
  boolean exactRange() {
    return true;
  }

  @Override
  void draw(Canvas c) {
    frame(c);
    double max = Double.NEGATIVE_INFINITY;
    for (double[] row : logDensity) {
      for (double v : row) {
        max = Math.max(max, v);
      }
    }
    BufferedImage shade = new BufferedImage(n, n, BufferedImage.TYPE_INT_RGB);
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        double f = Math.exp(logDensity[j][i] - max);
        // Image rows run top-down, the y axis bottom-up.
        shade.setRGB(i, n - 1 - j, blend(Double.isFinite(f) ? f : 0).getRGB());
      }
    }
    c.image(px(lo), py(hi), px(hi) - px(lo), py(lo) - py(hi), shade, null);
    for (double m : masses) {
      for (double[] s : contour(threshold(m))) {
        c.line(px(s[0]), py(s[1]), px(s[2]), py(s[3]), LINE, 1.2);
      }
    }
    for (int i = 0; i < points.length; i++) {
      double x = points[i][0];
      double y = points[i][1];
      if (x < lo || x > hi || y < lo || y > hi || !Double.isFinite(x) || !Double.isFinite(y)) {
        continue;
      }
      Color base = labels == null ? new Color(0xd62728) : Palette.color(labels[i]);
      c.circle(
          px(x), py(y), 1.8, new Color(base.getRed(), base.getGreen(), base.getBlue(), 200), null);
    }
    c.rect(left, top, right - left, bottom - top, null, INK);
  }

  private static Color blend(double f) {
    double g = Math.sqrt(Math.max(0, Math.min(1, f)));
    return new Color(
        (int) Math.round(LOW.getRed() + g * (HIGH.getRed() - LOW.getRed())),
        (int) Math.round(LOW.getGreen() + g * (HIGH.getGreen() - LOW.getGreen())),
        (int) Math.round(LOW.getBlue() + g * (HIGH.getBlue() - LOW.getBlue())));
  }

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
        Axis.value(lo),
        Axis.value(hi),
        Arrays.toString(masses),
        points.length);
  }
}
