package vaecourse.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * The likelihood \( p_\theta(x \mid z) \): a network maps a latent code {@code [batch, P]} to the
 * parameters of a distribution over one example of shape {@code dataShape}; subclasses say which
 * distribution. Forward returns those parameters as an {@link NDList}, each {@code [batch,
 * ...dataShape]}.
 */
public abstract class Decoder extends CourseBlock {

  private static final byte VERSION = 1;

  /** The network from {@code [batch, latentDim]} to {@code dataShape.size()} values per row. */
  protected final Block network;

  private final int latentDim;
  private final Shape dataShape;

  /**
   * Registers the network.
   *
   * @param network a block from {@code [batch, latentDim]} to {@code [batch, ...]}
   * @param latentDim \(P\), at least 1
   * @param dataShape the shape of one example, e.g. {@code (784)} or {@code (1, 28, 28)}
   * @throws IllegalArgumentException if a size is not positive
   */
  protected Decoder(Block network, int latentDim, Shape dataShape) {
    super(VERSION);
    if (network == null) {
      throw new IllegalArgumentException("network must not be null");
    }
    if (latentDim <= 0) {
      throw new IllegalArgumentException("latentDim must be > 0, but was " + latentDim);
    }
    if (dataShape == null || dataShape.dimension() == 0 || dataShape.size() <= 0) {
      throw new IllegalArgumentException(
          "dataShape must have positive sizes, but was " + dataShape);
    }
    this.network = addChildBlock("network", network);
    this.latentDim = latentDim;
    this.dataShape = dataShape;
  }

  /** \(P\), the size of the latent code. */
  public int latentDim() {
    return latentDim;
  }

  /** The shape of one example. */
  public Shape dataShape() {
    return dataShape;
  }

  /**
   * The distribution parameters for codes {@code z}.
   *
   * @param ps the parameter store
   * @param z codes, shape {@code [batch, P]}
   * @param training whether batch norm uses batch statistics
   * @return parameters, each {@code [batch, ...dataShape]}
   */
  public NDList decode(ParameterStore ps, NDArray z, boolean training) {
    return forward(ps, new NDList(z), training);
  }

  /**
   * \( \log p(x \mid z) \) summed over all features of an example.
   *
   * @param x observations, {@code [batch, ...]} with {@code dataShape.size()} values per row
   * @param params the output of {@link #decode}
   * @return shape {@code [batch]}
   */
  public abstract NDArray logLikelihood(NDArray x, NDList params);

  /** The mean \( \mathbb{E}[x \mid z] \), shape {@code [batch, ...dataShape]}. */
  public abstract NDArray mean(NDList params);

  /** A draw \( x \sim p(x \mid z) \) (engine RNG, no gradient), shape {@code [batch, ...]}. */
  public abstract NDArray sample(NDList params);

  /** Runs the network on {@code z} and reshapes to {@code [batch, ...dataShape]}. */
  protected NDArray runNetwork(ParameterStore ps, NDArray z, boolean training) {
    if (z.getShape().dimension() != 2 || z.getShape().get(1) != latentDim) {
      throw new IllegalArgumentException(
          "z must have shape [batch, " + latentDim + "], but has shape " + z.getShape());
    }
    NDArray out = network.forward(ps, new NDList(z), training).singletonOrThrow();
    long batch = z.getShape().get(0);
    if (out.getShape().size() != batch * dataShape.size()) {
      throw new IllegalStateException(
          "decoder network output shape "
              + out.getShape()
              + " does not hold "
              + dataShape
              + " per example");
    }
    return out.reshape(new Shape(batch).addAll(dataShape));
  }

  /** Flattens to {@code [batch, features]}, checking the feature count against dataShape. */
  protected NDArray flat(String name, NDArray a) {
    Shape s = a.getShape();
    if (s.dimension() < 1 || s.get(0) == 0 || s.size() / s.get(0) != dataShape.size()) {
      throw new IllegalArgumentException(
          name
              + " shape "
              + s
              + " does not hold "
              + dataShape.size()
              + " values ("
              + dataShape
              + ") per example");
    }
    return a.reshape(s.get(0), dataShape.size());
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    network.initialize(manager, dataType, new Shape(inputShapes[0].get(0), latentDim));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape out = new Shape(inputShapes[0].get(0)).addAll(dataShape);
    return new Shape[] {out};
  }
}
