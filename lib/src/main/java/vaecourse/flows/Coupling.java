package vaecourse.flows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import vaecourse.nn.Mlp;

/**
 * What the coupling layers share: a binary mask \(b\) that keeps every other coordinate (even or
 * odd ones) unchanged, and one network that reads the kept coordinates \(b \odot x\).
 */
abstract class Coupling extends Flow {

  /** The network that reads \(b \odot x\). */
  final Mlp net;

  private final boolean evenKept;

  Coupling(int dim, boolean evenKept, Mlp net) {
    super(dim);
    this.evenKept = evenKept;
    this.net = addChildBlock("net", net);
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

  /** The mask \(b\), shape {@code [dim]}, on {@code like}'s manager and in its data type. */
  NDArray mask(NDArray like) {
    float[] b = new float[dim()];
    for (int d = 0; d < b.length; d++) {
      b[d] = (d % 2 == 0) == evenKept ? 1f : 0f;
    }
    // A copy the engine owns, in either data type: autograd keeps the mask, and flows build it
    // inside scopes that close it before the backward pass (see vaecourse.Constants). The float32
    // array made from b is closed here, also when the flow is float64.
    try (NDArray values = like.getManager().create(b)) {
      return values.toType(like.getDataType(), true);
    }
  }

  @Override
  protected final void initializeChildBlocks(
      NDManager manager, DataType dataType, Shape... shapes) {
    net.initialize(manager, dataType, new Shape(shapes[0].get(0), dim()));
  }
}
