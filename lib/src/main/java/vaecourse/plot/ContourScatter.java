package vaecourse.plot;

import java.awt.Color;
import java.util.Arrays;
import java.util.Locale;

/**
 * Points over the contour lines of a density given on a grid: draws of an approximation over the
 * exact posterior. The contours are the highest-density regions holding the given probability
 * masses (by default 50%, 90% and 99%), traced by marching squares.
 *
 * <pre>{@code
 * ContourScatter.of("RealNVP", theta1, theta2, density, draws)   // density[i * n2 + j]
 * }</pre>
 */
public final class ContourScatter extends XyFigure {

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
    double[] sorted = density.clone();
    Arrays.sort(sorted);
    double total = 0;
    for (double v : sorted) {
      total += v;
    }
    double[] out = new double[masses.length];
    for (int l = 0; l < masses.length; l++) {
      double acc = 0;
      int k = sorted.length - 1;
      while (k > 0 && acc + sorted[k] < masses[l] * total) {
        acc += sorted[k];
        k--;
      }
      out[l] = sorted[k];
    }
    return out;
  }

  @Override
  double[] range() {
    return new double[] {xs[0], xs[xs.length - 1], ys[0], ys[ys.length - 1]};
  }

  @Override
  void draw(Canvas c) {
    frame(c);
    double[] r = range();
    for (int i = 0; i < px.length; i++) {
      if (px[i] >= r[0] && px[i] <= r[1] && py[i] >= r[2] && py[i] <= r[3]) {
        Color base = Palette.color(0);
        Color fill =
            new Color(base.getRed(), base.getGreen(), base.getBlue(), Math.round(alpha * 255));
        c.circle(px(px[i]), py(py[i]), radius, fill, null);
      }
    }
    for (double level : levels()) {
      contour(c, level);
    }
  }

  /** Marching squares: one or two segments per grid cell that the level crosses. */
  private void contour(Canvas c, double level) {
    int n2 = ys.length;
    for (int i = 0; i + 1 < xs.length; i++) {
      for (int j = 0; j + 1 < n2; j++) {
        double v00 = density[i * n2 + j];
        double v10 = density[(i + 1) * n2 + j];
        double v11 = density[(i + 1) * n2 + j + 1];
        double v01 = density[i * n2 + j + 1];
        int code =
            (v00 > level ? 1 : 0)
                | (v10 > level ? 2 : 0)
                | (v11 > level ? 4 : 0)
                | (v01 > level ? 8 : 0);
        if (code == 0 || code == 15) {
          continue;
        }
        // Crossing points on the four edges: bottom (00-10), right (10-11), top (01-11), left.
        double[] bottom = {lerp(xs[i], xs[i + 1], v00, v10, level), ys[j]};
        double[] right = {xs[i + 1], lerp(ys[j], ys[j + 1], v10, v11, level)};
        double[] top = {lerp(xs[i], xs[i + 1], v01, v11, level), ys[j + 1]};
        double[] left = {xs[i], lerp(ys[j], ys[j + 1], v00, v01, level)};
        switch (code) {
          case 1, 14 -> segment(c, left, bottom);
          case 2, 13 -> segment(c, bottom, right);
          case 3, 12 -> segment(c, left, right);
          case 4, 11 -> segment(c, right, top);
          case 6, 9 -> segment(c, bottom, top);
          case 7, 8 -> segment(c, left, top);
          case 5, 10 -> {
            // A saddle: the cell's mean decides which corners connect.
            boolean centreHigh = (v00 + v10 + v11 + v01) / 4 > level;
            if ((code == 5) == centreHigh) {
              segment(c, left, top);
              segment(c, bottom, right);
            } else {
              segment(c, left, bottom);
              segment(c, right, top);
            }
          }
          default -> {}
        }
      }
    }
  }

  private static double lerp(double a, double b, double va, double vb, double level) {
    return va == vb ? (a + b) / 2 : a + (level - va) / (vb - va) * (b - a);
  }

  private void segment(Canvas c, double[] p, double[] q) {
    c.line(px(p[0]), py(p[1]), px(q[0]), py(q[1]), CONTOUR, 1.2);
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
