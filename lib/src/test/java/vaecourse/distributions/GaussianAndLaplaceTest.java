package vaecourse.distributions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class GaussianAndLaplaceTest {

  private static final int DRAWS = 40_000;

  /** Monte Carlo tolerance for moments of {@link #DRAWS} draws (several standard errors). */
  private static final double MOMENT_TOL = 0.05;

  private static final double DOUBLE_TOL = 1e-12;

  @Test
  void rsampleHasTheRightMomentsAndCarriesGradients() {
    Engine.getInstance().setRandomSeed(11);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray mu = m.create(new double[] {1.5, -2.0}, new Shape(1, 2));
      NDArray logVar = m.create(new double[] {Math.log(0.25), Math.log(4)}, new Shape(1, 2));
      mu.setRequiresGradient(true);
      DiagonalGaussian q = new DiagonalGaussian(mu, logVar);
      NDArray z = q.rsample(DRAWS);
      assertEquals(new Shape(DRAWS, 1, 2), z.getShape());
      double[] mean = z.mean(new int[] {0}).toDoubleArray();
      double[] var = z.sub(z.mean(new int[] {0})).square().mean(new int[] {0}).toDoubleArray();
      assertArrayEquals(new double[] {1.5, -2.0}, mean, MOMENT_TOL);
      assertEquals(0.25, var[0], MOMENT_TOL);
      assertEquals(4.0, var[1], 4 * MOMENT_TOL);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(q.rsample().sum());
      }
      // dz/dmu = 1 for a reparameterized draw.
      assertArrayEquals(new double[] {1, 1}, mu.getGradient().toDoubleArray(), DOUBLE_TOL);
    }
  }

  @Test
  void seededDrawsRepeatExactly() {
    try (NDManager m = NDManager.newBaseManager()) {
      DiagonalGaussian q = new DiagonalGaussian(m.zeros(new Shape(3, 2)), m.zeros(new Shape(3,
          2)));
      Engine.getInstance().setRandomSeed(5);
      float[] first = q.rsample().toFloatArray();
      Engine.getInstance().setRandomSeed(5);
      float[] second = q.rsample().toFloatArray();
      assertArrayEquals(first, second, 0f);
    }
  }

  @Test
  void logProbAndEntropyMatchFormulas() {
    try (NDManager m = NDManager.newBaseManager()) {
      DiagonalGaussian q = new DiagonalGaussian(
          m.create(new double[] {0, 1}, new Shape(1, 2)),
          m.create(new double[] {0, Math.log(4)}, new Shape(1, 2)));
      NDArray z = m.create(new double[] {1, 2}, new Shape(1, 2));
      // Sum of the two hand values of LogDensitiesTest.normalDiagMatchesFormula.
      assertEquals(-0.5 * (Math.log(2 * Math.PI) + 1) - 1.737085713764618,
          q.logProb(z).getDouble(0), DOUBLE_TOL);
      // Entropy of N(0,1) + N(1,4): 0.5(1 + log 2pi) + 0.5(1 + log 2pi + ln 4).
      assertEquals(1 + Math.log(2 * Math.PI) + 0.5 * Math.log(4), q.entropy().getDouble(0),
          DOUBLE_TOL);
    }
  }

  @Test
  void laplaceReparameterizationHasTheRightMoments() {
    Engine.getInstance().setRandomSeed(3);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray loc = m.create(new double[] {0.5, -1}, new Shape(2));
      NDArray logScale = m.create(new double[] {0, Math.log(0.5)}, new Shape(2));
      loc.setRequiresGradient(true);
      logScale.setRequiresGradient(true);
      Laplace d = new Laplace(loc, logScale);
      NDArray z;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        z = d.rsample(new Shape(DRAWS, 2));
        gc.backward(z.sum());
      }
      double[] mean = z.mean(new int[] {0}).toDoubleArray();
      double[] var = z.sub(z.mean(new int[] {0})).square().mean(new int[] {0}).toDoubleArray();
      assertArrayEquals(new double[] {0.5, -1}, mean, MOMENT_TOL);
      // Var = 2 b^2: 2 and 0.5.
      assertEquals(2.0, var[0], 2 * MOMENT_TOL);
      assertEquals(0.5, var[1], MOMENT_TOL);
      // Mean absolute deviation E|z - m| = b: 1 and 0.5.
      double[] mad = z.sub(loc.stopGradient()).abs().mean(new int[] {0}).toDoubleArray();
      assertArrayEquals(new double[] {1, 0.5}, mad, MOMENT_TOL);
      assertArrayEquals(new double[] {DRAWS, DRAWS}, loc.getGradient().toDoubleArray(), 1e-6);
    }
  }

  @Test
  void laplaceLogProbIntegratesToOne() {
    try (NDManager m = NDManager.newBaseManager()) {
      Laplace d = new Laplace(m.create(new double[] {0.3}), m.create(new double[] {Math.log(0.7)}));
      int n = 20_001;
      double lo = -20;
      double h = 40.0 / (n - 1);
      double[] grid = new double[n];
      for (int i = 0; i < n; i++) {
        grid[i] = lo + i * h;
      }
      double[] logp = d.logProb(m.create(grid, new Shape(n, 1))).toDoubleArray();
      double integral = 0;
      for (int i = 0; i < n; i++) {
        integral += Math.exp(logp[i]) * h;
      }
      assertEquals(1.0, integral, 1e-3);
    }
  }

  @Test
  void rsampleGradientsMatchFiniteDifferencesWithFixedNoise() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray eps = m.create(new double[] {0.3, -1.2, 0.8, 0.1}, new Shape(2, 2));
      NDArray mu = m.create(new double[] {0.1, 0.2, -0.3, 0.4}, new Shape(2, 2));
      NDArray lv = m.create(new double[] {0.0, -0.5, 0.3, 0.2}, new Shape(2, 2));
      // z = mu + exp(logVar / 2) * eps with the noise held fixed, squared so the check is not
      // linear.
      GradientCheck.check(m, new NDList(mu, lv),
          l -> eps.mul(l.get(1).mul(0.5).exp()).add(l.get(0)).square());
    }
  }

  @Test
  void mismatchedShapesAndNaNAreRejectedByName() {
    try (NDManager m = NDManager.newBaseManager()) {
      IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
          () -> new DiagonalGaussian(m.zeros(new Shape(32, 2)), m.zeros(new Shape(32, 3))));
      assertEquals("logVar shape (32, 3) does not match mu shape (32, 2)", shape.getMessage());
      NDArray nan = m.create(new float[] {0, Float.NaN}, new Shape(1, 2));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> DiagonalGaussian.of(m.zeros(new Shape(1, 2)), nan));
      assertTrue(e.getMessage().startsWith("logVar must not contain NaN, but 1 of its 2"),
          e.getMessage());
      assertThrows(IllegalArgumentException.class,
          () -> new DiagonalGaussian(m.zeros(new Shape(1, 2)), m.zeros(new Shape(1,
              2))).rsample(0));
      assertThrows(IllegalArgumentException.class,
          () -> Laplace.of(m.create(new float[] {Float.NaN}), m.zeros(new Shape(1),
              DataType.FLOAT32)));
    }
  }
}
