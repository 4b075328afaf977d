package vaecourse.nn;

import ai.djl.ndarray.NDArray;

/** Element-wise activation functions used between layers. */
public enum Nonlinearity {
  /** \( \max(x, 0) \). */
  RELU,
  /** \( \tanh x \). */
  TANH,
  /** \( \max(x, 0.2x) \), as in DCGAN discriminators. */
  LEAKY_RELU,
  /** \( 1 / (1 + e^{-x}) \). */
  SIGMOID,
  /** \( x \). */
  IDENTITY;

  /** Slope of {@link #LEAKY_RELU} for negative inputs. */
  public static final double LEAKY_SLOPE = 0.2;

  /**
   * Applies the function.
   *
   * @param x any array
   * @return same shape
   */
  public NDArray apply(NDArray x) {
    switch (this) {
      case RELU:
        return x.maximum(0);
      case TANH:
        return x.tanh();
      case LEAKY_RELU:
        return x.maximum(x.mul(LEAKY_SLOPE));
      case SIGMOID:
        return x.getNDArrayInternal().sigmoid();
      default:
        return x;
    }
  }
}
