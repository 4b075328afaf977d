package vaecourse.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.Arrays;
import java.util.Random;
import vaecourse.Constants;

/**
 * The banana posterior of seed 003, problem 3: \[ y_i \mid \theta \sim \mathcal N(\theta_1 +
 * \theta_2^2, \sigma_y^2),\ i = 1..n, \qquad \theta \sim \mathcal N(0, \sigma_\theta^2 I_2), \]
 * with \(\sigma_y = 2\), \(\sigma_\theta = 1\), \(n = 100\). The data depend on \(\theta\) only
 * through \(\theta_1 + \theta_2^2\), so the posterior piles up along the parabola \(\theta_1 = \bar
 * y - \theta_2^2\): a banana.
 *
 * <p>{@link #standard()} is the course's data set: {@code new Random(SEED)} draws \(\theta^\star\)
 * from the prior (two {@code nextGaussian()} calls), then the 100 observations \(y_i =
 * \theta^\star_1 + \theta^{\star 2}_2 + 2\varepsilon_i\) ({@code nextGaussian()} each). The seed
 * was picked among the first twenty so that \(\bar y\) is near 1, where the banana is clearly
 * curved; every other seed gives a data set of the same model.
 *
 * <p>The exact log evidence \(\log p(y)\) comes from {@link #logEvidence()} (a 2-D grid) and {@link
 * #logEvidenceOneDimensional()} (\(\theta_1\) integrated in closed form, then a 1-D grid). With it,
 * \(\log p(y) - \mathrm{ELBO}(q) = \mathrm{KL}(q \,\|\, p(\theta \mid y))\) exactly.
 */
public final class Banana {

  /** The seed of {@link #standard()}. */
  public static final long SEED = 18;

  /** Observations in {@link #standard()}. */
  public static final int N = 100;

  /** \(\sigma_y\). */
  public static final double SIGMA_Y = 2;

  /** \(\sigma_\theta\). */
  public static final double SIGMA_THETA = 1;

  /** The default grid of {@link #logEvidence()}: \(\theta_1 \in [-8, 5]\). */
  public static final double[] GRID_THETA1 = {-8, 5};

  /** The default grid of {@link #logEvidence()}: \(\theta_2 \in [-4.5, 4.5]\). */
  public static final double[] GRID_THETA2 = {-4.5, 4.5};

  /** The default grid spacing of {@link #logEvidence()} in both coordinates. */
  public static final double GRID_STEP = 0.005;

  private static final double LOG_2PI = Math.log(2 * Math.PI);

  private final double[] y;
  private final double[] thetaStar;
  private final double mean;
  private final double scatter;

  private Banana(double[] y, double[] thetaStar) {
    this.y = y;
    this.thetaStar = thetaStar;
    double s = 0;
    for (double v : y) {
      s += v;
    }
    mean = s / y.length;
    double ss = 0;
    for (double v : y) {
      ss += (v - mean) * (v - mean);
    }
    scatter = ss;
  }

  /** The course's data set: {@link #generate(long, int)} with {@link #SEED} and {@link #N}. */
  public static Banana standard() {
    return generate(SEED, N);
  }

  /**
   * Draws \(\theta^\star \sim \mathcal N(0, I)\) and then {@code n} observations from the model.
   *
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public static Banana generate(long seed, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1 observation, but was " + n);
    }
    Random rng = new Random(seed);
    double[] star = {SIGMA_THETA * rng.nextGaussian(), SIGMA_THETA * rng.nextGaussian()};
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = star[0] + star[1] * star[1] + SIGMA_Y * rng.nextGaussian();
    }
    return new Banana(y, star);
  }

  /**
   * A data set of given observations.
   *
   * @throws IllegalArgumentException if there are none or one is not finite
   */
  public static Banana of(double... y) {
    if (y == null || y.length == 0) {
      throw new IllegalArgumentException("y must hold at least one observation");
    }
    for (int i = 0; i < y.length; i++) {
      if (!Double.isFinite(y[i])) {
        throw new IllegalArgumentException("y[" + i + "] must be finite, but was " + y[i]);
      }
    }
    return new Banana(y.clone(), new double[] {Double.NaN, Double.NaN});
  }

  /** The observations, a copy. */
  public double[] y() {
    return y.clone();
  }

