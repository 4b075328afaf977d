package vaecourse.distributions;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Independent Laplace distributions \( \mathrm{Lap}(m, b) \) with density \( \frac{1}{2b}
 * e^{-|z - m| / b} \), held as location and log-scale arrays of shape {@code [batch, dim]} (or any
 * shape that broadcasts, e.g. {@code [dim]} for a prior).
 *
 * @param loc locations \(m\)
 * @param logScale log-scales \(\log b\)
 */
public record Laplace(NDArray loc, NDArray logScale) {

  /** Keeps {@code |u|} strictly below 1/2 so the inverse CDF stays finite in float32. */
  private static final double U_MARGIN = 1e-6;

  /**
   * Checks the shapes.
   *
   * @throws IllegalArgumentException if the shapes cannot broadcast
   */
  public Laplace {
    Checks.broadcastable("logScale", logScale, "loc", loc);
  }

  /**
   * Like the constructor, and also rejects NaN.
   *
   * @throws IllegalArgumentException if shapes disagree or a value is NaN
   */
  public static Laplace of(NDArray loc, NDArray logScale) {
    Laplace d = new Laplace(loc, logScale);
    Checks.noNaN("loc", loc);
    Checks.noNaN("logScale", logScale);
    return d;
  }

  /** Scales \( b = e^{\log b} \). */
  public NDArray scale() {
    return logScale.exp();
  }

  /**
   * A reparameterized draw by inverting the CDF: with \( u \sim \mathcal{U}(-\tfrac12,
   * \tfrac12) \), \( z = m - b \operatorname{sign}(u) \log(1 - 2|u|) \). Gradients flow to both
   * parameters.
   *
   * @param shape the output shape; {@code loc} and {@code logScale} must broadcast to it
   * @return shape {@code shape}
   */
  public NDArray rsample(Shape shape) {
    NDArray u =
        loc.getManager()
            .randomUniform(-0.5f, 0.5f, shape, loc.getDataType())
            .clip(-0.5 + U_MARGIN, 0.5 - U_MARGIN);
    NDArray magnitude = u.abs().mul(-2).add(1).log();
    return u.sign().mul(magnitude).mul(scale()).neg().add(loc);
  }

  /** A reparameterized draw with the broadcast shape of the two parameters. */
  public NDArray rsample() {
    return rsample(broadcastShape());
  }

  /** A draw without gradients. */
  public NDArray sample(Shape shape) {
    return rsample(shape).stopGradient();
  }

  /**
   * \( \log p(z) \) summed over the last axis.
   *
   * @param z points, shape {@code [batch, dim]}
   * @return shape {@code [batch]}
   */
  public NDArray logProb(NDArray z) {
    return LogDensities.laplace(z, loc, logScale, Reduction.SUM);
  }

  /** Variance \( 2b^2 \). */
  public NDArray variance() {
    return logScale.mul(2).exp().mul(2);
  }

  private Shape broadcastShape() {
    Shape a = loc.getShape();
    Shape b = logScale.getShape();
    int n = Math.max(a.dimension(), b.dimension());
    long[] dims = new long[n];
    for (int i = 1; i <= n; i++) {
      long da = i <= a.dimension() ? a.get(a.dimension() - i) : 1;
      long db = i <= b.dimension() ? b.get(b.dimension() - i) : 1;
      dims[n - i] = Math.max(da, db);
    }
    return new Shape(dims);
  }
}
