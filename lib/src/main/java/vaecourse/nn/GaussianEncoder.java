package vaecourse.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import vaecourse.distributions.DiagonalGaussian;

/**
 * The amortized posterior \( q_\phi(z \mid x) = \mathcal{N}(\mu_\phi(x),
 * \operatorname{diag}\sigma^2_\phi(x)) \): a network with \(2P\) outputs per example whose first
 * half is \(\mu\) and second half \(\log\sigma^2\).
 *
 * <p>Forward maps {@code [batch, ...inputShape]} to {@code NDList(mu, logVar)}, each {@code [batch,
 * P]}.
 */
public final class GaussianEncoder extends CourseBlock {

  private static final byte VERSION = 1;

  private final Block network;
  private final int latentDim;
  private final Shape inputShape;

  private GaussianEncoder(Block network, int latentDim, Shape inputShape) {
    super(VERSION);
    this.network = addChildBlock("network", network);
    this.latentDim = latentDim;
    this.inputShape = inputShape;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * An MLP encoder {@code inputDim -> hiddenDim (ReLU) -> 2 * latentDim} with DJL's default init.
   *
   * @throws IllegalArgumentException if a size is not positive
   */
  public static GaussianEncoder mlp(int inputDim, int hiddenDim, int latentDim) {
    return mlp(inputDim, hiddenDim, latentDim, 0);
  }

  /**
   * An MLP encoder {@code inputDim -> hiddenDim (ReLU) -> 2 * latentDim}, weights from \(
   * \mathcal{N}(0, \text{weightSigma}^2) \) and zero biases (seed 004 uses 784, 512, 2, 0.01); 0
   * keeps DJL's default init.
   *
   * @throws IllegalArgumentException if a size is not positive
   */
  public static GaussianEncoder mlp(
      int inputDim, int hiddenDim, int latentDim, double weightSigma) {
    Mlp net =
        Mlp.builder()
            .setInputDim(inputDim)
            .optHiddenDims(hiddenDim)
            .setOutputDim(2 * Math.max(latentDim, 0))
            .optWeightSigma(weightSigma)
            .build();
    return builder().setNetwork(net).setLatentDim(latentDim).setInputShape(inputDim).build();
  }

  /**
   * Seed 000's convolutional encoder for {@code [batch, 1, 28, 28]} images: two stride-2 4x4
   * convolutions (32 and 64 channels, ReLU) and a linear layer to \(2P\).
   */
  public static GaussianEncoder conv(int latentDim) {
    return builder()
        .setNetwork(ConvNets.seed000Encoder(latentDim))
        .setLatentDim(latentDim)
        .setInputShape(1, 28, 28)
        .build();
  }

  /**
   * Seed 002's DCGAN-style encoder for {@code [batch, 1, 28, 28]} images: 4x4 stride-2 convolutions
   * 1 -> 16 -> 32 with batch norm and leaky ReLU (0.2), then a 4x4 stride-2 convolution to \(2P\)
   * channels at 1x1.
   */
  public static GaussianEncoder dcgan(int latentDim) {
    return builder()
        .setNetwork(ConvNets.dcganEncoder(latentDim, 16))
        .setLatentDim(latentDim)
        .setInputShape(1, 28, 28)
        .build();
  }

  /** The latent dimension \(P\). */
  public int latentDim() {
    return latentDim;
  }

  /** The shape of one input example (without the batch axis). */
  public Shape inputShape() {
    return inputShape;
  }

  /** The wrapped network. */
  public Block network() {
    return network;
  }

  /**
   * Runs the encoder and wraps the result.
   *
   * @param ps the parameter store
   * @param x inputs, shape {@code [batch, ...inputShape]}
   * @param training whether batch norm uses batch statistics
   * @return \(q(z \mid x)\) with arrays of shape {@code [batch, P]}
   */
  public DiagonalGaussian encode(ParameterStore ps, NDArray x, boolean training) {
    NDList out = forward(ps, new NDList(x), training);
    return new DiagonalGaussian(out.get(0), out.get(1));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    checkInput(x);
    NDArray h = network.forward(ps, new NDList(x), training).singletonOrThrow();
    long batch = x.getShape().get(0);
    if (h.getShape().size() != batch * 2L * latentDim) {
      throw new IllegalStateException(
          "encoder network output shape "
              + h.getShape()
              + " must hold 2 * latentDim = "
              + 2 * latentDim
              + " values per example");
    }
    // First half of the features is the mean, second half the log-variance.
    NDList halves = h.reshape(batch, 2L * latentDim).split(2, 1);
    return new NDList(halves.get(0), halves.get(1));
  }

  private void checkInput(NDArray x) {
    Shape s = x.getShape();
    if (s.dimension() < 1 || s.size() / Math.max(s.get(0), 1) != inputShape.size()) {
      throw new IllegalArgumentException(
          "x shape "
              + s
              + " does not fit the encoder input [batch, "
              + inputShape.toString().replaceAll("[()]", "")
              + "]");
    }
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    network.initialize(manager, dataType, new Shape(inputShapes[0].get(0)).addAll(inputShape));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape out = new Shape(inputShapes[0].get(0), latentDim);
    return new Shape[] {out, out};
  }

  /** Builder: {@code setNetwork}, {@code setLatentDim} and {@code setInputShape} are required. */
  public static final class Builder {
    private Block network;
    private int latentDim;
    private Shape inputShape;

    private Builder() {}

    /** A block mapping {@code [batch, ...inputShape]} to {@code 2 * latentDim} values each. */
    public Builder setNetwork(Block network) {
      this.network = network;
      return this;
    }

    /** The latent dimension \(P\). */
    public Builder setLatentDim(int latentDim) {
      this.latentDim = latentDim;
      return this;
    }

    /** The shape of one example, e.g. {@code 784} or {@code 1, 28, 28}. */
    public Builder setInputShape(long... dims) {
      this.inputShape = new Shape(dims);
      return this;
    }

    /**
     * Builds the encoder.
     *
     * @throws IllegalArgumentException if a setting is missing or not positive
     */
    public GaussianEncoder build() {
      if (network == null) {
        throw new IllegalArgumentException("network must be set (setNetwork)");
      }
      if (latentDim <= 0) {
        throw new IllegalArgumentException("latentDim must be > 0, but was " + latentDim);
      }
      if (inputShape == null || inputShape.dimension() == 0 || inputShape.size() <= 0) {
        throw new IllegalArgumentException(
            "inputShape must be set to positive sizes (setInputShape), but was " + inputShape);
      }
      return new GaussianEncoder(network, latentDim, inputShape);
    }
  }
}
