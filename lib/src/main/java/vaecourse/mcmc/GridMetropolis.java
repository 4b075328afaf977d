package vaecourse.mcmc;

/**
 * A random-walk Metropolis kernel on the cells of a rectangular grid, applied exactly to a whole
 * distribution (no sampling): \( q_{t+1}(x) = \sum_y q_t(y)\, T(x \mid y) \).
 *
 * <p>From cell \(y\) the proposal picks one of the \(W = (2r+1)^2 - 1\) other cells of the \((2r+1)
 * \times (2r+1)\) window around it uniformly; a proposal off the grid is rejected, which keeps the
 * proposal symmetric. It is accepted with probability \(\min(1, p(x)/p(y))\). So for \(x \ne y\),
 * \( T(x \mid y) = \min(1, p(x)/p(y)) / W \) and \( p(y)\,T(x \mid y) = \min(p(x), p(y))/W =
 * p(x)\,T(y \mid x) \): detailed balance with respect to \(p\).
 */
public final class GridMetropolis {

  private final double[] p;
  private final int rows;
  private final int cols;
  private final int radius;

  private GridMetropolis(double[] p, int rows, int cols, int radius) {
    this.p = p;
    this.rows = rows;
    this.cols = cols;
    this.radius = radius;
  }

  /**
   * A kernel with stationary distribution {@code p}.
   *
   * @param p the target on the grid, row-major ({@code p[i * cols + j]}), non-negative, summing to
   *     one
   * @param rows cells along the first coordinate
   * @param cols cells along the second coordinate
   * @param radius the proposal window's half-width in cells, at least 1
   * @throws IllegalArgumentException if the sizes do not match or {@code p} is not a distribution
   */
  public static GridMetropolis of(double[] p, int rows, int cols, int radius) {
    if (rows < 1 || cols < 1 || p == null || p.length != rows * cols) {
      throw new IllegalArgumentException(
          "p must hold rows * cols = "
              + rows * cols
              + " values, but holds "
              + (p == null ? "none" : String.valueOf(p.length)));
    }
    if (radius < 1) {
      throw new IllegalArgumentException("radius must be >= 1 cell, but was " + radius);
    }
    checkDistribution("p", p);
    return new GridMetropolis(p.clone(), rows, cols, radius);
  }

  /** \(T(x \mid y)\) for cells {@code x} and {@code y} (row-major indices). */
  public double transition(int x, int y) {
    if (x == y) {
      double stay = 1;
      for (int other : neighbours(y)) {
        stay -= acceptance(other, y) / windowSize();
      }
      return stay;
    }
    int dr = Math.abs(x / cols - y / cols);
    int dc = Math.abs(x % cols - y % cols);
    return dr <= radius && dc <= radius ? acceptance(x, y) / windowSize() : 0;
  }

  /**
   * One application of the kernel to a distribution on the grid.
   *
   * @param q the current distribution, row-major, summing to one
   * @return \( q_T(x) = \sum_y q(y) T(x \mid y) \)
   */
  public double[] step(double[] q) {
    if (q.length != p.length) {
      throw new IllegalArgumentException(
          "q must hold " + p.length + " values, but holds " + q.length);
    }
    double[] out = new double[q.length];
    double w = windowSize();
    for (int y = 0; y < q.length; y++) {
      if (q[y] == 0) {
        continue;
      }
      int r0 = y / cols;
      int c0 = y % cols;
      double moved = 0;
      for (int dr = -radius; dr <= radius; dr++) {
        int r = r0 + dr;
        if (r < 0 || r >= rows) {
          continue;
        }
        for (int dc = -radius; dc <= radius; dc++) {
          int c = c0 + dc;
          if ((dr == 0 && dc == 0) || c < 0 || c >= cols) {
            continue;
          }
          int x = r * cols + c;
          double mass = q[y] * acceptance(x, y) / w;
          out[x] += mass;
          moved += mass;
        }
      }
      out[y] += q[y] - moved;
    }
    return out;
  }

  /**
   * \( \mathrm{KL}(q \,\|\, p) = \sum_x q(x) \log(q(x)/p(x)) \) of two distributions on the same
   * cells (terms with \(q(x) = 0\) are zero; infinite where \(q > 0 = p\)).
   */
  public static double kl(double[] q, double[] p) {
    if (q.length != p.length) {
      throw new IllegalArgumentException(
          "q and p must have the same length, but have " + q.length + " and " + p.length);
    }
    double s = 0;
    for (int k = 0; k < q.length; k++) {
      if (q[k] > 0) {
        s += q[k] * Math.log(q[k] / p[k]);
      }
    }
    return s;
  }

  private double acceptance(int x, int y) {
    if (p[x] >= p[y]) {
      return 1;
    }
    return p[x] / p[y];
  }

  private double windowSize() {
    return (2 * radius + 1) * (2 * radius + 1) - 1;
  }

  private int[] neighbours(int y) {
    int r0 = y / cols;
    int c0 = y % cols;
    java.util.List<Integer> list = new java.util.ArrayList<>();
    for (int r = Math.max(0, r0 - radius); r <= Math.min(rows - 1, r0 + radius); r++) {
      for (int c = Math.max(0, c0 - radius); c <= Math.min(cols - 1, c0 + radius); c++) {
        if (r != r0 || c != c0) {
          list.add(r * cols + c);
        }
      }
    }
    return list.stream().mapToInt(Integer::intValue).toArray();
  }

  private static void checkDistribution(String name, double[] v) {
    double s = 0;
    for (int k = 0; k < v.length; k++) {
      if (!(v[k] >= 0) || Double.isInfinite(v[k])) {
        throw new IllegalArgumentException(
            name + "[" + k + "] must be finite and >= 0, but was " + v[k]);
      }
      s += v[k];
    }
    if (Math.abs(s - 1) > 1e-9) {
      throw new IllegalArgumentException(name + " must sum to 1, but sums to " + s);
    }
  }
}
