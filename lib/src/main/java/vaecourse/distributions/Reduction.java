package vaecourse.distributions;

import ai.djl.ndarray.NDArray;

/**
 * How an element-wise log-density is reduced over the <em>last</em> (feature) axis.
 *
 * <p>An array of shape {@code [batch, dim]} becomes {@code [batch]} under {@link #SUM} and {@link
 * #MEAN} and stays {@code [batch, dim]} under {@link #NONE}. Images should be flattened to {@code
 * [batch, pixels]} first, since only one axis is reduced.
 */
public enum Reduction {
  /** Keep one value per element. */
  NONE,
  /** Sum over the last axis: the log-density of independent coordinates. */
  SUM,
  /** Average over the last axis. */
  MEAN;

  /**
   * Applies this reduction to an element-wise log-density.
   *
   * @param values element-wise values, shape {@code [..., dim]}
   * @return {@code values} itself, or its sum or mean over the last axis
   */
  public NDArray apply(NDArray values) {
    switch (this) {
      case SUM:
        return values.sum(new int[] {-1});
      case MEAN:
        return values.mean(new int[] {-1});
      default:
        return values;
    }
  }
}
