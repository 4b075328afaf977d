package vaecourse.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import vaecourse.Constants;

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
 *
 * <p>The rows of a batch are gathered into a float array that is kept per thread too ({@link
 * #scratch}): a new 313 KB array every step filled the young generation with fresh pages, each a
 * page fault when first written (6% of an MLP step once the heap had grown).
 */
final class Staging {

  private static final ThreadLocal<ByteBuffer> BUFFER = new ThreadLocal<>();
  private static final ThreadLocal<float[]> SCRATCH = new ThreadLocal<>();

  /**
   * The most floats a kept buffer or scratch array holds, 4 Mi (16 MiB): batches fit many times
   * over, while a whole data set handed over at once (60,000 images are 188 MB) gets memory of its
   * own that is given back with it, instead of staying with the thread for the rest of the run.
   */
  static final int KEPT_FLOATS = 1 << 22;

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
    return floats(manager, values, values.length, shape);
  }

  /**
   * A float32 array of this shape holding the first {@code count} entries of {@code values}, which
   * may be longer (a {@link #scratch} array).
   *
   * @throws IllegalArgumentException if {@code count} does not match the shape or exceeds the
   *     values
   */
  static NDArray floats(NDManager manager, float[] values, int count, Shape shape) {
    if (count != shape.size() || count > values.length) {
      throw new IllegalArgumentException(
          count + " of " + values.length + " values cannot fill an array of shape " + shape);
    }
    if (count > KEPT_FLOATS) {
      // The engine's tensor then lives in a direct buffer of its own, given back with the tensor.
      return manager.create(FloatBuffer.wrap(values, 0, count), shape, DataType.FLOAT32);
    }
    ByteBuffer bytes = BUFFER.get();
    if (bytes == null || bytes.capacity() < count * Float.BYTES) {
      int floats = grown(bytes == null ? 0 : bytes.capacity() / Float.BYTES, count);
      bytes = ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder());
      BUFFER.set(bytes);
    }
    bytes.clear();
    bytes.asFloatBuffer().put(values, 0, count);
    bytes.limit(count * Float.BYTES);
    return Constants.owned(manager.create(bytes, shape, DataType.FLOAT32));
  }

  /**
   * A float array of at least {@code length} entries, kept for this thread and handed out again by
   * the next call: fill it, pass it to {@link #floats(NDManager, float[], int, Shape)}, and do not
   * keep it. Its entries beyond what the caller writes hold whatever was there before.
   */
  static float[] scratch(int length) {
    if (length > KEPT_FLOATS) {
      return new float[length];
    }
    float[] array = SCRATCH.get();
    if (array == null || array.length < length) {
      array = new float[grown(array == null ? 0 : array.length, length)];
      SCRATCH.set(array);
    }
    return array;
  }

  /** The capacity of this thread's kept buffer in floats, 0 before the first array is staged. */
  static int keptBufferFloats() {
    ByteBuffer bytes = BUFFER.get();
    return bytes == null ? 0 : bytes.capacity() / Float.BYTES;
  }

  /**
   * The new length of a kept buffer or array of {@code current} floats that must hold {@code
   * needed} ({@code <= KEPT_FLOATS}): half again as long, so that batches of slowly growing size do
   * not reallocate every time, but never longer than {@link #KEPT_FLOATS}.
   */
  private static int grown(int current, int needed) {
    return Math.max(needed, Math.min(current + current / 2, KEPT_FLOATS));
  }
}
