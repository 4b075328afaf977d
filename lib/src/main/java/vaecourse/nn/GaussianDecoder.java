package vaecourse.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import vaecourse.Constants;
import vaecourse.distributions.LogDensities;
import vaecourse.distributions.Reduction;

/**
 * A Gaussian likelihood \( p(x \mid z) = \mathcal{N}(x; \sigma(f_\theta(z)),
 * \operatorname{diag}\,\sigma_x^2) \) for pixels in \([0, 1]\) (seed 004): the mean passes through
 * a sigmoid and the diagonal variance \(\sigma_x^2\) is one learned parameter per feature, shared
 * by all examples. The log-variance is clamped from below at {@code minLogVar}, because background
 * pixels that are always 0 would otherwise drive their variance to zero and the likelihood to
 * infinity. Forward returns {@code NDList(mean, logVar)}, both {@code [batch, ...dataShape]}.
 *
 * <p>The mean's output function is the sigmoid by default; {@link Builder#optMeanActivation} with
 * {@link Nonlinearity#IDENTITY} gives the linear-Gaussian model \( x = Wz + b + \sigma_x \odot
 * \varepsilon \) whose marginal \( p(x) = \mathcal{N}(b, WW^\top + \operatorname{diag}\sigma_x^2)
 * \) is known exactly, which is how the importance-weighted bound is tested.
 */
public final class GaussianDecoder extends Decoder {

  /** Default lower clamp on the log-variance (\(\sigma_x \approx 0.05\)). */
  public static final double DEFAULT_MIN_LOG_VAR = -6;

  /**
   * The standard deviation of the initial weights for seed 004's "\( \mathcal{N}(0, 0.01) \)": 0.1.
   * The seed writes every normal law as \( \mathcal{N}(\text{mean}, \text{variance}) \) (\(
   * \mathcal{N}(0, I) \), \( \mathcal{N}(f(z), \Sigma) \), \( \mathcal{N}(\mu,
   * \operatorname{diag}\sigma^2) \)), so its 0.01 is a variance. It also suits the networks: a unit
   * of the decoder's first layer sees only \(P = 2\) inputs, and with a standard deviation of 0.01
   * its initial pre-activations would be about 0.01, so the first images would ignore \(z\) almost
   * completely; 0.1 lies between the Xavier scales of the wide layers (\(\sqrt{2/(784+512)} \approx
   * 0.04\)) and of the narrow one (\(\sqrt{2/514} \approx 0.06\)) and the He scale of the 2-input
   * layer (1).
   */
  public static final double SEED_004_WEIGHT_STD = 0.1;

  private final Parameter logVar;
  private final double minLogVar;
  private final Nonlinearity meanActivation;

  private GaussianDecoder(Builder b) {
    super(b.network, b.latentDim, b.dataShape);
    this.minLogVar = b.minLogVar;
    this.meanActivation = b.meanActivation;
    this.logVar =
        addParameter(
            Parameter.builder()
                .setName("logVar")
                .setType(Parameter.Type.OTHER)
                .optShape(b.dataShape)
                .optInitializer(new ConstantInitializer((float) b.initialLogVar))
                .optRequiresGrad(b.learnVariance)
                .build());
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The seed-004 decoder: MLP {@code latentDim -> hiddenDim (ReLU) -> dataDim}, sigmoid mean,
   * learned variance starting at 1.
   *
   * @param weightSigma standard deviation of the initial weights (biases zero), e.g. {@link
   *     #SEED_004_WEIGHT_STD}; 0 for DJL's default
   */
  public static GaussianDecoder mlp(int latentDim, int hiddenDim, int dataDim, double weightSigma) {
    return builder()
        .setNetwork(DecoderNets.mlp(latentDim, hiddenDim, dataDim, weightSigma))
        .setLatentDim(latentDim)
        .setDataShape(dataDim)
        .build();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray z = inputs.singletonOrThrow();
    NDArray mean = meanActivation.apply(runNetwork(ps, z, training));
    NDArray lv = Constants.atLeast(ps.getValue(logVar, z.getDevice(), training), minLogVar);
    // Broadcast the shared variance to every example.
    return new NDList(mean, mean.zerosLike().add(lv));
  }

  /** The learned per-feature log-variance parameter, shape {@code dataShape}. */
  public Parameter logVarParameter() {
    return logVar;
  }

  @Override
  public NDArray logLikelihood(NDArray x, NDList params) {
    return LogDensities.normalDiag(
        flat("x", x), flat("mean", params.get(0)), flat("logVar", params.get(1)), Reduction.SUM);
  }

  @Override
  public NDArray mean(NDList params) {
    return params.get(0);
  }

  @Override
  public NDArray sample(NDList params) {
    NDArray mean = params.get(0).stopGradient();
    NDArray eps = mean.getManager().randomNormal(0f, 1f, mean.getShape(), mean.getDataType());
    return eps.mul(params.get(1).stopGradient().mul(0.5).exp()).add(mean);
  }

  /** Builder: network, latent dimension and data shape are required. */
  public static final class Builder {
    private Block network;
    private int latentDim;
    private Shape dataShape;
    private double initialLogVar;
    private double minLogVar = DEFAULT_MIN_LOG_VAR;
    private boolean learnVariance = true;
    private Nonlinearity meanActivation = Nonlinearity.SIGMOID;

    private Builder() {}

    /**
     * The function from the network's outputs to the mean (default {@link Nonlinearity#SIGMOID},
     * for pixels in \([0, 1]\); {@link Nonlinearity#IDENTITY} for a linear-Gaussian model).
     */
    public Builder optMeanActivation(Nonlinearity activation) {
      this.meanActivation = activation;
      return this;
    }

    /** A block from {@code [batch, latentDim]} to pre-sigmoid means. */
    public Builder setNetwork(Block network) {
      this.network = network;
      return this;
    }

    /** \(P\). */
    public Builder setLatentDim(int latentDim) {
      this.latentDim = latentDim;
      return this;
    }

    /** The shape of one example. */
    public Builder setDataShape(long... dims) {
      this.dataShape = new Shape(dims);
      return this;
    }

    /** Initial \(\log\sigma_x^2\) (default 0). */
    public Builder optInitialLogVar(double value) {
      this.initialLogVar = value;
      return this;
    }

    /** Lower clamp on \(\log\sigma_x^2\) (default {@value #DEFAULT_MIN_LOG_VAR}). */
    public Builder optMinLogVar(double value) {
      this.minLogVar = value;
      return this;
    }

    /** Whether the variance is trained (default true); false keeps it at the initial value. */
    public Builder optLearnVariance(boolean learn) {
      this.learnVariance = learn;
      return this;
    }

    /**
     * Builds the decoder.
     *
     * @throws IllegalArgumentException if a setting is missing, not positive or not finite
     */
    public GaussianDecoder build() {
      if (meanActivation == null) {
        throw new IllegalArgumentException("meanActivation must not be null (optMeanActivation)");
      }
      if (!Double.isFinite(initialLogVar) || !Double.isFinite(minLogVar)) {
        throw new IllegalArgumentException(
            "initialLogVar and minLogVar must be finite, but were "
                + initialLogVar
                + " and "
                + minLogVar);
      }
      if (initialLogVar < minLogVar) {
        throw new IllegalArgumentException(
            "initialLogVar " + initialLogVar + " must be >= minLogVar " + minLogVar);
      }
      return new GaussianDecoder(this);
    }
  }
}
