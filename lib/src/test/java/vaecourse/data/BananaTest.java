package vaecourse.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class BananaTest {

  /** Agreement of two evaluations of the same double-precision formula. */
  private static final double EXACT = 1e-9;

  /** Central differences with step 1e-6 on a log-density of size ~200. */
  private static final double FD_TOL = 1e-4;

  private static final double[][] POINTS = {{0.3, -0.8}, {-1.2, 1.1}, {0.9, 0.05}, {-2, -1.7}};

  @Test
  void theStandardDataSetIsTheDocumentedDraw() {
    Banana b = Banana.standard();
    assertEquals(100, b.size());
    // java.util.Random is fully specified by the Java SE API (a 48-bit LCG), so these values are
    // the same on every JVM: new Random(18) gives theta* = (0.601..., -0.805...), mean of y 0.935.
    java.util.Random r = new java.util.Random(18);
    double t1 = r.nextGaussian();
    double t2 = r.nextGaussian();
    assertArrayEquals(new double[] {t1, t2}, b.thetaStar(), 0);
    assertEquals(t1 + t2 * t2 + 2 * r.nextGaussian(), b.y()[0], 1e-14);
    assertEquals(0.935, b.mean(), 5e-4);
  }

  @Test
  void logJointIsTheSumOfNormalLogDensities() {
    Banana b = Banana.standard();
    NormalDistribution prior = new NormalDistribution(0, 1);
    for (double[] t : POINTS) {
      NormalDistribution lik = new NormalDistribution(t[0] + t[1] * t[1], 2);
      double want = prior.logDensity(t[0]) + prior.logDensity(t[1]);
      for (double v : b.y()) {
        want += lik.logDensity(v);
      }
      assertEquals(want, b.logJoint(t[0], t[1]), EXACT * Math.abs(want));
    }
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    Banana b = Banana.standard();
    double h = 1e-6;
    for (double[] t : POINTS) {
      double[] grad = new double[2];
      double value = b.logJointAndGradient(t, grad);
      assertEquals(b.logJoint(t[0], t[1]), value, 0);
      double d1 = (b.logJoint(t[0] + h, t[1]) - b.logJoint(t[0] - h, t[1])) / (2 * h);
      double d2 = (b.logJoint(t[0], t[1] + h) - b.logJoint(t[0], t[1] - h)) / (2 * h);
      assertEquals(d1, grad[0], FD_TOL);
      assertEquals(d2, grad[1], FD_TOL);
    }
  }

  @Test
  void tensorLogJointMatchesTheDoubleOne() {
    Banana b = Banana.standard();
    try (NDManager m = NDManager.newBaseManager()) {
      double[] flat = new double[POINTS.length * 2];
      for (int i = 0; i < POINTS.length; i++) {
        flat[2 * i] = POINTS[i][0];
        flat[2 * i + 1] = POINTS[i][1];
      }
      NDArray lj = b.logJoint(m.create(flat, new Shape(POINTS.length, 2)));
      assertEquals(new Shape(POINTS.length), lj.getShape());
      for (int i = 0; i < POINTS.length; i++) {
        assertEquals(b.logJoint(POINTS[i][0], POINTS[i][1]), lj.getDouble(i), 1e-9);
      }
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> b.logJoint(m.zeros(new Shape(3))));
      assertEquals("theta must have shape [S, 2], but has shape (3)", e.getMessage());
    }
  }

  @Test
  void gridEvidenceConvergesToTheOneDimensionalClosedForm() {
    Banana b = Banana.standard();
    double exact = b.logEvidenceOneDimensional();
    double coarse = b.logEvidence(Banana.GRID_THETA1, Banana.GRID_THETA2, 0.04);
    double medium = b.logEvidence(Banana.GRID_THETA1, Banana.GRID_THETA2, 0.02);
    double fine = b.logEvidence();
    // The trapezoidal rule on a smooth, fast-decaying integrand: the error falls fast with the
    // step.
    assertTrue(Math.abs(medium - exact) < Math.abs(coarse - exact) || coarse == exact);
    assertEquals(exact, fine, 1e-9);
    assertEquals(exact, medium, 1e-6);
    // A wider box adds nothing: the mass outside the default one is negligible.
    double wide = b.logEvidence(new double[] {-12, 8}, new double[] {-6, 6}, 0.01);
    assertEquals(exact, wide, 1e-9);
  }

  @Test
  void evidenceOfOneObservationMatchesAMonteCarloIntegral() {
    // Independent check of the closed form: p(y) = E_{theta ~ prior} N(y; theta1 + theta2^2, 4),
    // 2,000,000 prior draws, seed 5; the standard error is far below the tolerance.
    Banana b = Banana.of(0.7);
    java.util.Random r = new java.util.Random(5);
    NormalDistribution unit = new NormalDistribution(0, 2);
    double s = 0;
    int n = 2_000_000;
    for (int i = 0; i < n; i++) {
      double t1 = r.nextGaussian();
      double t2 = r.nextGaussian();
      s += unit.density(0.7 - t1 - t2 * t2);
    }
    assertEquals(Math.log(s / n), b.logEvidenceOneDimensional(), 3e-3);
    // The default box is sized for n = 100; one observation leaves a wider posterior, so the
    // grid misses a little more tail mass (about 2e-8 here).
    assertEquals(b.logEvidenceOneDimensional(), b.logEvidence(), 1e-6);
  }

  @Test
  void gridPosteriorIsNormalized() {
    Banana b = Banana.standard();
    double[] p = b.gridPosterior(Banana.linspace(-3, 2, 51), Banana.linspace(-2, 2, 41));
    double s = 0;
    for (double v : p) {
      s += v;
    }
    assertEquals(1, s, 1e-12);
  }

  @Test
  void badInputIsNamed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Banana.of(1, Double.NaN));
    assertEquals("y[1] must be finite, but was NaN", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Banana.generate(1, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> Banana.standard().logEvidence(new double[] {1, 0}, new double[] {0, 1}, 0.1));
  }
}
