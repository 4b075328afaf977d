package vaecourse.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A multilayer perceptron \( h_{l+1} = a(W_l h_l + b_l) \) with no activation after the last layer.
 * Inputs with more than two axes (images {@code [batch, 1, 28, 28]}) are flattened to {@code
 * [batch, inputDim]} first.
 *
 * <p>Seed 004's networks are {@code Mlp.builder().setInputDim(784).optHiddenDims(512)
 * .setOutputDim(4).optWeightSigma(GaussianDecoder.SEED_004_WEIGHT_STD).build()}: one hidden layer
 * of 512 ReLU units, weights drawn from \( \mathcal{N}(0, 0.01) \) read as a variance (standard
 * deviation 0.1; {@link GaussianDecoder#SEED_004_WEIGHT_STD} says why) and zero biases.
 */
public final class Mlp extends CourseBlock {

  private static final byte VERSION = 1;

  private final List<Linear> layers;
  private final List<Parameter> weights;
  private final List<Parameter> biases;
  private final Nonlinearity activation;
  private final int inputDim;
  private final int outputDim;

  private Mlp(Builder builder) {
    super(VERSION);
    this.inputDim = builder.inputDim;
    this.outputDim = builder.outputDim;
    this.activation = builder.activation;
    List<Linear> list = new ArrayList<>();
    List<Parameter> w = new ArrayList<>();
    List<Parameter> b = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>(builder.hidden);
    sizes.add(builder.outputDim);
    for (int i = 0; i < sizes.size(); i++) {
      Linear layer = addChildBlock("linear" + i, Linear.builder().setUnits(sizes.get(i)).build());
      if (builder.weightSigma > 0) {
        // Biases keep DJL's zero initializer.
        layer.setInitializer(
            new NormalInitializer((float) builder.weightSigma), Parameter.Type.WEIGHT);
      }
      if (builder.zeroLastLayer && i == sizes.size() - 1) {
        // A zero last layer makes the network output zero at the start (identity flows).
        layer.setInitializer(new ConstantInitializer(0f), Parameter.Type.WEIGHT);
      }
      list.add(layer);
      w.add(layer.getDirectParameters().get("weight"));
      b.add(layer.getDirectParameters().get("bias"));
    }
    this.layers = Collections.unmodifiableList(list);
    this.weights = List.copyOf(w);
    this.biases = List.copyOf(b);
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Input features per example. */
  public int inputDim() {
    return inputDim;
  }

  /** Output features per example. */
  public int outputDim() {
    return outputDim;
  }

  @Override
  public boolean isInitialized() {
    // The layers' weights and biases are all the parameters of an Mlp.
    for (int i = 0; i < layers.size(); i++) {
      if (!weights.get(i).isInitialized() || !biases.get(i).isInitialized()) {
        return false;
      }
    }
    return true;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray h = flatten(inputs.singletonOrThrow(), inputDim);
    Device device = h.getDevice();
    for (int i = 0; i < layers.size(); i++) {
      // Linear's forward, without its isInitialized() on every call (see CourseBlock).
      NDArray weight = ps.getValue(weights.get(i), device, training);
      NDArray bias = ps.getValue(biases.get(i), device, training);
      h = Linear.linear(h, weight, bias).singletonOrThrow();
      if (i + 1 < layers.size()) {
        h = activation.apply(h);
      }
    }
    return new NDList(h);
  }

  /**
   * Flattens {@code [batch, ...]} to {@code [batch, features]} and checks the feature count.
   *
   * @throws IllegalArgumentException if the features do not equal {@code expected}
   */
  static NDArray flatten(NDArray x, long expected) {
    Shape s = x.getShape();
    if (s.dimension() < 2) {
      throw new IllegalArgumentException(
          "input must have shape [batch, " + expected + "], but has shape " + s);
    }
    long features = s.size() / s.get(0);
    if (features != expected) {
      throw new IllegalArgumentException(
          "input shape " + s + " has " + features + " features per example, expected " + expected);
    }
    return s.dimension() == 2 ? x : x.reshape(s.get(0), features);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape shape = new Shape(inputShapes[0].get(0), inputDim);
    for (Linear layer : layers) {
      layer.initialize(manager, dataType, shape);
      shape = layer.getOutputShapes(new Shape[] {shape})[0];
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), outputDim)};
  }

  /** Builder: {@code setInputDim} and {@code setOutputDim} are required. */
  public static final class Builder {
    private int inputDim;
    private int outputDim;
    private final List<Integer> hidden = new ArrayList<>();
    private Nonlinearity activation = Nonlinearity.RELU;
    private double weightSigma;
    private boolean zeroLastLayer;

    private Builder() {}

    /** Start the last layer's weights at zero, so the network first outputs its zero biases. */
    public Builder optZeroLastLayer(boolean zero) {
      this.zeroLastLayer = zero;
      return this;
    }

    /** Features per input example (784 for flattened MNIST). */
    public Builder setInputDim(int inputDim) {
      this.inputDim = inputDim;
      return this;
    }

    /** Features per output example. */
    public Builder setOutputDim(int outputDim) {
      this.outputDim = outputDim;
      return this;
    }

    /** Widths of the hidden layers, first to last (default: none, a linear map). */
    public Builder optHiddenDims(int... dims) {
      hidden.clear();
      for (int d : dims) {
        hidden.add(d);
      }
      return this;
    }

    /** The activation between layers (default {@link Nonlinearity#RELU}). */
    public Builder optActivation(Nonlinearity activation) {
      this.activation = activation;
      return this;
    }

    /**
     * Draw weights from \( \mathcal{N}(0, \sigma^2) \) with this standard deviation (biases zero);
     * without it DJL's Xavier initializer is used. Note that DJL's {@link NormalInitializer} takes
     * the standard deviation, not the variance.
     */
    public Builder optWeightSigma(double sigma) {
      this.weightSigma = sigma;
      return this;
    }

    /**
     * Builds the network.
     *
     * @throws IllegalArgumentException if a size is not positive or the sigma is negative or NaN
     */
    public Mlp build() {
      if (inputDim <= 0) {
        throw new IllegalArgumentException("inputDim must be > 0, but was " + inputDim);
      }
      if (outputDim <= 0) {
        throw new IllegalArgumentException("outputDim must be > 0, but was " + outputDim);
      }
      for (int i = 0; i < hidden.size(); i++) {
        if (hidden.get(i) <= 0) {
          throw new IllegalArgumentException(
              "hidden dim " + i + " must be > 0, but was " + hidden.get(i));
        }
      }
      if (!(weightSigma >= 0) || Double.isInfinite(weightSigma)) {
        throw new IllegalArgumentException(
            "weightSigma must be finite and >= 0 (0 = default init), but was " + weightSigma);
      }
      if (activation == null) {
        throw new IllegalArgumentException("activation must not be null");
      }
      return new Mlp(this);
    }
  }
}
