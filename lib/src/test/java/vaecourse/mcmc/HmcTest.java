package vaecourse.mcmc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vaecourse.data.Banana;

class HmcTest {

  /** log N(theta; mu, diag(sd^2)) up to a constant. */
  private static LogDensity gaussian(double[] mu, double[] sd) {
    return (theta, grad) -> {
      double lp = 0;
      for (int d = 0; d < theta.length; d++) {
        double z = (theta[d] - mu[d]) / sd[d];
        lp -= 0.5 * z * z;
        grad[d] = -z / sd[d];
      }
      return lp;
    };
  }

  @Test
  void oneLeapfrogStepByHand() {
    // Standard normal, theta = 1, r = 0.5, eps = 0.1: r' = 0.5 - 0.05 * 1 = 0.45,
    // theta' = 1 + 0.1 * 0.45 = 1.045, r'' = 0.45 - 0.05 * 1.045 = 0.39775.
    LogDensity target = gaussian(new double[] {0}, new double[] {1});
    double[] theta = {1};
    double[] r = {0.5};
    double[] grad = {-1};
    double lp = Hmc.leapfrog(target, theta, r, grad, 0.1);
    assertEquals(1.045, theta[0], 1e-15);
    assertEquals(0.39775, r[0], 1e-15);
    assertEquals(-1.045, grad[0], 1e-15);
    assertEquals(-0.5 * 1.045 * 1.045, lp, 1e-15);
  }

  @Test
  void leapfrogIsReversibleAndNearlyConservesEnergy() {
    Banana b = Banana.standard();
    LogDensity target = b::logJointAndGradient;
    double[] theta = {0.2, 0.6};
    double[] r = {0.3, -0.4};
    double[] grad = new double[2];
    double h0 = -target.logDensityAndGradient(theta, grad) + 0.5 * (0.09 + 0.16);
    double[] t = theta.clone();
    double[] p = r.clone();
    double lp = 0;
    for (int i = 0; i < 100; i++) {
      lp = Hmc.leapfrog(target, t, p, grad, 0.01);
    }
    double h1 = -lp + 0.5 * (p[0] * p[0] + p[1] * p[1]);
    assertEquals(h0, h1, 0.01, "energy error of 100 steps of 0.01");
    p[0] = -p[0];
    p[1] = -p[1];
    for (int i = 0; i < 100; i++) {
      Hmc.leapfrog(target, t, p, grad, 0.01);
    }
    assertArrayEquals(theta, t, 1e-9);
    assertArrayEquals(new double[] {-r[0], -r[1]}, p, 1e-9);
  }

  @Test
  void acceptanceFollowsTheEnergyDifference() {
    double[] r0 = {0, 0};
    double[] r1 = {1, 0}; // kinetic energy 0.5
    // Delta H = 0.5 - (logPi1 - logPi0) = 0.5 - 0.2 = 0.3: accept iff u < e^-0.3 = 0.7408.
    assertTrue(Hmc.accept(0, r0, 0.2, r1, 0.74));
    assertFalse(Hmc.accept(0, r0, 0.2, r1, 0.742));
    assertTrue(Hmc.accept(0, r1, -0.4, r0, 0.999), "a lower energy is always accepted");
    assertFalse(Hmc.accept(0, r0, Double.NaN, r1, 1e-9), "a diverged proposal is rejected");
  }

  @Test
  void samplesAGaussianWithTheRightMoments() {
    double[] mu = {1, -2};
    double[] sd = {0.5, 2};
    Chains c =
        Hmc.builder()
            .stepSize(0.2)
            .leapfrogSteps(10)
            .burnIn(200)
            .draws(2000)
            .build()
            .run(gaussian(mu, sd), Hmc.dispersedStarts(4, 2, 3, 1), 7);
    assertEquals(4, c.chainCount());
    assertEquals(2000, c.drawsPerChain());
    for (int d = 0; d < 2; d++) {
      double[][] x = c.coordinate(d);
      double s = 0;
      double ss = 0;
      int n = 0;
      for (double[] chain : x) {
        for (double v : chain) {
          s += v;
          ss += v * v;
          n++;
        }
      }
      double mean = s / n;
      double sdHat = Math.sqrt(ss / n - mean * mean);
      // 8000 draws with ESS in the thousands: the standard error of the mean is ~sd / 60.
      assertEquals(mu[d], mean, 0.1 * sd[d], "mean " + d);
      assertEquals(sd[d], sdHat, 0.1 * sd[d], "sd " + d);
      assertTrue(c.rhat(d) < 1.01, "R-hat " + c.rhat(d));
      assertTrue(c.essBulk(d) > 1000, "ESS " + c.essBulk(d));
    }
    assertTrue(c.meanAcceptance() > 0.6 && c.meanAcceptance() <= 1, "" + c.meanAcceptance());
  }

  @Test
  void bananaPosteriorMomentsMatchTheGrid() {
    Banana b = Banana.standard();
    Chains c =
        Hmc.builder()
            .stepSize(0.05)
            .leapfrogSteps(100)
            .burnIn(500)
            .draws(2000)
            .build()
            .run(b::logJointAndGradient, Hmc.dispersedStarts(4, 2, 1.5, 3), 11);
    // Exact moments on a fine grid: E[theta1], E[theta2^2] and E[theta1 + theta2^2].
    double[] t1 = Banana.linspace(-8, 5, 1301);
    double[] t2 = Banana.linspace(-4.5, 4.5, 901);
    double[] p = b.gridPosterior(t1, t2);
    double e1 = 0;
    double e22 = 0;
    for (int i = 0; i < t1.length; i++) {
      for (int j = 0; j < t2.length; j++) {
        e1 += p[i * t2.length + j] * t1[i];
        e22 += p[i * t2.length + j] * t2[j] * t2[j];
      }
    }
    double m1 = 0;
    double m22 = 0;
    double[][] all = c.pooled();
    for (double[] x : all) {
      m1 += x[0] / all.length;
      m22 += x[1] * x[1] / all.length;
    }
    assertEquals(e1, m1, 0.05);
    assertEquals(e22, m22, 0.05);
    assertTrue(c.rhat(0) < 1.01 && c.rhat(1) < 1.01, c.summary());
  }

  @Test
  void badSettingsAreNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Hmc.builder().stepSize(-1).leapfrogSteps(1).burnIn(0).draws(10).build());
    assertEquals("stepSize must be > 0 and finite, but was -1.0", e.getMessage());
    Hmc hmc = Hmc.builder().stepSize(0.1).leapfrogSteps(1).burnIn(0).draws(10).build();
    IllegalArgumentException f =
        assertThrows(
            IllegalArgumentException.class,
            () -> hmc.run((t, g) -> Double.NEGATIVE_INFINITY, new double[][] {{0}}, 1));
    assertEquals("the target is -Infinity at start 0; start where it is finite", f.getMessage());
  }
}
