package vaecourse.grading;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * The one-sample Kolmogorov-Smirnov test: does a sample come from a continuous distribution with
 * CDF \(F\)? The statistic is the largest distance between the empirical CDF and \(F\), \[ D_n =
 * \sup_z |F_n(z) - F(z)| = \max_{i} \max\left(\tfrac{i}{n} - F(z_{(i)}),\; F(z_{(i)}) -
 * \tfrac{i-1}{n}\right), \] over the sorted sample \(z_{(1)} \le \dots \le z_{(n)}\). Under the
 * null hypothesis \(\sqrt{n} D_n\) tends to the Kolmogorov distribution, \( P(\sqrt n D_n > t) \to
 * 2\sum_{j \ge 1} (-1)^{j-1} e^{-2 j^2 t^2} \); the p-value uses Stephens' finite-sample correction
 * \( t = D_n(\sqrt n + 0.12 + 0.11/\sqrt n) \) (Stephens 1970, accurate for \(n \ge 5\)).
 */
public final class KolmogorovSmirnov {

  private KolmogorovSmirnov() {}

  /**
   * The statistic \(D_n\).
   *
   * @param sample the draws (not changed)
   * @param cdf the hypothesized CDF
   * @return \(D_n \in [0, 1]\)
   * @throws IllegalArgumentException if the sample is empty or holds NaN
   */
  public static double statistic(double[] sample, DoubleUnaryOperator cdf) {
    if (sample.length == 0) {
      throw new IllegalArgumentException("sample must not be empty");
    }
    double[] z = sample.clone();
    Arrays.sort(z);
    if (Double.isNaN(z[z.length - 1])) {
      throw new IllegalArgumentException("sample must not contain NaN");
    }
    int n = z.length;
    double d = 0;
    for (int i = 0; i < n; i++) {
      double f = cdf.applyAsDouble(z[i]);
      d = Math.max(d, Math.max((i + 1.0) / n - f, f - (double) i / n));
    }
    return d;
  }

  /**
   * The statistic \(D_n\) of all values of an array (any shape).
   *
   * @throws IllegalArgumentException if the array is empty or holds NaN
   */
  public static double statistic(NDArray sample, DoubleUnaryOperator cdf) {
    return statistic(toDoubles(sample), cdf);
  }

  /**
   * The asymptotic p-value \(P(D_n \ge d)\) under the null hypothesis.
   *
   * @param d the statistic
   * @param n the sample size, at least 1
   * @return a probability in \([0, 1]\)
   */
  public static double pValue(double d, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, but was " + n);
    }
    double sqrtN = Math.sqrt(n);
    double t = d * (sqrtN + 0.12 + 0.11 / sqrtN);
    if (t < 0.2) {
      return 1;
    }
    double sum = 0;
    for (int j = 1; j <= 100; j++) {
      double term = Math.exp(-2.0 * j * j * t * t);
      sum += (j % 2 == 1 ? term : -term);
      if (term < 1e-16) {
        break;
      }
    }
    return Math.max(0, Math.min(1, 2 * sum));
  }

  /**
   * {@link #assertFits(String, double[], DoubleUnaryOperator, double)} for all values of an array.
   *
   * @throws AssertionError if the p-value is below {@code alpha}
   */
  public static void assertFits(
      String what, NDArray sample, DoubleUnaryOperator cdf, double alpha) {
    assertFits(what, toDoubles(sample), cdf, alpha);
  }

  private static double[] toDoubles(NDArray a) {
    float[] f = a.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  /**
   * Asserts that the test does not reject the sample at level {@code alpha}.
   *
   * @param what what the sample is, for the message
   * @param sample the draws
   * @param cdf the hypothesized CDF
   * @param alpha the level, e.g. 0.001
   * @throws AssertionError if the p-value is below {@code alpha}
   */
  public static void assertFits(
      String what, double[] sample, DoubleUnaryOperator cdf, double alpha) {
    double d = statistic(sample, cdf);
    double p = pValue(d, sample.length);
    if (p < alpha) {
      throw new AssertionError(
          String.format(
              Locale.ROOT,
              "%s: Kolmogorov-Smirnov statistic D = %.4f for n = %d has p-value %.2g < %.2g:"
                  + " the draws do not follow the expected distribution",
              what,
              d,
              sample.length,
              p,
              alpha));
    }
  }
}
