package vaecourse.vae;

import java.util.Locale;

/**
 * The importance-weighted bound \(\mathcal{L}_K\) of every example of a data set, with its mean and
 * the standard error of that mean, \( \hat s / \sqrt n \) (the spread between examples, which also
 * holds the Monte Carlo noise of each example's estimate).
 *
 * @param k the number of importance samples
 * @param values \(\mathcal{L}_K\) of each example, nats
 * @param seconds the wall-clock time the evaluation took
 */
public record BoundEstimate(int k, double[] values, double seconds) {

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if {@code k < 1} or there are no values
   */
  public BoundEstimate {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, but was " + k);
    }
    if (values == null || values.length == 0) {
      throw new IllegalArgumentException("values must hold at least one example");
    }
  }

  /** The number of examples. */
  public int size() {
    return values.length;
  }

  /** The mean bound over the examples, nats. */
  public double mean() {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  /** The standard error of {@link #mean} (0 for a single example). */
  public double standardError() {
    int n = values.length;
    if (n < 2) {
      return 0;
    }
    double m = mean();
    double ss = 0;
    for (double v : values) {
      ss += (v - m) * (v - m);
    }
    return Math.sqrt(ss / (n - 1) / n);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "L_%d = %.2f +- %.2f nats (%d examples, %.1f s)",
        k,
        mean(),
        standardError(),
        values.length,
        seconds);
  }
}
