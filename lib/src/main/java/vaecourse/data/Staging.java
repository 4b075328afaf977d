package vaecourse.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Float arrays filled on the Java side and handed to the engine without a new native buffer each
 * time.
 *
 * <p>{@code manager.create(float[])} copies the values into a fresh direct buffer, and the PyTorch
 * engine's tensor points into that buffer rather than copying it. The buffer's memory is given back
 * only when the garbage collector finds the buffer, which in a training loop is seconds later: a
 * batch of 100 MNIST images left 313 KB behind every step, the process grew by about 40 MB an
 * epoch, and every new page cost a page fault (15% of an MLP step). Here the values are copied into
 * one direct buffer per thread, kept and reused, and the array handed out is the engine's own copy
 * of it, freed as soon as it is closed.
 */
final class Staging {

  private static final ThreadLocal<ByteBuffer> BUFFER = new ThreadLocal<>();

  private Staging() {}

  /**
   * A float32 array of this shape holding {@code values} in row-major order.
   *
   * @param manager where the array is created
   * @param values the values, {@code shape.size()} of them
   * @param shape the array's shape
   * @return an array owned by the engine, independent of {@code values} and of any buffer kept here
   * @throws IllegalArgumentException if the number of values does not match the shape
   */
  static NDArray floats(NDManager manager, float[] values, Shape shape) {
    if (values.length != shape.size()) {
      throw new IllegalArgumentException(
          values.length + " values cannot fill an array of shape " + shape);
    }
    ByteBuffer bytes = buffer(values.length * (long) Float.BYTES);
    bytes.asFloatBuffer().put(values);
    bytes.limit(values.length * Float.BYTES);
    try (NDArray view = manager.create(bytes, shape, DataType.FLOAT32)) {
      return view.duplicate();
    }
  }

  private static ByteBuffer buffer(long bytes) {
    ByteBuffer buffer = BUFFER.get();
    if (buffer == null || buffer.capacity() < bytes) {
      // Grow by half again, so that batches of slowly growing size do not reallocate every time.
      long capacity =
          Math.max(bytes, buffer == null ? 0 : buffer.capacity() + buffer.capacity() / 2);
      buffer = ByteBuffer.allocateDirect(Math.toIntExact(capacity)).order(ByteOrder.nativeOrder());
      BUFFER.set(buffer);
    }
    buffer.clear();
    return buffer;
  }
}
