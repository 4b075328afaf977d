package vaecourse.priors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import vaecourse.distributions.LogDensities;
import vaecourse.distributions.Reduction;

/** \( p(z) = \mathcal{N}(0, I_P) \); no parameters. Forward maps {@code z} to {@code log p(z)}. */
public final class StandardNormalPrior extends PriorBlock {

  private final int latentDim;

  private StandardNormalPrior(int latentDim) {
    this.latentDim = latentDim;
  }

  /**
   * A standard normal over {@code latentDim} coordinates.
   *
   * @throws IllegalArgumentException if {@code latentDim < 1}
   */
  public static StandardNormalPrior of(int latentDim) {
    if (latentDim <= 0) {
      throw new IllegalArgumentException("latentDim must be > 0, but was " + latentDim);
    }
    return new StandardNormalPrior(latentDim);
  }

  @Override
  public int latentDim() {
    return latentDim;
  }

  @Override
  public NDArray logProb(NDArray z) {
    Prior.checkCodes(z, latentDim);
    return LogDensities.standardNormal(z, Reduction.SUM);
  }

  @Override
  public NDArray sample(NDManager manager, int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("n must be > 0, but was " + n);
    }
    return manager.randomNormal(new Shape(n, latentDim));
  }

  @Override
  public boolean isStandardNormal() {
    return true;
  }
}
