package vaecourse.mcmc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DiagnosticsTest {

  /** Relative tolerance of an ESS estimate from 4 chains of 5000 draws (its spread is ~5%). */
  private static final double ESS_REL_TOL = 0.15;

  private static double[][] ar1(int chains, int n, double phi, long seed) {
    Random r = new Random(seed);
    double[][] out = new double[chains][n];
    double sd = Math.sqrt(1 - phi * phi);
    for (double[] c : out) {
      double x = r.nextGaussian(); // start in the stationary distribution N(0, 1)
      for (int i = 0; i < n; i++) {
        c[i] = x;
        x = phi * x + sd * r.nextGaussian();
      }
    }
    return out;
  }

  @Test
  void splitRhatByHand() {
    // Halves [1,2], [3,4], [2,3], [4,5]: within variances 0.5, means 1.5, 3.5, 2.5, 4.5 with
    // variance 5/3, so var+ = (1/2)(0.5) + 5/3 = 23/12 and R-hat = sqrt((23/12) / 0.5).
    double[][] chains = {{1, 2, 3, 4}, {2, 3, 4, 5}};
    assertEquals(Math.sqrt(23.0 / 6), Diagnostics.splitRhat(chains), 1e-12);
  }

  @Test
  void essOfIndependentDrawsIsTheirNumber() {
    double[][] iid = ar1(4, 5000, 0, 1);
    double ess = Diagnostics.ess(iid);
    assertEquals(20000, ess, ESS_REL_TOL * 20000);
    assertEquals(20000, Diagnostics.essBulk(iid), ESS_REL_TOL * 20000);
  }

  @Test
  void essOfAr1ChainsIsTheKnownValue() {
    // AR(1) with coefficient phi: rho_t = phi^t, tau = (1 + phi) / (1 - phi).
    for (double phi : new double[] {0.5, 0.9}) {
      double[][] chains = ar1(4, 5000, phi, 2);
      double want = 20000 * (1 - phi) / (1 + phi);
      assertEquals(want, Diagnostics.ess(chains), ESS_REL_TOL * want, "phi " + phi);
      assertEquals(want, Diagnostics.essBulk(chains), ESS_REL_TOL * want, "bulk, phi " + phi);
    }
  }

  @Test
  void rhatIsOneForMixedChainsAndLargeForChainsThatDisagree() {
    double[][] mixed = ar1(4, 2000, 0.5, 3);
    assertTrue(Diagnostics.rhat(mixed) < 1.01, "mixed: " + Diagnostics.rhat(mixed));
    double[][] shifted = ar1(4, 2000, 0.5, 4);
    for (int i = 0; i < shifted[0].length; i++) {
      shifted[0][i] += 2.0; // one chain stuck two standard deviations away
    }
    assertTrue(Diagnostics.rhat(shifted) > 1.1, "shifted: " + Diagnostics.rhat(shifted));
    // A chain with the right mean but twice the spread: only the folded (tail) R-hat sees it.
    double[][] wide = ar1(4, 2000, 0, 5);
    for (int i = 0; i < wide[0].length; i++) {
      wide[0][i] *= 3;
    }
    assertTrue(Diagnostics.rhat(wide) > 1.05, "wide: " + Diagnostics.rhat(wide));
    // A drifting chain: splitting catches it although its overall mean is right.
    double[][] drift = ar1(4, 2000, 0, 6);
    for (double[] c : drift) {
      for (int i = 0; i < c.length; i++) {
        c[i] += 2.0 * i / c.length - 1;
      }
    }
    assertTrue(Diagnostics.rhat(drift) > 1.1, "drift: " + Diagnostics.rhat(drift));
  }

  @Test
  void rankNormalizationAveragesTiesAndKeepsOrder() {
    double[][] z = Diagnostics.rankNormalize(new double[][] {{3, 1}, {1, 2}});
    // Ranks 4, 1.5 / 1.5, 3 of S = 4: z = Phi^-1((r - 3/8) / 4.25).
    org.apache.commons.math3.distribution.NormalDistribution n =
        new org.apache.commons.math3.distribution.NormalDistribution(0, 1);
    double[] want = {
      n.inverseCumulativeProbability(3.625 / 4.25), n.inverseCumulativeProbability(1.125 / 4.25)
    };
    assertArrayEquals(want, z[0], 1e-12);
    assertEquals(z[0][1], z[1][0], 0);
  }

  @Test
  void badChainsAreNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Diagnostics.rhat(new double[][] {{1, 2, 3, 4}, {1, 2, 3}}));
    assertEquals(
        "all chains must have the same length, but chain 1 has 3 draws and chain 0 has 4",
        e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> Diagnostics.ess(new double[][] {{1, 2, Double.NaN}}));
  }
}
