package vaecourse;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.function.Function;

/**
 * Gradients taken with a garbage collection between the forward and the backward pass: the
 * collector frees every unreachable direct buffer, and the freed memory is handed out again filled
 * with NaN, so that a tensor autograd kept over a Java buffer reads back garbage.
 */
final class GcBetweenPasses {

  private GcBetweenPasses() {}

  /** The gradient of {@code f(x).sum()} at {@code x} (shape {@code [1, x.length]}). */
  static float[] gradient(float[] x, Function<NDArray, NDArray> f) throws InterruptedException {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray in = m.create(x, new Shape(1, x.length));
      in.setRequiresGradient(true);
      try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
        NDArray y = f.apply(in).sum();
        freeAndReuseDirectBuffers();
        c.backward(y);
      }
      return in.getGradient().toFloatArray();
    }
  }

  /** Frees the unreachable direct buffers and reuses their memory, filled with NaN. */
  static void freeAndReuseDirectBuffers() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(20);
    }
    for (int i = 0; i < 2000; i++) {
      ByteBuffer.allocateDirect(Float.BYTES).putFloat(0, Float.NaN);
    }
  }
}
