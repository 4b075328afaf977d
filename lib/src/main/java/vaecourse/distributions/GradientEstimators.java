package vaecourse.distributions;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.function.Function;
import vaecourse.Constants;

/**
 * Per-sample Monte Carlo estimates of \( \nabla_{(\mu, \log\sigma^2)} \mathbb{E}_{q}[f(z)] \) for
 * one diagonal Gaussian \( q = \mathcal{N}(\mu, \operatorname{diag}\sigma^2) \), by two estimators:
 *
 * <ul>
 *   <li>reparameterization (pathwise): \( \nabla \, f(\mu + \sigma \odot \varepsilon) \), \(
 *       \varepsilon \sim \mathcal{N}(0, I) \);
 *   <li>score function (REINFORCE): \( f(z)\, \nabla \log q(z) \), \( z \sim q \).
 * </ul>
 *
 * Both are unbiased; their variances differ, which is what notebook 1 measures. Each row of the
 * result is one single-sample estimate, so the variance of an \(S\)-sample average is the row
 * variance divided by \(S\). Every row gets its own copy of the parameters, so one backward pass
 * yields all per-sample gradients.
 */
public final class GradientEstimators {

  private GradientEstimators() {}

  /**
   * Reparameterization estimates.
   *
   * @param mu the mean, shape {@code [dim]}
   * @param logVar the log-variance, shape {@code [dim]}
   * @param f a function of a batch of points {@code [samples, dim]} returning {@code [samples]}
   * @param samples how many single-sample estimates, at least 1
   * @return shape {@code [samples, 2 * dim]}: gradient w.r.t. \(\mu\), then w.r.t. \(\log\sigma^2\)
   * @throws IllegalArgumentException if the shapes disagree or {@code samples < 1}
   */
  public static NDArray reparameterization(
      NDArray mu, NDArray logVar, Function<NDArray, NDArray> f, int samples) {
    return estimate(mu, logVar, f, samples, true);
  }

  /**
   * Score-function estimates (the same layout as {@link #reparameterization}).
   *
   * @throws IllegalArgumentException if the shapes disagree or {@code samples < 1}
   */
  public static NDArray scoreFunction(
      NDArray mu, NDArray logVar, Function<NDArray, NDArray> f, int samples) {
    return estimate(mu, logVar, f, samples, false);
  }

  private static NDArray estimate(
      NDArray mu, NDArray logVar, Function<NDArray, NDArray> f, int samples, boolean pathwise) {
    Checks.rank("mu", mu, 1, "[dim]");
    Checks.sameShape("logVar", logVar, "mu", mu);
    Checks.positive("samples", samples);
    long dim = mu.getShape().get(0);
    NDManager owner = mu.getManager();
    try (NDManager tmp = owner.newSubManager()) {
      // One leaf copy of the parameters per sample.
      NDArray muRows = tmp.zeros(new Shape(samples, dim), mu.getDataType()).add(mu.stopGradient());
      NDArray lvRows =
          tmp.zeros(new Shape(samples, dim), mu.getDataType()).add(logVar.stopGradient());
      muRows.setRequiresGradient(true);
      lvRows.setRequiresGradient(true);
      NDArray eps = tmp.randomNormal(0f, 1f, new Shape(samples, dim), mu.getDataType());
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray z = eps.mul(Constants.times(lvRows, 0.5).exp()).add(muRows);
        NDArray objective;
        if (pathwise) {
          objective = f.apply(z).sum();
        } else {
          NDArray zFixed = z.stopGradient();
          NDArray weight = f.apply(zFixed).stopGradient();
          NDArray logQ = LogDensities.normalDiag(zFixed, muRows, lvRows, Reduction.SUM);
          objective = weight.mul(logQ).sum();
        }
        gc.backward(objective);
      }
      NDArray out = muRows.getGradient().concat(lvRows.getGradient(), 1);
      out.attach(owner);
      return out;
    }
  }
}
