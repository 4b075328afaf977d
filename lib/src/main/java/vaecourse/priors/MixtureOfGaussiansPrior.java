package vaecourse.priors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;
import vaecourse.distributions.LogDensities;
import vaecourse.distributions.Scopes;

/**
 * A learnable mixture of \(K\) diagonal Gaussians, \( p_\lambda(z) = \sum_k \pi_k \mathcal{N}(z;
 * \mu_k, \operatorname{diag}\sigma_k^2) \) with \( \pi = \operatorname{softmax}(w) \). Parameters:
 * weight logits \(w\) {@code [K]} (initially 0), means {@code [K, P]} (initially \(\mathcal{N}(0,
 * 1)\) from the engine's seeded generator) and log-variances {@code [K, P]} (initially 0). Forward
 * maps {@code z} to {@code log p(z)}.
 */
public final class MixtureOfGaussiansPrior extends PriorBlock {

  private final int latentDim;
  private final int components;
  private final Parameter weightLogits;
  private final Parameter means;
  private final Parameter logVars;

  private MixtureOfGaussiansPrior(int latentDim, int components, double meanInitSigma) {
    this.latentDim = latentDim;
    this.components = components;
    weightLogits =
        addParameter(param("weightLogits", new Shape(components), new ConstantInitializer(0f)));
    means =
        addParameter(
            param(
                "means",
                new Shape(components, latentDim),
                new NormalInitializer((float) meanInitSigma)));
    logVars =
        addParameter(
            param("logVars", new Shape(components, latentDim), new ConstantInitializer(0f)));
  }

  private static Parameter param(
      String name, Shape shape, ai.djl.training.initializer.Initializer init) {
    return Parameter.builder()
        .setName(name)
        .setType(Parameter.Type.OTHER)
        .optShape(shape)
        .optInitializer(init)
        .build();
  }

  /**
   * A mixture of {@code components} Gaussians in {@code latentDim} dimensions, means initialized
   * from \(\mathcal{N}(0, 1)\) (seed 000 uses K = 10).
   *
   * @throws IllegalArgumentException if a size is not positive
   */
  public static MixtureOfGaussiansPrior of(int latentDim, int components) {
    return of(latentDim, components, 1.0);
  }

  /**
   * Like {@link #of(int, int)} with a chosen standard deviation for the initial means.
   *
   * @throws IllegalArgumentException if a size or the sigma is not positive
   */
  public static MixtureOfGaussiansPrior of(int latentDim, int components, double meanInitSigma) {
    if (latentDim <= 0) {
      throw new IllegalArgumentException("latentDim must be > 0, but was " + latentDim);
    }
    if (components <= 0) {
      throw new IllegalArgumentException("components must be > 0, but was " + components);
    }
    if (!(meanInitSigma > 0) || Double.isInfinite(meanInitSigma)) {
      throw new IllegalArgumentException(
          "meanInitSigma must be finite and > 0, but was " + meanInitSigma);
    }
    return new MixtureOfGaussiansPrior(latentDim, components, meanInitSigma);
  }

  @Override
  public int latentDim() {
    return latentDim;
  }

  /** \(K\). */
  public int components() {
    return components;
  }

  /** Mixture weights \(\pi\), shape {@code [K]}. */
  public NDArray weights() {
    return array(weightLogits).softmax(0);
  }

  /** Component means, shape {@code [K, P]}. */
  public NDArray means() {
    return array(means);
  }

  /** Component log-variances, shape {@code [K, P]}. */
  public NDArray logVars() {
    return array(logVars);
  }

  private NDArray array(Parameter p) {
    if (!p.isInitialized()) {
      throw new IllegalStateException(
          "the mixture prior is not initialized: build the Vae (or call initialize) first");
    }
    return p.getArray();
  }

  @Override
  public NDArray logProb(NDArray z) {
    Prior.checkCodes(z, latentDim);
    return Scopes.keep(
        z.getManager(),
        () ->
            LogDensities.mixtureOfGaussians(z, array(weightLogits), array(means), array(logVars)));
  }

  /**
   * Ancestral sampling: a component \(k \sim \pi\) by inverting the cumulative weights at a uniform
   * draw, then \( z = \mu_k + \sigma_k \varepsilon \).
   */
  @Override
  public NDArray sample(NDManager manager, int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("n must be > 0, but was " + n);
    }
    try (NDManager tmp = manager.newSubManager()) {
      NDArray w = detached(weightLogits, tmp);
      NDArray mu = detached(means, tmp);
      NDArray sd = detached(logVars, tmp).mul(0.5).exp();
      NDArray cdf = w.softmax(0).cumSum(0).reshape(1, components);
      NDArray u = tmp.randomUniform(0f, 1f, new Shape(n, 1), mu.getDataType());
      // Index = number of cumulative weights below u, clipped against round-off at the top.
      NDArray k =
          u.gt(cdf).toType(DataType.INT64, false).sum(new int[] {1}).clip(0, components - 1);
      NDArray oneHot = k.oneHot(components).toType(mu.getDataType(), false);
      NDArray eps = tmp.randomNormal(0f, 1f, new Shape(n, latentDim), mu.getDataType());
      NDArray z = eps.mul(oneHot.matMul(sd)).add(oneHot.matMul(mu));
      z.attach(manager);
      return z;
    }
  }

  /** A gradient-free view of a parameter, owned by {@code owner}. */
  private NDArray detached(Parameter p, NDManager owner) {
    NDArray a = array(p).stopGradient();
    a.attach(owner);
    return a;
  }
}
