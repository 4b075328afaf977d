package vaecourse.priors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;

/**
 * A distribution \( p_\lambda(z) \) over latent codes of dimension \(P\). Implementations are DJL
 * blocks so that learnable parameters sit in the same block tree as the encoder and decoder and are
 * trained with them.
 */
public interface Prior {

  /** \(P\). */
  int latentDim();

  /**
   * \( \log p(z) \) of each row.
   *
   * @param z codes, shape {@code [batch, P]}
   * @return shape {@code [batch]}
   * @throws IllegalArgumentException if {@code z} is not {@code [batch, P]}
   */
  NDArray logProb(NDArray z);

  /**
   * Draws {@code n} codes with the engine's seeded generator, without gradients.
   *
   * @param manager the manager that owns the result
   * @param n how many, at least 1
   * @return shape {@code [n, P]}
   */
  NDArray sample(NDManager manager, int n);

  /** The block holding this prior's parameters (itself); it may hold none. */
  Block block();

  /** Whether this is exactly \(\mathcal{N}(0, I)\), so the KL term has a closed form. */
  default boolean isStandardNormal() {
    return false;
  }

  /** Throws unless {@code z} has shape {@code [batch, latentDim]}. */
  static void checkCodes(NDArray z, int latentDim) {
    if (z.getShape().dimension() != 2 || z.getShape().get(1) != latentDim) {
      throw new IllegalArgumentException(
          "z must have shape [batch, " + latentDim + "], but has shape " + z.getShape());
    }
  }
}
