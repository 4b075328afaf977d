package vaecourse.distributions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class LogDensitiesTest {

  /** Float32 reference comparisons. */
  private static final double FLOAT_TOL = 1e-5;

  /** Float64 reference comparisons. */
  private static final double DOUBLE_TOL = 1e-12;

  private static final double LOG_2PI = Math.log(2 * Math.PI);

  @Test
  void bernoulliFromProbabilitiesMatchesHandValue() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(new double[] {1, 0}, new Shape(1, 2));
      NDArray p = m.create(new double[] {0.8, 0.3}, new Shape(1, 2));
      NDArray sum = LogDensities.bernoulli(x, p, Reduction.SUM);
      assertEquals(new Shape(1), sum.getShape());
      // log 0.8 + log 0.7, by hand.
      assertEquals(Math.log(0.8) + Math.log(0.7), sum.getDouble(0), DOUBLE_TOL);
      NDArray none = LogDensities.bernoulli(x, p, Reduction.NONE);
      assertEquals(new Shape(1, 2), none.getShape());
      NDArray mean = LogDensities.bernoulli(x, p, Reduction.MEAN);
      assertEquals((Math.log(0.8) + Math.log(0.7)) / 2, mean.getDouble(0), DOUBLE_TOL);
    }
  }

  @Test
  void bernoulliClampsProbabilitiesAtEps() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(new double[] {1}, new Shape(1, 1));
      NDArray p = m.create(new double[] {0}, new Shape(1, 1));
      // log(EPS) instead of -infinity.
      assertEquals(Math.log(LogDensities.EPS),
          LogDensities.bernoulli(x, p, Reduction.SUM).getDouble(0), DOUBLE_TOL);
    }
  }

  @Test
  void bernoulliFromLogitsIsStableAndMatchesProbabilities() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(new float[] {1, 0, 0.3f, 1, 0}, new Shape(1, 5));
      // logit(0.8) = ln 4, logit(0.3) = ln(3/7), 0.5 -> 0, then extreme logits.
      NDArray logits =
          m.create(new float[] {(float) Math.log(4), (float) Math.log(3.0 / 7), 0, -100, 100},
              new Shape(1, 5));
      float[] got = LogDensities.bernoulliLogits(x, logits, Reduction.NONE).toFloatArray();
      // Hand values: log 0.8, log 0.7, 0.3 log 0.5 + 0.7 log 0.5, and -100 (softplus(-100) ~ 0).
      float[] expected = {
        (float) Math.log(0.8), (float) Math.log(0.7), (float) Math.log(0.5), -100f, -100f
      };
      assertArrayEquals(expected, got, (float) FLOAT_TOL);
    }
  }

  @Test
  void bernoulliLogitsEqualsMinusBinaryCrossEntropy() {
    try (NDManager m = NDManager.newBaseManager()) {
      double[] xs = {0.0, 0.25, 1.0};
      double[] ls = {-2.0, 0.5, 3.0};
      NDArray x = m.create(xs, new Shape(1, 3));
      NDArray l = m.create(ls, new Shape(1, 3));
      double bce = 0;
      for (int i = 0; i < 3; i++) {
        double p = 1 / (1 + Math.exp(-ls[i]));
        bce += -(xs[i] * Math.log(p) + (1 - xs[i]) * Math.log(1 - p));
      }
      assertEquals(-bce, LogDensities.bernoulliLogits(x, l, Reduction.SUM).getDouble(0),
          DOUBLE_TOL);
    }
  }

  @Test
  void categoricalPicksTheObservedClass() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(new long[] {1, 2}, new Shape(1, 2));
      NDArray probs = m.create(new double[] {0.2, 0.5, 0.3, 0.1, 0.1, 0.8}, new Shape(1, 2, 3));
      NDArray lp = LogDensities.categorical(x, probs, Reduction.NONE);
      assertEquals(new Shape(1, 2), lp.getShape());
      assertArrayEquals(new double[] {Math.log(0.5), Math.log(0.8)}, lp.toDoubleArray(),
          DOUBLE_TOL);
      NDArray logits = probs.log();
      assertEquals(Math.log(0.5) + Math.log(0.8),
          LogDensities.categoricalLogits(x, logits, Reduction.SUM).getDouble(0), 1e-9);
    }
  }

  @Test
  void normalDiagMatchesFormula() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(new double[] {1, 2}, new Shape(1, 2));
      NDArray mu = m.create(new double[] {0, 1}, new Shape(1, 2));
      NDArray logVar = m.create(new double[] {0, Math.log(4)}, new Shape(1, 2));
      double[] got = LogDensities.normalDiag(x, mu, logVar, Reduction.NONE).toDoubleArray();
      // -(log 2pi + 1) / 2 and -(log 2pi + ln 4 + 1/4) / 2 (sigma = 2, z = 1/2), by hand.
      assertEquals(-0.5 * (LOG_2PI + 1), got[0], DOUBLE_TOL);
      assertEquals(-1.737085713764618, got[1], DOUBLE_TOL);
      NDArray std = LogDensities.standardNormal(m.create(new double[] {0}, new Shape(1, 1)),
          Reduction.SUM);
      assertEquals(-0.5 * LOG_2PI, std.getDouble(0), DOUBLE_TOL);
    }
  }

  @Test
  void laplaceMatchesFormula() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(new double[] {1, 3}, new Shape(1, 2));
      NDArray loc = m.create(new double[] {0, 1}, new Shape(1, 2));
      NDArray logScale = m.create(new double[] {0, Math.log(2)}, new Shape(1, 2));
      double[] got = LogDensities.laplace(x, loc, logScale, Reduction.NONE).toDoubleArray();
      // -log 2b - |x - m| / b: -ln 2 - 1 and -ln 4 - 1.
      assertEquals(-Math.log(2) - 1, got[0], DOUBLE_TOL);
      assertEquals(-Math.log(4) - 1, got[1], DOUBLE_TOL);
    }
  }

  @Test
  void mixtureMatchesHandComputedValues() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(new double[] {0, 1}, new Shape(2, 1));
      NDArray mu = m.create(new double[] {1, -1}, new Shape(2, 1));
      NDArray logVar = m.zeros(new Shape(2, 1), DataType.FLOAT64);
      NDArray equal = m.zeros(new Shape(2), DataType.FLOAT64);
      // Equal weights, symmetric means: at 0 the mixture equals N(0; 1, 1).
      assertEquals(-0.5 * (LOG_2PI + 1),
          LogDensities.mixtureOfGaussians(x, equal, mu, logVar).getDouble(0), DOUBLE_TOL);
      // Weights (1/4, 3/4): log(0.25 N(1; 1, 1) + 0.75 N(1; -1, 1)), from Python's math module.
      NDArray skewed = m.create(new double[] {0, Math.log(3)});
      assertEquals(-1.9644799404114321,
          LogDensities.mixtureOfGaussians(x, skewed, mu, logVar).getDouble(1), DOUBLE_TOL);
    }
  }

  @Test
  void logSumExpSurvivesLargeValues() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.create(new double[] {1000, 1000}, new Shape(1, 2));
      assertEquals(1000 + Math.log(2), LogDensities.logSumExp(a, 1).getDouble(0), DOUBLE_TOL);
    }
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(new double[] {0.2, 0.9, 0.5, 0.1}, new Shape(2, 2));
      NDArray p = m.create(new double[] {0.3, 0.6, 0.45, 0.2}, new Shape(2, 2));
      NDArray a = m.create(new double[] {-0.4, 1.3, 0.7, -2.0}, new Shape(2, 2));
      NDArray b = m.create(new double[] {0.1, -0.3, 0.2, 0.5}, new Shape(2, 2));
      GradientCheck.check(m, new NDList(x, p),
          l -> LogDensities.bernoulli(l.get(0), l.get(1), Reduction.SUM));
      GradientCheck.check(m, new NDList(x, a),
          l -> LogDensities.bernoulliLogits(l.get(0), l.get(1), Reduction.MEAN));
      GradientCheck.check(m, new NDList(a, x, b),
          l -> LogDensities.normalDiag(l.get(0), l.get(1), l.get(2), Reduction.SUM));
      GradientCheck.check(m, new NDList(a), l -> LogDensities.standardNormal(l.get(0),
          Reduction.NONE));
      GradientCheck.check(m, new NDList(a, x, b),
          l -> LogDensities.laplace(l.get(0), l.get(1), l.get(2), Reduction.SUM));
      NDArray probs = m.create(new double[] {0.2, 0.5, 0.3, 0.6, 0.3, 0.1}, new Shape(1, 2, 3));
      NDArray cls = m.create(new long[] {1, 0}, new Shape(1, 2));
      GradientCheck.check(m, new NDList(probs),
          l -> LogDensities.categorical(cls, l.get(0), Reduction.SUM));
      GradientCheck.check(m, new NDList(probs),
          l -> LogDensities.categoricalLogits(cls, l.get(0), Reduction.SUM));
      NDArray w = m.create(new double[] {0.3, -0.2, 0.1});
      NDArray mus = m.create(new double[] {0, 1, -1, 0.5, 0.3, -0.7}, new Shape(3, 2));
      NDArray lvs = m.create(new double[] {0, 0.2, -0.3, 0.1, 0.4, -0.1}, new Shape(3, 2));
      GradientCheck.check(m, new NDList(a, w, mus, lvs),
          l -> LogDensities.mixtureOfGaussians(l.get(0), l.get(1), l.get(2), l.get(3)));
    }
  }

  @Test
  void badShapesAreNamed() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.zeros(new Shape(4, 3));
      NDArray mu = m.zeros(new Shape(4, 2));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> LogDensities.normalDiag(x, mu, mu, Reduction.SUM));
      assertTrue(e.getMessage().contains("mu shape (4, 2)"), e.getMessage());
      IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
          () -> LogDensities.categorical(m.zeros(new Shape(2, 2)), m.zeros(new Shape(2, 2, 3)),
              Reduction.SUM));
      assertTrue(c.getMessage().contains("integer"), c.getMessage());
    }
  }
}
