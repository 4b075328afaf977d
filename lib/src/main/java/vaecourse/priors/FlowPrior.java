package vaecourse.priors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import vaecourse.distributions.Scopes;
import vaecourse.flows.Flow;
import vaecourse.flows.FlowSequence;
import vaecourse.flows.FlowStep;
import vaecourse.flows.NormalizingFlow;

/**
 * A learnable normalizing-flow prior \( z = f(\varepsilon) \), \( \varepsilon \sim \mathcal{N}(0,
 * I) \), with an invertible \(f\) so that both directions are exact: sampling applies \(f\), and
 * the density of any code uses \(f^{-1}\), \[ \log p(z) = \log \mathcal{N}(f^{-1}(z); 0, I) +
 * \log|\det \partial f^{-1}(z) / \partial z|. \] A prior built from planar layers cannot do this
 * (they have no closed-form inverse, and applying the forward map to \(z\) again, as is sometimes
 * seen, computes a different density), so such flows are rejected here. Forward maps {@code z} to
 * {@code log p(z)}.
 */
public final class FlowPrior extends PriorBlock {

  private final Flow flow;
  private final NormalizingFlow density;

  private FlowPrior(Flow flow) {
    this.flow = addChildBlock("flow", flow);
    this.density = NormalizingFlow.of(flow);
  }

  /**
   * A prior from an invertible flow.
   *
   * @throws IllegalArgumentException if the flow has no closed-form inverse
   */
  public static FlowPrior of(Flow flow) {
    if (!flow.isInvertible()) {
      throw new IllegalArgumentException(
          "flow must be invertible for an exact prior density, but "
              + flow.getClass().getSimpleName()
              + " contains a forward-only layer (PlanarFlow)");
    }
    return new FlowPrior(flow);
  }

  /**
   * A RealNVP prior: {@code layers} affine coupling layers with alternating masks, each with an MLP
   * of two {@code hidden}-unit tanh layers. It starts as the identity, i.e. \(\mathcal{N}(0, I)\).
   *
   * @throws IllegalArgumentException if {@code latentDim < 2} or a size is not positive
   */
  public static FlowPrior realNvp(int latentDim, int layers, int hidden) {
    return of(FlowSequence.realNvp(latentDim, layers, hidden));
  }

  /** The flow \(f\) from base noise to codes. */
  public Flow flow() {
    return flow;
  }

  @Override
  public int latentDim() {
    return flow.dim();
  }

  @Override
  public NDArray logProb(NDArray z) {
    Prior.checkCodes(z, latentDim());
    return Scopes.keep(z.getManager(), () -> density.logProb(z));
  }

  @Override
  public NDArray sample(NDManager manager, int n) {
    FlowStep s = density.rsampleWithLogProb(manager, n);
    NDArray z = s.value().stopGradient();
    // The detached copy keeps the storage alive; the graph-carrying handles can go.
    s.value().close();
    s.logDet().close();
    return z;
  }

  @Override
  protected void initializeChildBlocks(NDManager m, DataType t, Shape... shapes) {
    flow.initialize(m, t, new Shape(shapes[0].get(0), latentDim()));
  }
}
