package vaecourse.distributions;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import vaecourse.Constants;

/**
 * A Gaussian with diagonal covariance, \( \mathcal{N}(\mu, \operatorname{diag}\sigma^2) \), one per
 * row: both arrays have shape {@code [batch, dim]}. The variance is held as \(\log\sigma^2\) so
 * that any real network output is a valid parameter.
 *
 * @param mu means, shape {@code [batch, dim]}
 * @param logVar log-variances, same shape as {@code mu}
 */
public record DiagonalGaussian(NDArray mu, NDArray logVar) {

  /**
   * Checks the shapes.
   *
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException if the shapes differ or have no axes
   */
  public DiagonalGaussian {
    Checks.sameShape("logVar", logVar, "mu", mu);
    if (mu.getShape().dimension() == 0) {
      throw new IllegalArgumentException("mu must have at least one axis [dim], but is a scalar");
    }
  }

  /**
   * Like the constructor, and also rejects NaN in either array (a host round trip; use at entry
   * points).
   *
   * @throws IllegalArgumentException if shapes differ or a value is NaN
   */
  public static DiagonalGaussian of(NDArray mu, NDArray logVar) {
    DiagonalGaussian q = new DiagonalGaussian(mu, logVar);
    Checks.noNaN("mu", mu);
    Checks.noNaN("logVar", logVar);
    return q;
  }

  /** Standard deviations \( \sigma = e^{\log\sigma^2 / 2} \), shape {@code [batch, dim]}. */
  public NDArray std() {
    return Constants.times(logVar, 0.5).exp();
  }

  /** The shape of one draw, {@code [batch, dim]}. */
  public Shape shape() {
    return mu.getShape();
  }

  /**
   * A reparameterized draw \( z = \mu + \sigma \odot \varepsilon \), \( \varepsilon \sim
   * \mathcal{N}(0, I) \) from the engine's seeded generator; gradients flow to {@code mu} and
   * {@code logVar} (Kingma and Welling, 2014).
   *
   * @return shape {@code [batch, dim]}
   */
  public NDArray rsample() {
    NDArray eps = mu.getManager().randomNormal(0f, 1f, mu.getShape(), mu.getDataType());
    return eps.mul(std()).add(mu);
  }

  /**
   * {@code samples} reparameterized draws at once.
   *
   * @param samples how many draws per row, at least 1
   * @return shape {@code [samples, batch, dim]}
   * @throws IllegalArgumentException if {@code samples < 1}
   */
  public NDArray rsample(int samples) {
    Checks.positive("samples", samples);
    Shape shape = new Shape(samples).addAll(mu.getShape());
    NDArray eps = mu.getManager().randomNormal(0f, 1f, shape, mu.getDataType());
    return eps.mul(std()).add(mu);
  }

  /** A draw without gradients, shape {@code [batch, dim]}. */
  public NDArray sample() {
    return rsample().stopGradient();
  }

  /**
   * \( \log q(z) = \sum_d \log \mathcal{N}(z_d; \mu_d, \sigma_d^2) \).
   *
   * @param z points, shape {@code [batch, dim]} or {@code [samples, batch, dim]}
   * @return shape {@code z} without its last axis
   */
  public NDArray logProb(NDArray z) {
    return LogDensities.normalDiag(z, mu, logVar, Reduction.SUM);
  }

  /**
   * Closed-form \( \mathrm{KL}(q \,\|\, \mathcal{N}(0, I)) = \tfrac12 \sum_d (\mu_d^2 + \sigma_d^2
   * - 1 - \log\sigma_d^2) \).
   *
   * @return shape {@code [batch]}
   */
  public NDArray klToStandardNormal() {
    return KlDivergence.diagonalToStandardNormal(mu, logVar);
  }

  /**
   * Closed-form \( \mathrm{KL}(\text{this} \,\|\, p) \) between two diagonal Gaussians.
   *
   * @param p the second distribution, shape broadcastable to this one
   * @return shape {@code [batch]}
   */
  public NDArray kl(DiagonalGaussian p) {
    return KlDivergence.diagonal(mu, logVar, p.mu(), p.logVar());
  }

  /** Entropy \( \tfrac12 \sum_d (1 + \log 2\pi + \log\sigma_d^2) \), shape {@code [batch]}. */
  public NDArray entropy() {
    return Constants.times(logVar.add(1 + LogDensities.LOG_2PI), 0.5).sum(new int[] {-1});
  }
}
