package vaecourse.flows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import vaecourse.nn.Mlp;
import vaecourse.nn.Nonlinearity;

/**
 * RealNVP affine coupling (Dinh, Sohl-Dickstein and Bengio, 2017). With a binary mask \(b\), the
 * coordinates where \(b = 1\) pass unchanged and condition an affine map of the others: \[ y = b
 * \odot x + (1 - b) \odot \left(x \odot e^{s(b \odot x)} + t(b \odot x)\right), \quad \log|\det J|
 * = \sum_d (1 - b_d)\, s_d(b \odot x). \] The inverse is \( x = b \odot y + (1 - b) \odot (y - t)\,
 * e^{-s} \) with \(s, t\) evaluated at \(b \odot y = b \odot x\): exact in both directions. \(s =
 * \tanh(\cdot)\) of a network output keeps the scales bounded. The network (an MLP with tanh
 * activations) starts with a zero last layer, so a new layer is the identity.
 */
public final class AffineCoupling extends Flow {

  private final Mlp net;
  private final boolean evenKept;

  private AffineCoupling(int dim, int hidden, boolean evenKept) {
    super(dim);
    this.evenKept = evenKept;
    this.net =
        addChildBlock(
            "net",
            Mlp.builder()
                .setInputDim(dim)
                .optHiddenDims(hidden, hidden)
                .setOutputDim(2 * dim)
                .optActivation(Nonlinearity.TANH)
                .optZeroLastLayer(true)
                .build());
  }

  /**
   * A coupling layer.
   *
   * @param dim \(D \ge 2\)
   * @param hidden width of the two hidden layers of the \(s, t\) network
   * @param evenKept whether even coordinates (0, 2, ...) are the ones kept (\(b_d = 1\)); alternate
   *     it between layers so every coordinate is transformed
   * @throws IllegalArgumentException if {@code dim < 2} or {@code hidden < 1}
   */
  public static AffineCoupling of(int dim, int hidden, boolean evenKept) {
    checkSizes(dim, hidden);
    return new AffineCoupling(dim, hidden, evenKept);
  }

  /**
   * Throws unless a coupling layer of these sizes can exist: {@code dim >= 2}, {@code hidden >= 1}.
   */
  static void checkSizes(int dim, int hidden) {
    if (dim < 2) {
      throw new IllegalArgumentException("dim must be >= 2 for a coupling layer, but was " + dim);
    }
    if (hidden <= 0) {
      throw new IllegalArgumentException("hidden must be > 0, but was " + hidden);
    }
  }

  /** The mask \(b\), shape {@code [dim]}, as a float array on {@code x}'s manager. */
  static NDArray mask(NDManager manager, int dim, boolean evenKept, DataType type) {
    float[] b = new float[dim];
    for (int d = 0; d < dim; d++) {
      b[d] = (d % 2 == 0) == evenKept ? 1f : 0f;
    }
    return manager.create(b).toType(type, false);
  }

  /** Returns {@code (s, t)} for the kept part {@code kept = b * x}. */
  private NDList scaleShift(ParameterStore ps, NDArray kept, NDArray free, boolean training) {
    NDArray out = net.forward(ps, new NDList(kept), training).singletonOrThrow();
    NDList st = out.split(2, 1);
    // Only the transformed coordinates get a scale and shift.
    return new NDList(st.get(0).tanh().mul(free), st.get(1).mul(free));
  }

  @Override
  public FlowStep forward(ParameterStore ps, NDArray x, boolean training) {
    checkInput("x", x);
    NDArray b = mask(x.getManager(), dim(), evenKept, x.getDataType());
    NDArray free = b.neg().add(1);
    NDArray kept = x.mul(b);
    NDList st = scaleShift(ps, kept, free, training);
    NDArray y = x.mul(st.get(0).exp()).add(st.get(1)).mul(free).add(kept);
    return new FlowStep(y, st.get(0).sum(new int[] {1}));
  }

  @Override
  public FlowStep inverse(ParameterStore ps, NDArray y, boolean training) {
    checkInput("y", y);
    NDArray b = mask(y.getManager(), dim(), evenKept, y.getDataType());
    NDArray free = b.neg().add(1);
    NDArray kept = y.mul(b);
    NDList st = scaleShift(ps, kept, free, training);
    NDArray x = y.sub(st.get(1)).mul(st.get(0).neg().exp()).mul(free).add(kept);
    return new FlowStep(x, st.get(0).sum(new int[] {1}).neg());
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    net.initialize(manager, dataType, new Shape(shapes[0].get(0), dim()));
  }
}
