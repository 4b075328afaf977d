package vaecourse.priors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class PriorsTest {

  private static final int DRAWS = 50_000;

  /** Monte Carlo tolerance on means and variances of {@link #DRAWS} draws. */
  private static final double MOMENT_TOL = 0.05;

  private static final double FLOAT_TOL = 1e-5;

  /** Riemann-sum tolerance of a density integrated on a fine grid. */
  private static final double INTEGRAL_TOL = 1e-3;

  @Test
  void standardNormalDensityAndSamples() {
    Engine.getInstance().setRandomSeed(8);
    try (NDManager m = NDManager.newBaseManager()) {
      StandardNormalPrior p = StandardNormalPrior.of(2);
      NDArray z = m.create(new float[] {0, 0, 1, -1}, new Shape(2, 2));
      // -log 2pi and -log 2pi - 1 (sum over two coordinates), by hand.
      assertArrayEquals(
          new float[] {(float) -Math.log(2 * Math.PI), (float) (-Math.log(2 * Math.PI) - 1)},
          p.logProb(z).toFloatArray(),
          (float) FLOAT_TOL);
      NDArray s = p.sample(m, DRAWS);
      assertEquals(new Shape(DRAWS, 2), s.getShape());
      assertArrayEquals(
          new float[] {0, 0}, s.mean(new int[] {0}).toFloatArray(), (float) MOMENT_TOL);
      assertTrue(p.isStandardNormal());
    }
  }

  /** A 1-D mixture with weights (0.2, 0.8), means (-2, 1), variances (0.25, 1). */
  private static MixtureOfGaussiansPrior fixedMixture(NDManager m) {
    MixtureOfGaussiansPrior p = MixtureOfGaussiansPrior.of(1, 2);
    p.initialize(m, DataType.FLOAT32, new Shape(1, 1));
    p.getParameters().get("weightLogits").getArray().set(new float[] {0, (float) Math.log(4)});
    p.getParameters().get("means").getArray().set(new float[] {-2, 1});
    p.getParameters().get("logVars").getArray().set(new float[] {(float) Math.log(0.25), 0});
    return p;
  }

  @Test
  void mixtureDensityMatchesHandValueAndIntegratesToOne() {
    try (NDManager m = NDManager.newBaseManager()) {
      MixtureOfGaussiansPrior p = fixedMixture(m);
      assertArrayEquals(new float[] {0.2f, 0.8f}, p.weights().toFloatArray(), 1e-6f);
      // At z = 0: 0.2 N(0; -2, 0.25) + 0.8 N(0; 1, 1), written out.
      double d =
          0.2 * Math.exp(-8) / Math.sqrt(2 * Math.PI * 0.25)
              + 0.8 * Math.exp(-0.5) / Math.sqrt(2 * Math.PI);
      assertEquals(Math.log(d), p.logProb(m.zeros(new Shape(1, 1))).getFloat(0), FLOAT_TOL);
      int n = 16_001;
      double h = 16.0 / (n - 1);
      float[] grid = new float[n];
      for (int i = 0; i < n; i++) {
        grid[i] = (float) (-8 + i * h);
      }
      float[] logp = p.logProb(m.create(grid, new Shape(n, 1))).toFloatArray();
      double mass = 0;
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mass += Math.exp(logp[i]) * h;
        mean += grid[i] * Math.exp(logp[i]) * h;
      }
      assertEquals(1.0, mass, INTEGRAL_TOL);
      // E z = 0.2 (-2) + 0.8 (1) = 0.4.
      assertEquals(0.4, mean, INTEGRAL_TOL);
    }
  }

  @Test
  void mixtureDensityOfFarApartComponentsDoesNotUnderflow() {
    try (NDManager m = NDManager.newBaseManager()) {
      // Equal weights, unit variances, means -1000 and 1000 in 1-D: at z = 1000 the far
      // component's term is exp(-2e6), so log p = log(1/2) + log N(0; 0, 1) exactly, while the
      // naive log of a sum of exp(log N) underflows to -inf at z = 0 (both terms exp(-5e5)).
      MixtureOfGaussiansPrior p = MixtureOfGaussiansPrior.of(1, 2);
      p.initialize(m, DataType.FLOAT32, new Shape(1, 1));
      p.getParameters().get("means").getArray().set(new float[] {-1000, 1000});
      float[] logp = p.logProb(m.create(new float[] {1000, 0}, new Shape(2, 1))).toFloatArray();
      double logN0 = -0.5 * Math.log(2 * Math.PI);
      assertEquals(Math.log(0.5) + logN0, logp[0], FLOAT_TOL);
      // At z = 0: log(2 * 0.5 * N(1000; 0, 1)) = logN0 - 500000.
      assertEquals(logN0 - 500_000, logp[1], 500_000 * 1e-6);
    }
  }

  @Test
  void mixtureSamplesHaveTheDensityMoments() {
    Engine.getInstance().setRandomSeed(13);
    try (NDManager m = NDManager.newBaseManager()) {
      MixtureOfGaussiansPrior p = fixedMixture(m);
      NDArray s = p.sample(m, DRAWS);
      assertEquals(new Shape(DRAWS, 1), s.getShape());
      double mean = s.mean().getFloat();
      double var = s.sub(mean).square().mean().getFloat();
      // Mean 0.4; variance sum_k pi_k (sigma_k^2 + mu_k^2) - mean^2 = 0.2 * 4.25 + 0.8 * 2 - 0.16.
      assertEquals(0.4, mean, MOMENT_TOL);
      assertEquals(0.2 * 4.25 + 0.8 * 2 - 0.16, var, 2 * MOMENT_TOL);
      // Fraction of draws from the left component (z < -0.5 catches nearly all of them).
      double left = s.lt(-0.5).toType(DataType.FLOAT32, false).mean().getFloat();
      assertEquals(0.2 + 0.8 * 0.0668, left, 0.01);
    }
  }

  @Test
  void mixtureSamplingRepeatsUnderTheSameSeed() {
    try (NDManager m = NDManager.newBaseManager()) {
      MixtureOfGaussiansPrior p = fixedMixture(m);
      Engine.getInstance().setRandomSeed(17);
      float[] a = p.sample(m, 50).toFloatArray();
      Engine.getInstance().setRandomSeed(17);
      float[] b = p.sample(m, 50).toFloatArray();
      assertArrayEquals(a, b, 0f);
    }
  }

  @Test
  void badArgumentsAreNamed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MixtureOfGaussiansPrior.of(2, 0));
    assertEquals("components must be > 0, but was 0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> StandardNormalPrior.of(0));
    try (NDManager m = NDManager.newBaseManager()) {
      MixtureOfGaussiansPrior p = fixedMixture(m);
      IllegalArgumentException shape =
          assertThrows(IllegalArgumentException.class, () -> p.logProb(m.zeros(new Shape(3, 2))));
      assertEquals("z must have shape [batch, 1], but has shape (3, 2)", shape.getMessage());
      assertThrows(IllegalStateException.class, () -> MixtureOfGaussiansPrior.of(1, 2).means());
    }
  }
}
