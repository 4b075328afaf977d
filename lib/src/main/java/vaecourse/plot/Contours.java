package vaecourse.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Contour lines of a function given on a grid, and the levels that bound highest-density regions.
 * Our own code: JFreeChart 1.5 has no contour plot (its old {@code ContourPlot} was removed), so
 * the lines are traced here by marching squares and handed to a line renderer as segments.
 */
final class Contours {

  /** Values on a grid: {@code at(i, j)} is the value at {@code (xs[i], ys[j])}. */
  interface Grid {
    double at(int i, int j);
  }

  private Contours() {}

  /**
   * The value \(t\) such that the grid points whose value is at least \(t\) hold a fraction {@code
   * mass} of the sum of all values (values are non-negative masses): the edge of the
   * highest-density region of that mass.
   */
  static double level(double[] values, double mass) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double total = 0;
    for (double v : sorted) {
      total += v;
    }
    double sum = 0;
    for (int k = sorted.length - 1; k > 0; k--) {
      sum += sorted[k];
      if (sum >= mass * total) {
        return sorted[k];
      }
    }
    return sorted[0];
  }

  /**
   * Marching squares: the segments {@code {x1, y1, x2, y2}} where the linear interpolation of the
   * grid crosses {@code level}, one or two per cell; a saddle cell is split by its mean value.
   */
  static List<double[]> segments(double[] xs, double[] ys, Grid v, double level) {
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i + 1 < xs.length; i++) {
      for (int j = 0; j + 1 < ys.length; j++) {
        double v00 = v.at(i, j);
        double v10 = v.at(i + 1, j);
        double v11 = v.at(i + 1, j + 1);
        double v01 = v.at(i, j + 1);
        int code =
            (v00 > level ? 1 : 0)
                | (v10 > level ? 2 : 0)
                | (v11 > level ? 4 : 0)
                | (v01 > level ? 8 : 0);
        if (code == 0 || code == 15) {
          continue;
        }
        // Crossings on the four edges: bottom (00-10), right (10-11), top (01-11), left (00-01).
        double[] bottom = {lerp(xs[i], xs[i + 1], v00, v10, level), ys[j]};
        double[] right = {xs[i + 1], lerp(ys[j], ys[j + 1], v10, v11, level)};
        double[] top = {lerp(xs[i], xs[i + 1], v01, v11, level), ys[j + 1]};
        double[] left = {xs[i], lerp(ys[j], ys[j + 1], v00, v01, level)};
        switch (code) {
          case 1, 14 -> out.add(segment(left, bottom));
          case 2, 13 -> out.add(segment(bottom, right));
          case 3, 12 -> out.add(segment(left, right));
          case 4, 11 -> out.add(segment(right, top));
          case 6, 9 -> out.add(segment(bottom, top));
          case 7, 8 -> out.add(segment(left, top));
          case 5, 10 -> {
            boolean centreHigh = (v00 + v10 + v11 + v01) / 4 > level;
            if ((code == 5) == centreHigh) {
              out.add(segment(left, top));
              out.add(segment(bottom, right));
            } else {
              out.add(segment(left, bottom));
              out.add(segment(right, top));
            }
          }
          default -> {}
        }
      }
    }
    return out;
  }

  /** Segments as one series {x[], y[]} for a line renderer, a NaN point between segments. */
  static double[][] series(List<double[]> segments) {
    int n = segments.size();
    double[] x = new double[3 * n];
    double[] y = new double[3 * n];
    for (int k = 0; k < n; k++) {
      double[] s = segments.get(k);
      x[3 * k] = s[0];
      y[3 * k] = s[1];
      x[3 * k + 1] = s[2];
      y[3 * k + 1] = s[3];
      x[3 * k + 2] = Double.NaN;
      y[3 * k + 2] = Double.NaN;
    }
    return new double[][] {x, y};
  }

  private static double lerp(double a, double b, double va, double vb, double level) {
    return va == vb ? (a + b) / 2 : a + (level - va) / (vb - va) * (b - a);
  }

  private static double[] segment(double[] p, double[] q) {
    return new double[] {p[0], p[1], q[0], q[1]};
  }
}
