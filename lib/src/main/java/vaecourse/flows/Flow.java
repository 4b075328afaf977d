package vaecourse.flows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import vaecourse.distributions.Scopes;
import vaecourse.nn.CourseBlock;

/**
 * A bijection (or, for planar flows, a map used in one direction only) of \(\mathbb{R}^D\) that
 * reports its log absolute Jacobian determinant. {@link #forward(NDArray)} maps \(x \mapsto y =
 * f(x)\) with \( \log|\det \partial f / \partial x| \); {@link #inverse(NDArray)} maps \(y \mapsto
 * f^{-1}(y)\) with \( \log|\det \partial f^{-1} / \partial y| \), so the two log-determinants of a
 * round trip cancel. As a DJL block, forward returns {@code NDList(value, logDet)}.
 */
public abstract class Flow extends CourseBlock {

  private final int dim;

  /**
   * A flow on {@code dim} coordinates.
   *
   * @throws IllegalArgumentException if {@code dim < 1}
   */
  protected Flow(int dim) {
    super((byte) 1);
    if (dim <= 0) {
      throw new IllegalArgumentException("dim must be > 0, but was " + dim);
    }
    this.dim = dim;
  }

  /** \(D\). */
  public int dim() {
    return dim;
  }

  /** Whether {@link #inverse} is available in closed form. */
  public boolean isInvertible() {
    return true;
  }

  /**
   * \( y = f(x) \) and \( \log|\det \partial f / \partial x| \).
   *
   * @param ps the parameter store
   * @param x points, shape {@code [batch, dim]}
   * @param training unused by the layers here; passed to children
   */
  public abstract FlowStep forward(ParameterStore ps, NDArray x, boolean training);

  /**
   * \( x = f^{-1}(y) \) and \( \log|\det \partial f^{-1} / \partial y| \).
   *
   * @throws UnsupportedOperationException if the flow has no closed-form inverse
   */
  public abstract FlowStep inverse(ParameterStore ps, NDArray y, boolean training);

  /**
   * {@link #forward(ParameterStore, NDArray, boolean)} with a fresh parameter store; the results
   * belong to {@code x}'s manager and intermediates are freed.
   */
  public FlowStep forward(NDArray x) {
    return scoped(x, () -> forward(new ParameterStore(x.getManager(), false), x, false));
  }

  /**
   * {@link #inverse(ParameterStore, NDArray, boolean)} with a fresh parameter store; the results
   * belong to {@code y}'s manager and intermediates are freed.
   */
  public FlowStep inverse(NDArray y) {
    return scoped(y, () -> inverse(new ParameterStore(y.getManager(), false), y, false));
  }

  private static FlowStep scoped(NDArray input, java.util.function.Supplier<FlowStep> body) {
    NDList out =
        Scopes.keepAll(
            input.getManager(),
            () -> {
              FlowStep s = body.get();
              return new NDList(s.value(), s.logDet());
            });
    return new FlowStep(out.get(0), out.get(1));
  }

  /**
   * Initializes the parameters for inputs {@code [batch, dim]} and returns this flow.
   *
   * @param manager owns the parameters
   * @param dataType float32 for training, float64 for gradient checks
   */
  public Flow initialize(NDManager manager, DataType dataType) {
    initialize(manager, dataType, new Shape(1, dim));
    return this;
  }

  /** Throws unless {@code x} is {@code [batch, dim]}. */
  protected void checkInput(String name, NDArray x) {
    if (x.getShape().dimension() != 2 || x.getShape().get(1) != dim) {
      throw new IllegalArgumentException(
          name + " must have shape [batch, " + dim + "], but has shape " + x.getShape());
    }
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    FlowStep step = forward(ps, inputs.singletonOrThrow(), training);
    return new NDList(step.value(), step.logDet());
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    for (Block child : getChildren().values()) {
      child.initialize(manager, dataType, new Shape(shapes[0].get(0), dim));
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] shapes) {
    long batch = shapes[0].get(0);
    return new Shape[] {new Shape(batch, dim), new Shape(batch)};
  }
}
