package vaecourse.flows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import vaecourse.distributions.LogDensities;
import vaecourse.distributions.Reduction;

/**
 * A density defined by pushing \( \varepsilon \sim \mathcal{N}(0, I_D) \) through a flow: \( z =
 * f(\varepsilon) \). By the change of variables, \[ \log p(z) = \log \mathcal{N}(f^{-1}(z); 0, I) +
 * \log|\det \partial f^{-1} / \partial z| = \log \mathcal{N}(\varepsilon; 0, I) - \log|\det
 * \partial f / \partial \varepsilon|. \] {@link #rsample} needs only the forward map (any flow);
 * {@link #logProb} of an arbitrary point needs the inverse.
 */
public final class NormalizingFlow {

  private final Flow flow;

  private NormalizingFlow(Flow flow) {
    this.flow = flow;
  }

  /**
   * A standard-normal base pushed through {@code flow} (initialize the flow before use).
   *
   * @throws NullPointerException if {@code flow} is null
   */
  public static NormalizingFlow of(Flow flow) {
    if (flow == null) {
      throw new NullPointerException("flow");
    }
    return new NormalizingFlow(flow);
  }

  /** The flow \(f\). */
  public Flow flow() {
    return flow;
  }

  /** \(D\). */
  public int dim() {
    return flow.dim();
  }

  /**
   * Draws {@code n} reparameterized points with their exact log-density, \( \log p(z) = \log
   * \mathcal{N}(\varepsilon) - \log|\det J_f(\varepsilon)| \); gradients flow to the flow's
   * parameters (stochastic variational inference).
   *
   * @param manager owns the noise (and so the results)
   * @param n how many, at least 1
   * @return {@code value} {@code [n, D]} and, in the {@code logDet} slot, \(\log p(z)\) {@code [n]}
   */
  public FlowStep rsampleWithLogProb(NDManager manager, int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("n must be > 0, but was " + n);
    }
    NDArray eps = manager.randomNormal(0f, 1f, new Shape(n, dim()), parameterType());
    FlowStep step = flow.forward(new ParameterStore(manager, false), eps, false);
    NDArray logBase = LogDensities.standardNormal(eps, Reduction.SUM);
    return new FlowStep(step.value(), logBase.sub(step.logDet()));
  }

  /**
   * \( \log p(z) \) of arbitrary points through the inverse.
   *
   * @param z points, shape {@code [batch, D]}
   * @return shape {@code [batch]}
   * @throws UnsupportedOperationException if the flow has no inverse (planar)
   */
  public NDArray logProb(NDArray z) {
    FlowStep back = flow.inverse(z);
    return LogDensities.standardNormal(back.value(), Reduction.SUM).add(back.logDet());
  }

  private ai.djl.ndarray.types.DataType parameterType() {
    for (var p : flow.getParameters()) {
      if (p.getValue().isInitialized()) {
        return p.getValue().getArray().getDataType();
      }
    }
    return ai.djl.ndarray.types.DataType.FLOAT32;
  }
}
