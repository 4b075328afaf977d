package vaecourse.mcmc;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Convergence diagnostics of several chains as Stan computes them (Vehtari, Gelman, Simpson,
 * Carpenter and Bürkner, 2021, "Rank-normalization, folding, and localization: an improved \(\hat
 * R\) for assessing convergence of MCMC", Bayesian Analysis 16(2)), following the reference
 * implementation in the R package {@code posterior} ({@code rhat}, {@code ess_bulk}, {@code
 * ess_basic}).
 *
 * <p>Input is one coordinate of \(M\) chains, {@code chains[m][i]}, all of the same length \(N\).
 * "Split" means each chain is cut into its first and second half (the middle draw dropped when
 * \(N\) is odd), so that a chain that drifts shows up as two chains that disagree.
 */
public final class Diagnostics {

  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

  private Diagnostics() {}

  /**
   * Stan's \(\hat R\): the larger of the rank-normalized split \(\hat R\) of the draws (bulk) and
   * of their absolute deviations from the median (tails). Below 1.01 is the 2021 paper's advice.
   *
   * @throws IllegalArgumentException if there are fewer than 4 draws per chain or lengths differ
   */
  public static double rhat(double[][] chains) {
    double[][] split = split(chains);
    double bulk = basicRhat(rankNormalize(split));
    double tail = basicRhat(rankNormalize(fold(split)));
    return Math.max(bulk, tail);
  }

  /**
   * Bulk effective sample size: {@link #ess(double[][])} of the rank-normalized split chains.
   *
   * @throws IllegalArgumentException if there are fewer than 4 draws per chain or lengths differ
   */
  public static double essBulk(double[][] chains) {
    return ess(rankNormalize(split(chains)));
  }

  /**
   * Tail effective sample size: the smaller of the effective sample sizes of the indicators
   * \(\theta \le q_{0.05}\) and \(\theta \le q_{0.95}\) of the split chains.
   */
  public static double essTail(double[][] chains) {
    double[][] split = split(chains);
    double[] pooled = pool(split);
    Arrays.sort(pooled);
    double q05 = quantile(pooled, 0.05);
    double q95 = quantile(pooled, 0.95);
    return Math.min(ess(indicator(split, q05)), ess(indicator(split, q95)));
  }

  /**
   * Split \(\hat R\) without rank normalization (Gelman et al., BDA3, eq. 11.4 on split chains): \(
   * \hat R = \sqrt{\widehat{\mathrm{var}}^+ / W} \), \( \widehat{\mathrm{var}}^+ = \frac{N-1}{N}W +
   * \frac1N B \), with \(W\) the mean within-chain variance and \(B/N\) the variance of the chain
   * means, over the split chains.
   */
  public static double splitRhat(double[][] chains) {
    return basicRhat(split(chains));
  }

  /**
   * \(\hat R\) of the chains as given (no splitting, no ranks).
   *
   * @throws IllegalArgumentException if the chains are too short or differ in length
   */
  public static double basicRhat(double[][] chains) {
    check(chains, 2);
    if (chains.length < 2) {
      throw new IllegalArgumentException("basicRhat needs at least 2 chains, but got 1");
    }
    int m = chains.length;
    int n = chains[0].length;
    double[] means = new double[m];
    double w = 0;
    for (int c = 0; c < m; c++) {
      means[c] = mean(chains[c]);
      w += variance(chains[c], means[c]);
    }
    w /= m;
    double b = n * variance(means, mean(means));
    double varPlus = (n - 1.0) / n * w + b / n;
    return Math.sqrt(varPlus / w);
  }

  /**
   * Effective sample size of the chains as given, by Geyer's initial monotone sequence on the
   * autocorrelations combined across chains (Stan's {@code ess_basic} without the split; BDA3 eq.
   * 11.8 with \(\widehat{\mathrm{var}}^+\)). For \(M\) chains of \(N\) independent draws it is
   * about \(MN\); for an AR(1) chain with coefficient \(\phi\) about \(MN(1-\phi)/(1+\phi)\). At
   * most \(MN \log_{10}(MN)\).
   *
   * @throws IllegalArgumentException if the chains are too short or differ in length
   */
  public static double ess(double[][] chains) {
    check(chains, 4);
    int m = chains.length;
    int n = chains[0].length;
    double[] means = new double[m];
    double meanVar = 0;
    for (int c = 0; c < m; c++) {
      means[c] = mean(chains[c]);
      meanVar += autocovariance(chains[c], means[c], 0) * n / (n - 1.0);
    }
    meanVar /= m;
    double varPlus = meanVar * (n - 1.0) / n;
    if (m > 1) {
      varPlus += variance(means, mean(means));
    }
    if (!(varPlus > 0)) {
      return Double.NaN; // constant chains carry no information about a variance
    }
    double[] rho = new double[n];
    rho[0] = 1;
    double even = 1;
    double odd = 1 - (meanVar - meanAutocovariance(chains, means, 1)) / varPlus;
    rho[1] = odd;
    int t = 0;
    // Geyer's initial positive sequence: sums of adjacent pairs stay positive.
    while (t < n - 5 && even + odd > 0) {
      t += 2;
      even = 1 - (meanVar - meanAutocovariance(chains, means, t)) / varPlus;
      odd = 1 - (meanVar - meanAutocovariance(chains, means, t + 1)) / varPlus;
      if (even + odd >= 0) {
        rho[t] = even;
        rho[t + 1] = odd;
      }
    }
    int maxT = t;
    if (even > 0) {
      rho[maxT] = even;
    }
    // Geyer's initial monotone sequence: pair sums never increase.
    t = 0;
    while (t <= maxT - 4) {
      t += 2;
      if (rho[t] + rho[t + 1] > rho[t - 2] + rho[t - 1]) {
        rho[t] = (rho[t - 2] + rho[t - 1]) / 2;
        rho[t + 1] = rho[t];
      }
    }
    double total = (double) m * n;
    double sum = 0;
    for (int k = 0; k < maxT; k++) {
      sum += rho[k];
    }
    double tau = -1 + 2 * sum + rho[maxT];
    tau = Math.max(tau, 1 / Math.log10(total));
    return total / tau;
  }

