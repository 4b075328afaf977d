package vaecourse.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import vaecourse.distributions.LogDensities;
import vaecourse.distributions.Reduction;

/**
 * Independent Bernoulli pixels \( p(x \mid z) = \prod_d \sigma(\ell_d)^{x_d} (1 -
 * \sigma(\ell_d))^{1 - x_d} \) with logits \( \ell = f_\theta(z) \). The log-likelihood is minus the
 * binary cross-entropy, computed from logits for stability; it also accepts continuous \(x \in
 * [0, 1]\). Forward returns {@code NDList(logits)}.
 */
public final class BernoulliDecoder extends Decoder {

  private BernoulliDecoder(Block network, int latentDim, Shape dataShape) {
    super(network, latentDim, dataShape);
  }

  /**
   * Wraps a network producing logits.
   *
   * @param network from {@code [batch, latentDim]} to {@code dataShape.size()} logits per row
   * @param latentDim \(P\)
   * @param dataShape the shape of one example
   * @throws IllegalArgumentException if a size is not positive
   */
  public static BernoulliDecoder of(Block network, int latentDim, long... dataShape) {
    return new BernoulliDecoder(network, latentDim, new Shape(dataShape));
  }

  /**
   * An MLP decoder {@code latentDim -> hiddenDim (ReLU) -> dataDim} logits.
   *
   * @param weightSigma standard deviation of the initial weights (biases zero); 0 for DJL's
   *     default
   */
  public static BernoulliDecoder mlp(int latentDim, int hiddenDim, int dataDim, double weightSigma) {
    return of(DecoderNets.mlp(latentDim, hiddenDim, dataDim, weightSigma), latentDim, dataDim);
  }

  /** {@link #mlp(int, int, int, double)} with DJL's default initialization. */
  public static BernoulliDecoder mlp(int latentDim, int hiddenDim, int dataDim) {
    return mlp(latentDim, hiddenDim, dataDim, 0);
  }

  /** Seed 000's transposed-convolution decoder producing {@code [batch, 1, 28, 28]} logits. */
  public static BernoulliDecoder conv(int latentDim) {
    return of(ConvNets.seed000Decoder(latentDim), latentDim, 1, 28, 28);
  }

  /**
   * Seed 002's DCGAN-style decoder (transposed convolutions with batch norm and ReLU) producing
   * {@code [batch, 1, 28, 28]} logits; the seed's final sigmoid is the Bernoulli mean here.
   */
  public static BernoulliDecoder dcgan(int latentDim) {
    return of(ConvNets.dcganDecoder(latentDim, 64), latentDim, 1, 28, 28);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(runNetwork(ps, inputs.singletonOrThrow(), training));
  }

  /** The logits \( \ell \), shape {@code [batch, ...dataShape]}. */
  public NDArray logits(NDList params) {
    return params.get(0);
  }

  @Override
  public NDArray logLikelihood(NDArray x, NDList params) {
    return LogDensities.bernoulliLogits(flat("x", x), flat("logits", logits(params)),
        Reduction.SUM);
  }

  @Override
  public NDArray mean(NDList params) {
    return Nonlinearity.SIGMOID.apply(logits(params));
  }

  @Override
  public NDArray sample(NDList params) {
    NDArray p = mean(params).stopGradient();
    NDArray u = p.getManager().randomUniform(0f, 1f, p.getShape(), p.getDataType());
    return u.lt(p).toType(p.getDataType(), false);
  }
}
