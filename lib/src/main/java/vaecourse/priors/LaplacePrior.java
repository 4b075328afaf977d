package vaecourse.priors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;
import vaecourse.distributions.Laplace;
import vaecourse.distributions.LogDensities;
import vaecourse.distributions.Reduction;
import vaecourse.distributions.Scopes;

/**
 * Independent Laplace coordinates \( p(z) = \prod_d \frac{1}{2\tau} e^{-|z_d| / \tau} \) (seed 004,
 * problem 4a). The scale \(\tau\) is fixed by default or learned ({@link #learnable}). There is no
 * closed-form KL from a Gaussian posterior, so a {@code Vae} with this prior uses the Monte Carlo
 * KL. Sampling uses the Laplace inverse-CDF reparameterization \( z = -\tau\,
 * \operatorname{sign}(u) \log(1 - 2|u|) \), \( u \sim \mathcal{U}(-\tfrac12, \tfrac12) \).
 */
public final class LaplacePrior extends PriorBlock {

  private final int latentDim;
  private final Parameter logScale;

  private LaplacePrior(int latentDim, double scale, boolean learn) {
    this.latentDim = latentDim;
    this.logScale =
        addParameter(
            Parameter.builder()
                .setName("logScale")
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(1))
                .optInitializer(new ConstantInitializer((float) Math.log(scale)))
                .optRequiresGrad(learn)
                .build());
  }

  /**
   * A Laplace prior with fixed scale \(\tau\).
   *
   * @throws IllegalArgumentException if {@code latentDim < 1} or the scale is not finite and
   *     positive
   */
  public static LaplacePrior of(int latentDim, double scale) {
    return create(latentDim, scale, false);
  }

  /**
   * A Laplace prior whose scale starts at {@code initialScale} and is trained with the model.
   *
   * @throws IllegalArgumentException as {@link #of}
   */
  public static LaplacePrior learnable(int latentDim, double initialScale) {
    return create(latentDim, initialScale, true);
  }

  private static LaplacePrior create(int latentDim, double scale, boolean learn) {
    if (latentDim <= 0) {
      throw new IllegalArgumentException("latentDim must be > 0, but was " + latentDim);
    }
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("scale must be finite and > 0, but was " + scale);
    }
    return new LaplacePrior(latentDim, scale, learn);
  }

  @Override
  public int latentDim() {
    return latentDim;
  }

  /** The current \(\tau\). */
  public double scale() {
    return Math.exp(array().toArray()[0].doubleValue());
  }

  private NDArray array() {
    if (!logScale.isInitialized()) {
      throw new IllegalStateException(
          "the Laplace prior is not initialized: build the Vae (or call initialize) first");
    }
    return logScale.getArray();
  }

  @Override
  public NDArray logProb(NDArray z) {
    Prior.checkCodes(z, latentDim);
    return Scopes.keep(
        z.getManager(), () -> LogDensities.laplace(z, z.zerosLike(), array(), Reduction.SUM));
  }

  @Override
  public NDArray sample(NDManager manager, int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("n must be > 0, but was " + n);
    }
    try (NDManager tmp = manager.newSubManager()) {
      NDArray ls = array().stopGradient();
      ls.attach(tmp);
      NDArray loc = tmp.zeros(new Shape(1), ls.getDataType());
      NDArray z = new Laplace(loc, ls).rsample(new Shape(n, latentDim));
      z.attach(manager);
      return z;
    }
  }
}
