package vaecourse.distributions;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import vaecourse.Constants;

/**
 * Independent Laplace distributions \( \mathrm{Lap}(m, b) \) with density \( \frac{1}{2b} e^{-|z -
 * m| / b} \), held as location and log-scale arrays of shape {@code [batch, dim]} (or any shape
 * that broadcasts, e.g. {@code [dim]} for a prior).
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
   * A reparameterized draw by inverting the CDF: with \( u \sim \mathcal{U}(-\tfrac12, \tfrac12)
   * \), \( z = m - b \operatorname{sign}(u) \log(1 - 2|u|) \). Gradients flow to both parameters.
   *
   * @param shape the output shape; {@code loc} and {@code logScale} must broadcast to it
   * @return shape {@code shape}
   */
  public NDArray rsample(Shape shape) {
    NDArray u =
        loc.getManager()
            .randomUniform(-0.5f, 0.5f, shape, loc.getDataType())
            .clip(-0.5 + U_MARGIN, 0.5 - U_MARGIN);
    NDArray magnitude = Constants.times(u.abs(), -2).add(1).log();
    return u.sign().mul(magnitude).mul(scale()).neg().add(loc);
  }

  /**
   * A reparameterized draw as a difference of two exponentials: with \( e_1, e_2 \sim
   * \mathrm{Exp}(1) \) independent, \( e_i = -\log u_i \), \( u_i \sim \mathcal{U}(0, 1) \), the
   * difference \( e_1 - e_2 \) is \( \mathrm{Lap}(0, 1) \) (its characteristic function is \(
   * \frac{1}{1 - it} \cdot \frac{1}{1 + it} = \frac{1}{1 + t^2} \)), so \( z = m + b (e_1 - e_2)
   * \). Unlike the inverse CDF it has no branch on a sign; gradients flow to both parameters.
   *
   * @param shape the output shape; {@code loc} and {@code logScale} must broadcast to it
   * @return shape {@code shape}
   */
  public NDArray rsampleFromExponentials(Shape shape) {
    NDArray e1 = exponential(shape);
    NDArray e2 = exponential(shape);
    return e1.sub(e2).mul(scale()).add(loc);
  }

  private NDArray exponential(Shape shape) {
    // u in (0, 1]: 1 - U[0, 1) never reaches 0, so -log u stays finite.
    NDArray u = loc.getManager().randomUniform(0f, 1f, shape, loc.getDataType()).neg().add(1);
    return u.clip(U_MARGIN, 1).log().neg();
  }

  /**
   * The cumulative distribution function \( F(z) = \tfrac12 + \tfrac12 \operatorname{sign}(z - m)
   * (1 - e^{-|z - m| / b}) \) of one Laplace law, for tests of samplers.
   *
   * @param z the point
   * @param loc the location \(m\)
   * @param scale the scale \(b\), positive
   * @return \( P(Z \le z) \)
   * @throws IllegalArgumentException if {@code scale} is not positive and finite
   */
  public static double cdf(double z, double loc, double scale) {
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("scale must be finite and > 0, but was " + scale);
    }
    double d = z - loc;
    double tail = 0.5 * Math.exp(-Math.abs(d) / scale);
    return d < 0 ? tail : 1 - tail;
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
    return Constants.times(Constants.times(logScale, 2).exp(), 2);
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
