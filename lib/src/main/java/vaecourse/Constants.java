package vaecourse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Constants for expressions that autograd differentiates, in memory the engine owns.
 *
 * <p>DJL's PyTorch engine builds an array from Java values ({@code manager.create(...)}, and the
 * scalar behind {@code x.mul(0.5)}, {@code x.div(2)} or {@code x.maximum(0)}) as a tensor that
 * points into a Java direct buffer, and the buffer is freed by the garbage collector once the array
 * is closed. {@code x.mul(0.5)} closes its scalar at once, but autograd keeps the scalar for the
 * backward pass (the derivative of \(0.5 x\) is \(0.5\)). When a garbage collection falls between
 * the forward and the backward pass, backward reads freed memory: the gradient is garbage (about
 * one MLP training run in fifty ended in NaN parameters; a forced collection makes it happen every
 * time). Addition and subtraction keep no copy of their operand and are safe. The arrays made here
 * are copies owned by the engine, so closing them early is safe.
 *
 * <p>Course JVMs start with the engine agent ({@code vaecourse.agent.EngineAgent}), which makes the
 * engine copy every such buffer, so DJL's own forms are safe there too; the library uses these
 * forms so that it is right in a JVM without the agent as well.
 */
public final class Constants {

  private Constants() {}

  /** A scalar array of {@code value} in {@code like}'s data type, on its manager and device. */
  public static NDArray scalar(NDArray like, double value) {
    NDManager manager = like.getManager();
    DataType type = like.getDataType();
    if (type == DataType.FLOAT32) {
      return manager.full(new Shape(), (float) value, type);
    }
    try (NDArray view = manager.create(value)) {
      return owned(view.toType(type, false));
    }
  }

  /**
   * A copy of {@code array} that the engine owns, for arrays built from Java values that autograd
   * may keep; {@code array} itself is closed.
   */
  public static NDArray owned(NDArray array) {
    try (NDArray view = array) {
      return view.duplicate();
    }
  }

  /** {@code x} times {@code c}, differentiable in {@code x}. */
  public static NDArray times(NDArray x, double c) {
    try (NDArray s = scalar(x, c)) {
      return x.mul(s);
    }
  }

  /** {@code x} divided by {@code c}, differentiable in {@code x}. */
  public static NDArray dividedBy(NDArray x, double c) {
    try (NDArray s = scalar(x, c)) {
      return x.div(s);
    }
  }

  /** The elementwise maximum of {@code x} and {@code c}, differentiable in {@code x}. */
  public static NDArray atLeast(NDArray x, double c) {
    try (NDArray s = scalar(x, c)) {
      return x.maximum(s);
    }
  }
}