  /** The chains cut in halves: \(2M\) chains of \(\lfloor N/2 \rfloor\) draws. */
  public static double[][] split(double[][] chains) {
    check(chains, 4);
    int n = chains[0].length;
    int half = n / 2;
    double[][] out = new double[2 * chains.length][];
    for (int c = 0; c < chains.length; c++) {
      out[2 * c] = Arrays.copyOfRange(chains[c], 0, half);
      out[2 * c + 1] = Arrays.copyOfRange(chains[c], n - half, n);
    }
    return out;
  }

  /**
   * Rank normalization: pooled ranks \(r\) (ties averaged) mapped to \(\Phi^{-1}((r - 3/8)/(S +
   * 1/4))\), \(S\) the number of draws; the shape of the input is kept.
   */
  public static double[][] rankNormalize(double[][] chains) {
    int m = chains.length;
    int n = chains[0].length;
    int total = m * n;
    Integer[] order = new Integer[total];
    double[] flat = pool(chains);
    for (int k = 0; k < total; k++) {
      order[k] = k;
    }
    Arrays.sort(order, (a, b) -> Double.compare(flat[a], flat[b]));
    double[] ranks = new double[total];
    int k = 0;
    while (k < total) {
      int end = k;
      while (end + 1 < total && flat[order[end + 1]] == flat[order[k]]) {
        end++;
      }
      double average = (k + end) / 2.0 + 1; // ranks start at 1
      for (int j = k; j <= end; j++) {
        ranks[order[j]] = average;
      }
      k = end + 1;
    }
    double[][] out = new double[m][n];
    for (int c = 0; c < m; c++) {
      for (int i = 0; i < n; i++) {
        double p = (ranks[c * n + i] - 0.375) / (total + 0.25);
        out[c][i] = STANDARD_NORMAL.inverseCumulativeProbability(p);
      }
    }
    return out;
  }

  private static double[][] fold(double[][] chains) {
    double[] pooled = pool(chains);
    Arrays.sort(pooled);
    double median = quantile(pooled, 0.5);
    double[][] out = new double[chains.length][];
    for (int c = 0; c < chains.length; c++) {
      out[c] = new double[chains[c].length];
      for (int i = 0; i < out[c].length; i++) {
        out[c][i] = Math.abs(chains[c][i] - median);
      }
    }
    return out;
  }

  private static double[][] indicator(double[][] chains, double q) {
    double[][] out = new double[chains.length][];
    for (int c = 0; c < chains.length; c++) {
      out[c] = new double[chains[c].length];
      for (int i = 0; i < out[c].length; i++) {
        out[c][i] = chains[c][i] <= q ? 1 : 0;
      }
    }
    return out;
  }

  /** Linear interpolation between order statistics (R's type 7) of sorted values. */
  private static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  private static double meanAutocovariance(double[][] chains, double[] means, int lag) {
    double s = 0;
    for (int c = 0; c < chains.length; c++) {
      s += autocovariance(chains[c], means[c], lag);
    }
    return s / chains.length;
  }

  /** \( \frac1N \sum_{i} (x_i - \bar x)(x_{i+t} - \bar x) \), the biased estimate Stan uses. */
  private static double autocovariance(double[] x, double mean, int lag) {
    double s = 0;
    for (int i = 0; i + lag < x.length; i++) {
      s += (x[i] - mean) * (x[i + lag] - mean);
    }
    return s / x.length;
  }

  private static double[] pool(double[][] chains) {
    int n = chains[0].length;
    double[] flat = new double[chains.length * n];
    for (int c = 0; c < chains.length; c++) {
      System.arraycopy(chains[c], 0, flat, c * n, n);
    }
    return flat;
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  private static double variance(double[] x, double mean) {
    double s = 0;
    for (double v : x) {
      s += (v - mean) * (v - mean);
    }
    return s / (x.length - 1);
  }

  private static void check(double[][] chains, int minLength) {
    if (chains == null || chains.length == 0) {
      throw new IllegalArgumentException("chains must hold at least one chain");
    }
    int n = chains[0].length;
    if (n < minLength) {
      throw new IllegalArgumentException(
          "each chain needs at least " + minLength + " draws, but chain 0 has " + n);
    }
    for (int c = 1; c < chains.length; c++) {
      if (chains[c].length != n) {
        throw new IllegalArgumentException(
            "all chains must have the same length, but chain "
                + c
                + " has "
                + chains[c].length
                + " draws and chain 0 has "
                + n);
      }
    }
    for (double[] chain : chains) {
      for (double v : chain) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("chains hold a non-finite draw: " + v);
        }
      }
    }
  }
}
