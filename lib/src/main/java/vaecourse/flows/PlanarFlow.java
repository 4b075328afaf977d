package vaecourse.flows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import vaecourse.distributions.LogDensities;

/**
 * Planar flow (Rezende and Mohamed, 2015): \( f(z) = z + \hat u \tanh(w^\top z + b) \) with \(
 * \log|\det J| = \log|1 + \hat u^\top \psi(z)| \), \( \psi(z) = (1 - \tanh^2(w^\top z + b))\, w \).
 * The constraint \( \hat u = u + (m(w^\top u) - w^\top u)\, w / \|w\|^2 \), \( m(a) = -1 +
 * \log(1 + e^a) \), guarantees \( w^\top \hat u \ge -1 \), so \(f\) is invertible; but the inverse
 * has no closed form, so this layer runs <em>forward only</em>: {@link #inverse} throws. Use it
 * where densities are needed only at points the flow itself produced (variational inference), not
 * as a prior that must score arbitrary codes. Parameters \(u, w \in \mathbb{R}^D\), \(b \in
 * \mathbb{R}\) start from \(\mathcal{N}(0, 0.1^2)\).
 */
public final class PlanarFlow extends Flow {

  /** Standard deviation of the initial parameters. */
  public static final float INIT_SIGMA = 0.1f;

  private final Parameter u;
  private final Parameter w;
  private final Parameter b;

  private PlanarFlow(int dim) {
    super(dim);
    u = addParameter(param("u", new Shape(dim)));
    w = addParameter(param("w", new Shape(dim)));
    b = addParameter(param("b", new Shape(1)));
  }

  private static Parameter param(String name, Shape shape) {
    return Parameter.builder()
        .setName(name)
        .setType(Parameter.Type.OTHER)
        .optShape(shape)
        .optInitializer(new NormalInitializer(INIT_SIGMA))
        .build();
  }

  /**
   * A planar layer on {@code dim} coordinates.
   *
   * @throws IllegalArgumentException if {@code dim < 1}
   */
  public static PlanarFlow of(int dim) {
    return new PlanarFlow(dim);
  }

  @Override
  public boolean isInvertible() {
    return false;
  }

  /**
   * The constrained \(\hat u\) for given \(u, w\).
   *
   * @param uu \(u\), shape {@code [dim]}
   * @param ww \(w\), shape {@code [dim]}
   * @return \(\hat u\), shape {@code [dim]}
   */
  public static NDArray uHat(NDArray uu, NDArray ww) {
    NDArray wu = ww.mul(uu).sum();
    NDArray m = LogDensities.softplus(wu).sub(1);
    return uu.add(ww.mul(m.sub(wu).div(ww.square().sum())));
  }

  @Override
  public FlowStep forward(ParameterStore ps, NDArray z, boolean training) {
    checkInput("z", z);
    NDArray uu = ps.getValue(u, z.getDevice(), training);
    NDArray ww = ps.getValue(w, z.getDevice(), training);
    NDArray bb = ps.getValue(b, z.getDevice(), training);
    NDArray hat = uHat(uu, ww);
    // a = w^T z + b per row, [batch, 1].
    NDArray a = z.matMul(ww.reshape(dim(), 1)).add(bb);
    NDArray h = a.tanh();
    NDArray out = z.add(h.mul(hat.reshape(1, dim())));
    // 1 + u_hat^T psi(z) = 1 + (1 - tanh^2 a) (w^T u_hat).
    NDArray det = h.square().neg().add(1).mul(ww.mul(hat).sum()).add(1);
    return new FlowStep(out, det.abs().log().reshape(z.getShape().get(0)));
  }

  /**
   * Not available: a planar flow has no closed-form inverse.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public FlowStep inverse(ParameterStore ps, NDArray y, boolean training) {
    throw new UnsupportedOperationException(
        "PlanarFlow has no closed-form inverse: use it forward only (for example as a variational"
            + " posterior), or use AffineCoupling / AdditiveCoupling where densities of arbitrary"
            + " points are needed");
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {}
}
