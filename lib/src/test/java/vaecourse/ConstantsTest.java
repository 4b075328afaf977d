package vaecourse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import vaecourse.distributions.DiagonalGaussian;
import vaecourse.distributions.KlDivergence;
import vaecourse.distributions.LogDensities;
import vaecourse.distributions.Reduction;

/**
 * Gradients stay right when a garbage collection falls between the forward and the backward pass.
 * Each case builds its expression, lets the collector free every unreachable direct buffer and
 * hands the freed memory out again (filled with NaN), and only then runs backward: a constant that
 * autograd kept in a Java buffer would be read back as garbage.
 */
class ConstantsTest {

  private static final float[] X = {-1.5f, -0.25f, 0.5f, 2f};

  @Test
  void scaledAndClampedExpressionsKeepTheirGradients() throws InterruptedException {
    // d/dx sum(0.5 x) = 0.5; d/dx sum(x / 4) = 0.25; d/dx sum(max(x, 0)) = [x > 0]
    assertArrayEquals(
        new float[] {0.5f, 0.5f, 0.5f, 0.5f}, gradient(x -> Constants.times(x, 0.5)), 0f);
    assertArrayEquals(
        new float[] {0.25f, 0.25f, 0.25f, 0.25f}, gradient(x -> Constants.dividedBy(x, 4)), 0f);
    assertArrayEquals(new float[] {0f, 0f, 1f, 1f}, gradient(x -> Constants.atLeast(x, 0)), 0f);
  }

  @Test
  void anOwnedCopyOutlivesItsJavaBuffer() throws InterruptedException {
    float[] w = {3f, -2f, 0.5f, 7f};
    float[] g = gradient(x -> x.mul(Constants.owned(x.getManager().create(w))));
    assertArrayEquals(w, g, 0f);
  }

  @Test
  void theCourseDensitiesKeepTheirGradients() throws InterruptedException {
    float[] halfStd = new float[X.length];
    float[] kl = new float[X.length];
    float[] normal = new float[X.length];
    for (int i = 0; i < X.length; i++) {
      halfStd[i] = (float) (0.5 * Math.exp(0.5 * X[i]));
      kl[i] = (float) (0.5 * (Math.exp(X[i]) - 1));
      normal[i] = -X[i];
    }
    // sigma = e^{lv / 2}; KL(N(0, e^lv) || N(0, 1)) in lv; log N(x; 0, 1) in x
    assertArrayEquals(
        halfStd, gradient(lv -> new DiagonalGaussian(lv.zerosLike(), lv).std()), 1e-6f);
    assertArrayEquals(
        kl, gradient(lv -> KlDivergence.diagonalToStandardNormal(lv.zerosLike(), lv)), 1e-6f);
    assertArrayEquals(normal, gradient(x -> LogDensities.standardNormal(x, Reduction.SUM)), 1e-6f);
  }

  @Test
  void doubleArraysGetDoubleConstants() throws InterruptedException {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(new double[] {1, 2});
      x.setRequiresGradient(true);
      try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
        NDArray y = Constants.times(x, 0.1).sum();
        GcBetweenPasses.freeAndReuseDirectBuffers();
        c.backward(y);
      }
      assertArrayEquals(
          new double[] {0.1, 0.1}, x.getGradient().toDoubleArray(), 0.0, "0.1 in float64");
      assertArrayEquals(new long[] {}, Constants.scalar(x, 0.1).getShape().getShape());
      assertArrayEquals(
          new double[] {0.1},
          new double[] {Constants.scalar(x, 0.1).toType(DataType.FLOAT64, false).getDouble()},
          0.0);
    }
  }

  private static float[] gradient(Function<NDArray, NDArray> f) throws InterruptedException {
    return GcBetweenPasses.gradient(X, f);
  }
}
