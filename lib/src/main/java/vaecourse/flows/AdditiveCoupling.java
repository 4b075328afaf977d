package vaecourse.flows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import vaecourse.nn.Mlp;
import vaecourse.nn.Nonlinearity;

/**
 * NICE additive coupling (Dinh, Krueger and Bengio, 2015): \( y = b \odot x + (1 - b) \odot (x +
 * t(b \odot x)) \), volume preserving (\(\log|\det J| = 0\)); inverse \( x = y - (1 - b) \odot t(b
 * \odot y) \). Follow a stack of these with a {@link Scaling} layer to change volume.
 */
public final class AdditiveCoupling extends Coupling {

  private AdditiveCoupling(int dim, int hidden, boolean evenKept) {
    super(
        dim,
        evenKept,
        Mlp.builder()
            .setInputDim(dim)
            .optHiddenDims(hidden, hidden)
            .setOutputDim(dim)
            .optActivation(Nonlinearity.RELU)
            .build());
  }

  /**
   * A coupling layer.
   *
   * @param dim \(D \ge 2\)
   * @param hidden width of the two hidden layers of \(t\)
   * @param evenKept whether even coordinates are kept unchanged; alternate between layers
   * @throws IllegalArgumentException if {@code dim < 2} or {@code hidden < 1}
   */
  public static AdditiveCoupling of(int dim, int hidden, boolean evenKept) {
    checkSizes(dim, hidden);
    return new AdditiveCoupling(dim, hidden, evenKept);
  }

  private NDArray shift(ParameterStore ps, NDArray v, boolean training) {
    NDArray b = mask(v);
    NDArray t = net.forward(ps, new NDList(v.mul(b)), training).singletonOrThrow();
    return t.mul(b.neg().add(1));
  }

  @Override
  public FlowStep forward(ParameterStore ps, NDArray x, boolean training) {
    checkInput("x", x);
    NDArray y = x.add(shift(ps, x, training));
    return new FlowStep(y, x.getManager().zeros(new Shape(x.getShape().get(0)), x.getDataType()));
  }

  @Override
  public FlowStep inverse(ParameterStore ps, NDArray y, boolean training) {
    checkInput("y", y);
    NDArray x = y.sub(shift(ps, y, training));
    return new FlowStep(x, y.getManager().zeros(new Shape(y.getShape().get(0)), y.getDataType()));
  }
}
