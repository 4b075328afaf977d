package vaecourse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The engine agent (module {@code agent}, on every course JVM and on these tests): DJL's own scalar
 * forms, which build their constant from a Java buffer, keep their gradients when a garbage
 * collection falls between the forward and the backward pass. Without the agent the first case
 * reads back about 7e-41 instead of 0.5.
 */
class EngineAgentTest {

  private static final float[] X = {-1.5f, -0.25f, 0.5f, 2f};

  @Test
  void theAgentPatchedTheEngine() {
    try (NDManager m = NDManager.newBaseManager()) {
      m.create(1f).close();
    }
    assertEquals("copying", System.getProperty("vaecourse.agent.blobs"));
  }

  @Test
  void djlScalarFormsKeepTheirGradients() throws InterruptedException {
    // d/dx sum(0.5 x) = 0.5; sum(x / 4): 0.25; sum(max(x, 0)): [x > 0]; sum(x^3): 3 x^2
    assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, gradient(x -> x.mul(0.5)), 0f);
    assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f}, gradient(x -> x.div(4)), 0f);
    assertArrayEquals(new float[] {0f, 0f, 1f, 1f}, gradient(x -> x.maximum(0)), 0f);
    float[] cube = new float[X.length];
    for (int i = 0; i < X.length; i++) {
      cube[i] = 3 * X[i] * X[i];
    }
    assertArrayEquals(cube, gradient(x -> x.pow(3)), 1e-6f);
  }

  @Test
  void anArrayFromJavaValuesOutlivesItsBuffer() throws InterruptedException {
    float[] w = {3f, -2f, 0.5f, 7f};
    Function<NDArray, NDArray> timesW =
        x -> {
          // Closed before backward: only the engine's copy of w is left for autograd.
          try (NDArray weights = x.getManager().create(w)) {
            return x.mul(weights);
          }
        };
    assertArrayEquals(w, gradient(timesW), 0f);
  }

  @Test
  void anArrayNoLongerSharesTheBufferItWasMadeFrom() {
    ByteBuffer buffer = ByteBuffer.allocateDirect(2 * Float.BYTES).order(ByteOrder.nativeOrder());
    buffer.putFloat(0, 1f).putFloat(4, 2f);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.create(buffer, new Shape(2), DataType.FLOAT32);
      buffer.putFloat(0, 99f);
      assertArrayEquals(new float[] {1f, 2f}, a.toFloatArray(), 0f);
    }
  }

  private static float[] gradient(Function<NDArray, NDArray> f) throws InterruptedException {
    return GcBetweenPasses.gradient(X, f);
  }
}
