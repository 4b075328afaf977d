package vaecourse.priors;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import vaecourse.nn.CourseBlock;

/**
 * The DJL side shared by every prior: the block is the prior itself, its forward pass maps codes
 * {@code [batch, P]} to {@link #logProb} {@code [batch]}, and it has no child blocks unless a
 * subclass says otherwise.
 */
abstract class PriorBlock extends CourseBlock implements Prior {

  PriorBlock() {
    super((byte) 1);
  }

  @Override
  public final Block block() {
    return this;
  }

  @Override
  protected final NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(logProb(inputs.singletonOrThrow()));
  }

  @Override
  protected void initializeChildBlocks(NDManager m, DataType t, Shape... shapes) {}

  @Override
  public final Shape[] getOutputShapes(Shape[] shapes) {
    return new Shape[] {new Shape(shapes[0].get(0))};
  }
}
