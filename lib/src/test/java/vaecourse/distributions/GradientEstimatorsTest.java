package vaecourse.distributions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class GradientEstimatorsTest {

  private static final int SAMPLES = 20_000;

  /** Tolerance on the mean of {@link #SAMPLES} estimates (the score function is the noisy one). */
  private static final double MEAN_TOL = 0.15;

  @Test
  void bothEstimatorsAreUnbiasedAndThePathwiseOneHasLowerVariance() {
    Engine.getInstance().setRandomSeed(601);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray mu = m.create(new double[] {0.5, -1.0});
      NDArray logVar = m.create(new double[] {0.0, Math.log(0.5)});
      // f(z) = sum z^2, so E f = sum (mu^2 + sigma^2): d/dmu = 2 mu, d/dlogVar = sigma^2.
      double[] exact = {1.0, -2.0, 1.0, 0.5};
      NDArray rep =
          GradientEstimators.reparameterization(
              mu, logVar, z -> z.square().sum(new int[] {1}), SAMPLES);
      NDArray score =
          GradientEstimators.scoreFunction(mu, logVar, z -> z.square().sum(new int[] {1}), SAMPLES);
      assertEquals(SAMPLES, rep.getShape().get(0));
      assertEquals(4, rep.getShape().get(1));
      assertArrayEquals(exact, rep.mean(new int[] {0}).toDoubleArray(), MEAN_TOL / 5);
      assertArrayEquals(exact, score.mean(new int[] {0}).toDoubleArray(), MEAN_TOL);
      double[] repVar =
          rep.sub(rep.mean(new int[] {0})).square().mean(new int[] {0}).toDoubleArray();
      double[] scoreVar =
          score.sub(score.mean(new int[] {0})).square().mean(new int[] {0}).toDoubleArray();
      for (int i = 0; i < 4; i++) {
        assertTrue(
            repVar[i] < scoreVar[i], "coordinate " + i + ": " + repVar[i] + " vs " + scoreVar[i]);
      }
    }
  }
}
