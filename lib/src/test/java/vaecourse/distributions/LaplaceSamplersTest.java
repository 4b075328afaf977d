package vaecourse.distributions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import vaecourse.grading.KolmogorovSmirnov;

/** Both Laplace reparameterizations against the Laplace law: moments and Kolmogorov-Smirnov. */
class LaplaceSamplersTest {

  private static final int DRAWS = 100_000;

  /** Moment tolerance: about 5 standard errors of the sample mean of |z - m| and z^2 here. */
  private static final double MOMENT_TOL = 0.03;

  /** The KS level: a correct sampler fails one seed in a thousand. */
  private static final double ALPHA = 1e-3;

  private static void checkSampler(long seed, Function<Laplace, NDArray> draw) {
    Engine.getInstance().setRandomSeed((int) seed);
    try (NDManager m = NDManager.newBaseManager()) {
      double loc = 0.5;
      double scale = 0.7;
      NDArray locA = m.create(new float[] {(float) loc});
      NDArray logScale = m.create(new float[] {(float) Math.log(scale)});
      locA.setRequiresGradient(true);
      logScale.setRequiresGradient(true);
      NDArray z;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        z = draw.apply(new Laplace(locA, logScale));
        gc.backward(z.sum());
      }
      assertEquals(new Shape(DRAWS, 1), z.getShape());
      double[] v = toDouble(z);
      double mean = 0;
      double mad = 0;
      double var = 0;
      for (double x : v) {
        mean += x / v.length;
        mad += Math.abs(x - loc) / v.length;
        var += (x - loc) * (x - loc) / v.length;
      }
      // E z = m, E|z - m| = b, Var z = 2 b^2.
      assertEquals(loc, mean, MOMENT_TOL);
      assertEquals(scale, mad, MOMENT_TOL);
      assertEquals(2 * scale * scale, var, 2 * MOMENT_TOL);
      KolmogorovSmirnov.assertFits("Laplace draws", v, t -> Laplace.cdf(t, loc, scale), ALPHA);
      // dz/dm = 1 for every draw; dz/dlog b = z - m, whose sum is about 0.
      assertEquals(DRAWS, locA.getGradient().getFloat(0), 1e-2);
      assertEquals(0, logScale.getGradient().getFloat(0) / DRAWS, MOMENT_TOL);
    }
  }

  @Test
  void inverseCdfDrawsFollowTheLaplaceLaw() {
    checkSampler(601, d -> d.rsample(new Shape(DRAWS, 1)));
  }

  @Test
  void differenceOfExponentialsFollowsTheLaplaceLaw() {
    checkSampler(602, d -> d.rsampleFromExponentials(new Shape(DRAWS, 1)));
  }

  @Test
  void theTestRejectsAGaussianWithTheSameMeanAndVariance() {
    Engine.getInstance().setRandomSeed(603);
    try (NDManager m = NDManager.newBaseManager()) {
      double scale = 0.7;
      // N(0, 2 b^2) matches the Laplace's first two moments; KS must still tell them apart.
      double[] g =
          toDouble(
              m.randomNormal(
                  0f, (float) (Math.sqrt(2) * scale), new Shape(20_000), DataType.FLOAT32));
      double d = KolmogorovSmirnov.statistic(g, t -> Laplace.cdf(t, 0, scale));
      assertTrue(KolmogorovSmirnov.pValue(d, g.length) < 1e-6, "D = " + d);
      assertThrows(
          AssertionError.class,
          () -> KolmogorovSmirnov.assertFits("gauss", g, t -> Laplace.cdf(t, 0, scale), ALPHA));
    }
  }

  @Test
  void statisticAndPValueMatchHandValuesAndTables() {
    // Uniform CDF on {0.1, 0.5, 0.9}: the largest gap is 1/3 - 0.1 = 0.9 - 2/3 = 0.2333.
    double d = KolmogorovSmirnov.statistic(new double[] {0.9, 0.1, 0.5}, t -> t);
    assertEquals(0.7 / 3, d, 1e-12);
    // Tables of the Kolmogorov distribution: P(K > 1.3581) = 0.05, P(K > 1.6276) = 0.01.
    int n = 1_000_000;
    assertEquals(0.05, KolmogorovSmirnov.pValue(1.3581 / Math.sqrt(n), n), 1e-3);
    assertEquals(0.01, KolmogorovSmirnov.pValue(1.6276 / Math.sqrt(n), n), 3e-4);
    assertEquals(1, KolmogorovSmirnov.pValue(0, 10), 0);
    assertThrows(
        IllegalArgumentException.class, () -> KolmogorovSmirnov.statistic(new double[0], t -> t));
  }

  @Test
  void cdfMatchesTheDensityIntegral() {
    // F(m) = 1/2, F(m + b) = 1 - e^{-1}/2, F(m - b) = e^{-1}/2.
    assertArrayEquals(
        new double[] {0.5, 1 - Math.exp(-1) / 2, Math.exp(-1) / 2},
        new double[] {
          Laplace.cdf(0.5, 0.5, 2), Laplace.cdf(2.5, 0.5, 2), Laplace.cdf(-1.5, 0.5, 2)
        },
        1e-12);
    assertThrows(IllegalArgumentException.class, () -> Laplace.cdf(0, 0, 0));
  }

  private static double[] toDouble(NDArray a) {
    float[] f = a.toFloatArray();
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }
}
