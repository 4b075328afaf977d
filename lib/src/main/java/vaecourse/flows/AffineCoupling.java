package vaecourse.flows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
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
public final class AffineCoupling extends Coupling {

  private AffineCoupling(int dim, int hidden, boolean evenKept) {
    super(
        dim,
        evenKept,
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
    NDArray b = mask(x);
    NDArray free = b.neg().add(1);
    NDArray kept = x.mul(b);
    NDList st = scaleShift(ps, kept, free, training);
    NDArray y = x.mul(st.get(0).exp()).add(st.get(1)).mul(free).add(kept);
    return new FlowStep(y, st.get(0).sum(new int[] {1}));
  }

  @Override
  public FlowStep inverse(ParameterStore ps, NDArray y, boolean training) {
    checkInput("y", y);
    NDArray b = mask(y);
    NDArray free = b.neg().add(1);
    NDArray kept = y.mul(b);
    NDList st = scaleShift(ps, kept, free, training);
    NDArray x = y.sub(st.get(1)).mul(st.get(0).neg().exp()).mul(free).add(kept);
    return new FlowStep(x, st.get(0).sum(new int[] {1}).neg());
  }
}
