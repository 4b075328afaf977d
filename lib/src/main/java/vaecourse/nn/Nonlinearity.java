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
        // The engine's own ReLU: its gradient is one threshold, where max(x, 0) costs a comparison,
        // a select and a fill per element on the way back.
        return x.getNDArrayInternal().relu();
      case TANH:
        return x.tanh();
      case LEAKY_RELU:
        return x.getNDArrayInternal().leakyRelu((float) LEAKY_SLOPE);
      case SIGMOID:
        return x.getNDArrayInternal().sigmoid();
      default:
        return x;
    }
  }
}