  /** The observations as a float32 array {@code [n]} on {@code manager}. */
  public NDArray y(ai.djl.ndarray.NDManager manager) {
    float[] f = new float[y.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) y[i];
    }
    return manager.create(f);
  }

  /** \(n\). */
  public int size() {
    return y.length;
  }

  /** \(\bar y\). */
  public double mean() {
    return mean;
  }

  /** The \(\theta^\star\) the data were drawn from (NaN for {@link #of}). */
  public double[] thetaStar() {
    return thetaStar.clone();
  }

  /**
   * \( \log p(y, \theta) = \sum_i \log \mathcal N(y_i; \theta_1 + \theta_2^2, \sigma_y^2) + \log
   * \mathcal N(\theta; 0, I) \), all constants included, from the sufficient statistics \(\bar y\)
   * and \(\sum_i (y_i - \bar y)^2\).
   */
  public double logJoint(double theta1, double theta2) {
    int n = y.length;
    double m = theta1 + theta2 * theta2;
    double sq = scatter + n * (mean - m) * (mean - m);
    double lik = -0.5 * n * (LOG_2PI + 2 * Math.log(SIGMA_Y)) - sq / (2 * SIGMA_Y * SIGMA_Y);
    double prior =
        -(LOG_2PI + 2 * Math.log(SIGMA_THETA))
            - (theta1 * theta1 + theta2 * theta2) / (2 * SIGMA_THETA * SIGMA_THETA);
    return lik + prior;
  }

  /**
   * {@link #logJoint(double, double)} at {@code theta} and its gradient, written into {@code grad}:
   * \( \partial/\partial\theta_1 = n(\bar y - m)/\sigma_y^2 - \theta_1 \), \(
   * \partial/\partial\theta_2 = 2\theta_2\, n(\bar y - m)/\sigma_y^2 - \theta_2 \) with \(m =
   * \theta_1 + \theta_2^2\) (for \(\sigma_\theta = 1\)). The signature is that of {@code
   * vaecourse.mcmc.LogDensity}: pass {@code banana::logJointAndGradient}.
   *
   * @param theta \((\theta_1, \theta_2)\)
   * @param grad receives the gradient (length 2)
   * @return \(\log p(y, \theta)\)
   */
  public double logJointAndGradient(double[] theta, double[] grad) {
    double t1 = theta[0];
    double t2 = theta[1];
    double residual = y.length * (mean - t1 - t2 * t2) / (SIGMA_Y * SIGMA_Y);
    double prec = 1 / (SIGMA_THETA * SIGMA_THETA);
    grad[0] = residual - prec * t1;
    grad[1] = 2 * t2 * residual - prec * t2;
    return logJoint(t1, t2);
  }

  /**
   * \(\log p(y, \theta)\) for a batch of points, with tensor ops (differentiable, for variational
   * inference): the sum over observations is written through the sufficient statistics.
   *
   * @param theta points, shape {@code [S, 2]}
   * @return shape {@code [S]}
   * @throws IllegalArgumentException if {@code theta} is not {@code [S, 2]}
   */
  public NDArray logJoint(NDArray theta) {
    if (theta.getShape().dimension() != 2 || theta.getShape().get(1) != 2) {
      throw new IllegalArgumentException(
          "theta must have shape [S, 2], but has shape " + theta.getShape());
    }
    int n = y.length;
    NDArray t1 = theta.get(new NDIndex(":, 0"));
    NDArray t2 = theta.get(new NDIndex(":, 1"));
    NDArray m = t1.add(t2.square());
    NDArray sq = Constants.times(m.sub(mean).square(), n).add(scatter);
    double likConst = -0.5 * n * (LOG_2PI + 2 * Math.log(SIGMA_Y));
    double priorConst = -(LOG_2PI + 2 * Math.log(SIGMA_THETA));
    NDArray prior =
        Constants.dividedBy(theta.square().sum(new int[] {1}), -2 * SIGMA_THETA * SIGMA_THETA);
    return Constants.dividedBy(sq, -2 * SIGMA_Y * SIGMA_Y).add(prior).add(likConst + priorConst);
  }

  /**
   * \(\log p(y)\) on the default grid: {@link #logEvidence(double[], double[], double)} with {@link
   * #GRID_THETA1}, {@link #GRID_THETA2} and {@link #GRID_STEP} (2601 x 1801 points). On {@link
   * #standard()} it agrees with {@link #logEvidenceOneDimensional()} to better than \(10^{-9}\)
   * nats (BananaTest); halving the step changes it by less than that.
   */
  public double logEvidence() {
    return logEvidence(GRID_THETA1, GRID_THETA2, GRID_STEP);
  }

  /**
   * \( \log p(y) = \log \iint p(y, \theta)\, d\theta \) by the trapezoidal rule on a rectangular
   * grid (in log space, so nothing underflows). The integrand is smooth and decays faster than a
   * Gaussian outside the box, so the rule converges fast once the step resolves the banana's width
   * (about \(\sigma_y/\sqrt n = 0.2\) across the parabola).
   *
   * @param theta1 \([\min, \max]\) of \(\theta_1\)
   * @param theta2 \([\min, \max]\) of \(\theta_2\)
   * @param step grid spacing, in both coordinates
   * @throws IllegalArgumentException if a range is empty or the step is not positive
   */
  public double logEvidence(double[] theta1, double[] theta2, double step) {
    checkRange("theta1", theta1);
    checkRange("theta2", theta2);
    if (!(step > 0) || Double.isInfinite(step)) {
      throw new IllegalArgumentException("step must be > 0 and finite, but was " + step);
    }
    int n1 = (int) Math.round((theta1[1] - theta1[0]) / step) + 1;
    int n2 = (int) Math.round((theta2[1] - theta2[0]) / step) + 1;
    double h1 = (theta1[1] - theta1[0]) / (n1 - 1);
    double h2 = (theta2[1] - theta2[0]) / (n2 - 1);
    // The mode of log p(y, theta) bounds every term, so a shift by it keeps the sum in range.
    double shift = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < n2; j++) {
      double t2 = theta2[0] + j * h2;
      double best = Math.max(theta1[0], Math.min(theta1[1], mean - t2 * t2));
      shift = Math.max(shift, logJoint(best, t2));
    }
    double sum = 0;
    for (int i = 0; i < n1; i++) {
      double t1 = theta1[0] + i * h1;
      double wi = (i == 0 || i == n1 - 1) ? 0.5 : 1;
      double row = 0;
      for (int j = 0; j < n2; j++) {
        double wj = (j == 0 || j == n2 - 1) ? 0.5 : 1;
        row += wj * Math.exp(logJoint(t1, theta2[0] + j * h2) - shift);
      }
      sum += wi * row;
    }
    return shift + Math.log(sum * h1 * h2);
  }

  /**
   * \(\log p(y)\) with \(\theta_1\) integrated in closed form: given \(\theta_2\), the likelihood
   * is a Gaussian in \(\theta_1\), and \[ p(y) = (2\pi\sigma_y^2)^{-n/2} e^{-\sum_i (y_i - \bar
   * y)^2/2\sigma_y^2} \sqrt{2\pi\sigma_y^2/n} \int \mathcal N(\theta_2; 0, 1)\, \mathcal N(\bar y -
   * \theta_2^2;\, 0,\, 1 + \sigma_y^2/n)\, d\theta_2 \] (for \(\sigma_\theta = 1\)); the last
   * integral is a 1-D trapezoidal rule on \([-10, 10]\) with 200,001 points, exact to rounding.
   */
  public double logEvidenceOneDimensional() {
    int n = y.length;
    double s2 = SIGMA_Y * SIGMA_Y;
    double v = SIGMA_THETA * SIGMA_THETA + s2 / n;
    int points = 200_001;
    double lo = -10;
    double h = 20.0 / (points - 1);
    double[] logs = new double[points];
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < points; j++) {
      double t2 = lo + j * h;
      double a = mean - t2 * t2;
      logs[j] = -0.5 * (LOG_2PI + t2 * t2) - 0.5 * (LOG_2PI + Math.log(v) + a * a / v);
      max = Math.max(max, logs[j]);
    }
    double sum = 0;
    for (int j = 0; j < points; j++) {
      double w = (j == 0 || j == points - 1) ? 0.5 : 1;
      sum += w * Math.exp(logs[j] - max);
    }
    double logConst =
        -0.5 * n * Math.log(2 * Math.PI * s2)
            - scatter / (2 * s2)
            + 0.5 * Math.log(2 * Math.PI * s2 / n);
    return logConst + max + Math.log(sum * h);
  }

  /**
   * The normalized posterior density on a grid of cell centres, row-major with \(\theta_2\)
   * fastest: entry {@code i * n2 + j} is the probability of the cell at \((\theta_1^{(i)},
   * \theta_2^{(j)})\), the values sum to one. For contour plots and exact computations on a grid.
   *
   * @param theta1 the \(\theta_1\) values, ascending
   * @param theta2 the \(\theta_2\) values, ascending
   */
  public double[] gridPosterior(double[] theta1, double[] theta2) {
    double[] p = new double[theta1.length * theta2.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < theta1.length; i++) {
      for (int j = 0; j < theta2.length; j++) {
        p[i * theta2.length + j] = logJoint(theta1[i], theta2[j]);
        max = Math.max(max, p[i * theta2.length + j]);
      }
    }
    double sum = 0;
    for (int k = 0; k < p.length; k++) {
      p[k] = Math.exp(p[k] - max);
      sum += p[k];
    }
    for (int k = 0; k < p.length; k++) {
      p[k] /= sum;
    }
    return p;
  }

  /** {@code count} evenly spaced values from {@code lo} to {@code hi}, both included. */
  public static double[] linspace(double lo, double hi, int count) {
    if (count < 2 || !(hi > lo)) {
      throw new IllegalArgumentException(
          "linspace needs count >= 2 and hi > lo, but got count "
              + count
              + ", lo "
              + lo
              + ", hi "
              + hi);
    }
    double[] v = new double[count];
    for (int i = 0; i < count; i++) {
      v[i] = lo + (hi - lo) * i / (count - 1);
    }
    return v;
  }

  private static void checkRange(String name, double[] r) {
    if (r == null || r.length != 2 || !(r[1] > r[0])) {
      throw new IllegalArgumentException(
          name + " must be {min, max} with max > min, but was " + Arrays.toString(r));
    }
  }

  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT, "banana data: n = %d, mean %.4f, sigma_y = 2", y.length, mean);
  }
}
