package vaecourse.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KlDivergenceTest {

  private static final double DOUBLE_TOL = 1e-10;

  /** Monte Carlo tolerance for {@link #DRAWS} draws of the log-ratio. */
  private static final double MC_TOL = 0.02;

  private static final int DRAWS = 200_000;

  private static final double[] MU0 = {0.5, -1.0};
  private static final double[][] COV0 = {{1.0, 0.3}, {0.3, 0.5}};
  private static final double[] MU1 = {0.0, 0.2};
  private static final double[][] COV1 = {{2.0, -0.4}, {-0.4, 1.0}};

  @Test
  void diagonalToStandardNormalMatchesHandValue() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray mu = m.create(new double[] {1, 0}, new Shape(1, 2));
      NDArray logVar = m.create(new double[] {0, Math.log(2)}, new Shape(1, 2));
      // 0.5 [(1 + 1 - 1 - 0) + (0 + 2 - 1 - ln 2)], by hand.
      assertEquals(0.5 * (2 - Math.log(2)),
          KlDivergence.diagonalToStandardNormal(mu, logVar).getDouble(0), DOUBLE_TOL);
      // The general diagonal formula agrees when p = N(0, I).
      NDArray zeros = m.zeros(new Shape(1, 2), mu.getDataType());
      assertEquals(0.5 * (2 - Math.log(2)),
          KlDivergence.diagonal(mu, logVar, zeros, zeros).getDouble(0), DOUBLE_TOL);
    }
  }

  @Test
  void diagonalKlMatchesMonteCarlo() {
    Engine.getInstance().setRandomSeed(21);
    try (NDManager m = NDManager.newBaseManager()) {
      DiagonalGaussian q = new DiagonalGaussian(
          m.create(new double[] {0.7, -0.2}, new Shape(1, 2)),
          m.create(new double[] {Math.log(0.5), Math.log(1.5)}, new Shape(1, 2)));
      DiagonalGaussian p = new DiagonalGaussian(
          m.create(new double[] {0.0, 0.4}, new Shape(1, 2)),
          m.create(new double[] {0.0, Math.log(2.0)}, new Shape(1, 2)));
      NDArray z = q.rsample(DRAWS).stopGradient();
      double mc = q.logProb(z).sub(p.logProb(z)).mean().getDouble();
      assertEquals(q.kl(p).getDouble(0), mc, MC_TOL);
      double mcStd = q.logProb(z).sub(LogDensities.standardNormal(z, Reduction.SUM)).mean()
          .getDouble();
      assertEquals(q.klToStandardNormal().getDouble(0), mcStd, MC_TOL);
    }
  }

  @Test
  void fullCovarianceKlAgreesInTensorsDoublesAndMonteCarlo() {
    double exact = KlDivergence.multivariateNormal(MU0, COV0, MU1, COV1);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray t = KlDivergence.multivariateNormal(m.create(MU0), m.create(COV0), m.create(MU1),
          m.create(COV1));
      assertEquals(new Shape(), t.getShape());
      assertEquals(exact, t.getDouble(), DOUBLE_TOL);
    }
    // Monte Carlo: x = mu0 + L0 e with L0 the hand Cholesky factor of COV0, seed 99.
    double l11 = Math.sqrt(COV0[0][0]);
    double l21 = COV0[1][0] / l11;
    double l22 = Math.sqrt(COV0[1][1] - l21 * l21);
    Random rng = new Random(99);
    double sum = 0;
    for (int i = 0; i < DRAWS; i++) {
      double e1 = rng.nextGaussian();
      double e2 = rng.nextGaussian();
      double[] x = {MU0[0] + l11 * e1, MU0[1] + l21 * e1 + l22 * e2};
      sum += logMvn(x, MU0, COV0) - logMvn(x, MU1, COV1);
    }
    assertEquals(exact, sum / DRAWS, MC_TOL);
  }

  @Test
  void fullCovarianceKlReducesToDiagonalAndIsZeroForEqualArguments() {
    double[][] diag = {{0.5, 0}, {0, 1.5}};
    double[][] eye = {{1, 0}, {0, 1}};
    double full = KlDivergence.multivariateNormal(new double[] {0.7, -0.2}, diag,
        new double[] {0, 0}, eye);
    double byHand = 0.5 * (0.49 + 0.5 - 1 - Math.log(0.5)) + 0.5 * (0.04 + 1.5 - 1 - Math.log(1.5));
    assertEquals(byHand, full, DOUBLE_TOL);
    assertEquals(0.0, KlDivergence.multivariateNormal(MU0, COV0, MU0, COV0), DOUBLE_TOL);
  }

  @Test
  void klGradientsMatchFiniteDifferences() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray mu = m.create(new double[] {0.3, -0.7, 1.1, 0.2}, new Shape(2, 2));
      NDArray lv = m.create(new double[] {0.1, -0.4, 0.6, 0.0}, new Shape(2, 2));
      NDArray mu2 = m.create(new double[] {-0.2, 0.5, 0.0, 0.3}, new Shape(2, 2));
      NDArray lv2 = m.create(new double[] {0.3, 0.2, -0.1, 0.4}, new Shape(2, 2));
      GradientCheck.check(m, new NDList(mu, lv),
          l -> KlDivergence.diagonalToStandardNormal(l.get(0), l.get(1)));
      GradientCheck.check(m, new NDList(mu, lv, mu2, lv2),
          l -> KlDivergence.diagonal(l.get(0), l.get(1), l.get(2), l.get(3)));
      GradientCheck.check(m, new NDList(m.create(MU0), m.create(COV0), m.create(MU1),
              m.create(COV1)),
          l -> KlDivergence.multivariateNormal(l.get(0), l.get(1), l.get(2), l.get(3)));
    }
  }

  @Test
  void badCovariancesAreRejectedByName() {
    double[][] notPd = {{1, 2}, {2, 1}};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KlDivergence.multivariateNormal(MU0, COV0, MU1, notPd));
    assertTrue(e.getMessage().startsWith("cov1 must be positive definite"), e.getMessage());
    double[][] nan = {{1, 0}, {0, Double.NaN}};
    assertThrows(IllegalArgumentException.class,
        () -> KlDivergence.multivariateNormal(MU0, nan, MU1, COV1));
    try (NDManager m = NDManager.newBaseManager()) {
      IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
          () -> KlDivergence.multivariateNormal(m.create(MU0), m.create(COV0), m.create(MU1),
              m.create(notPd)));
      assertTrue(t.getMessage().contains("cov1 must be positive definite, but Cholesky pivot 1"),
          t.getMessage());
      assertThrows(IllegalArgumentException.class,
          () -> KlDivergence.multivariateNormal(m.create(MU0), m.create(new double[] {1, 2, 3}),
              m.create(MU1), m.create(COV1)));
    }
  }

  /** log N(x; mu, cov) for 2x2 cov, written out: -log 2pi - 0.5 log det - 0.5 d^T cov^-1 d. */
  private static double logMvn(double[] x, double[] mu, double[][] c) {
    double det = c[0][0] * c[1][1] - c[0][1] * c[1][0];
    double d0 = x[0] - mu[0];
    double d1 = x[1] - mu[1];
    double quad = (c[1][1] * d0 * d0 - 2 * c[0][1] * d0 * d1 + c[0][0] * d1 * d1) / det;
    return -Math.log(2 * Math.PI) - 0.5 * Math.log(det) - 0.5 * quad;
  }
}
