package vaecourse.priors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.function.Function;

/**
 * A 2-D log-density evaluated at the cell midpoints of an \(n \times n\) grid over \([lo, hi]^2\):
 * the check that a density integrates to one, \( \sum_{i,j} p(x_i, y_j)\, h^2 \approx 1 \) with \(h
 * = (hi - lo) / n\) (midpoint rule; the error is the mass outside the square plus \(O(h^2)\)), and
 * the values behind a contour figure.
 *
 * @param lo lower end of both axes
 * @param hi upper end of both axes
 * @param n cells per axis
 * @param logDensity \(\log p\) at the midpoints, row-major: entry {@code j * n + i} is at \((x_i,
 *     y_j)\)
 */
public record DensityGrid(double lo, double hi, int n, double[] logDensity) {

  /** Rows of the grid evaluated in one call, to bound memory for fine grids. */
  private static final int ROWS_PER_CALL = 64;

  /**
   * Checks the sizes.
   *
   * @throws IllegalArgumentException if {@code hi <= lo}, {@code n < 2} or the array is not {@code
   *     n * n} long
   */
  public DensityGrid {
    checkRange(lo, hi, n);
    if (logDensity == null || logDensity.length != (long) n * n) {
      throw new IllegalArgumentException(
          "logDensity must hold n * n = "
              + (long) n * n
              + " values, but held "
              + (logDensity == null ? "none" : logDensity.length));
    }
  }

  private static void checkRange(double lo, double hi, int n) {
    if (!(hi > lo) || Double.isInfinite(hi - lo)) {
      throw new IllegalArgumentException(
          "grid range must satisfy lo < hi (finite), but was [" + lo + ", " + hi + "]");
    }
    if (n < 2) {
      throw new IllegalArgumentException("n must be >= 2 cells per axis, but was " + n);
    }
  }

  /**
   * Evaluates a log-density on the grid.
   *
   * @param manager creates the grid points (float32); each call's arrays are freed after use
   * @param logDensity maps points {@code [m, 2]} to \(\log p\) {@code [m]}
   * @param lo lower end of both axes
   * @param hi upper end of both axes
   * @param n cells per axis, at least 2
   * @throws IllegalArgumentException if the range or size is invalid, or the function does not
   *     return one value per point
   */
  public static DensityGrid evaluate(
      NDManager manager, Function<NDArray, NDArray> logDensity, double lo, double hi, int n) {
    checkRange(lo, hi, n);
    double h = (hi - lo) / n;
    double[] out = new double[n * n];
    for (int j0 = 0; j0 < n; j0 += ROWS_PER_CALL) {
      int rows = Math.min(ROWS_PER_CALL, n - j0);
      float[] pts = new float[rows * n * 2];
      for (int j = 0; j < rows; j++) {
        for (int i = 0; i < n; i++) {
          pts[2 * (j * n + i)] = (float) (lo + (i + 0.5) * h);
          pts[2 * (j * n + i) + 1] = (float) (lo + (j0 + j + 0.5) * h);
        }
      }
      try (NDManager tmp = manager.newSubManager()) {
        NDArray values = logDensity.apply(tmp.create(pts, new Shape((long) rows * n, 2)));
        if (values.getShape().dimension() != 1 || values.size() != (long) rows * n) {
          throw new IllegalArgumentException(
              "logDensity must map points [m, 2] to [m], but returned shape "
                  + values.getShape()
                  + " for m = "
                  + (long) rows * n);
        }
        float[] v = values.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        for (int k = 0; k < v.length; k++) {
          out[j0 * n + k] = v[k];
        }
        values.close();
      }
    }
    return new DensityGrid(lo, hi, n, out);
  }

  /**
   * Evaluates a prior over a 2-D latent space on the grid.
   *
   * @throws IllegalArgumentException if the prior's latent dimension is not 2
   */
  public static DensityGrid of(NDManager manager, Prior prior, double lo, double hi, int n) {
    if (prior.latentDim() != 2) {
      throw new IllegalArgumentException(
          "a density grid needs a 2-D latent space, but the prior has latentDim "
              + prior.latentDim());
    }
    return evaluate(manager, prior::logProb, lo, hi, n);
  }

  /** The cell width \(h\). */
  public double cellWidth() {
    return (hi - lo) / n;
  }

  /** The midpoint of cell {@code i} along an axis. */
  public double midpoint(int i) {
    return lo + (i + 0.5) * cellWidth();
  }

  /** \( \sum_{i,j} e^{\log p(x_i, y_j)}\, h^2 \): about 1 for a density with its mass inside. */
  public double mass() {
    double h = cellWidth();
    double sum = 0;
    for (double v : logDensity) {
      sum += Math.exp(v);
    }
    return sum * h * h;
  }

  /** The log-density as {@code [n][n]}, row {@code j} at height \(y_j\). */
  public double[][] values() {
    double[][] out = new double[n][n];
    for (int j = 0; j < n; j++) {
      System.arraycopy(logDensity, j * n, out[j], 0, n);
    }
    return out;
  }
}
