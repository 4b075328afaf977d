package vaecourse.mcmc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GridMetropolisTest {

  private static double[] randomDistribution(int n, long seed) {
    Random r = new Random(seed);
    double[] p = new double[n];
    double s = 0;
    for (int i = 0; i < n; i++) {
      p[i] = Math.exp(2 * r.nextGaussian());
      s += p[i];
    }
    for (int i = 0; i < n; i++) {
      p[i] /= s;
    }
    return p;
  }

  @Test
  void kernelSatisfiesDetailedBalanceAndIsStochastic() {
    int rows = 5;
    int cols = 6;
    double[] p = randomDistribution(rows * cols, 1);
    GridMetropolis k = GridMetropolis.of(p, rows, cols, 2);
    for (int y = 0; y < p.length; y++) {
      double column = 0;
      for (int x = 0; x < p.length; x++) {
        double txy = k.transition(x, y);
        assertTrue(txy >= 0);
        column += txy;
        assertEquals(p[y] * txy, p[x] * k.transition(y, x), 1e-15);
      }
      assertEquals(1, column, 1e-12);
    }
  }

  @Test
  void stepIsTheTransitionMatrixAndLeavesTheTargetInvariant() {
    int rows = 4;
    int cols = 5;
    double[] p = randomDistribution(rows * cols, 2);
    double[] q = randomDistribution(rows * cols, 3);
    GridMetropolis k = GridMetropolis.of(p, rows, cols, 1);
    double[] stepped = k.step(q);
    for (int x = 0; x < q.length; x++) {
      double want = 0;
      for (int y = 0; y < q.length; y++) {
        want += q[y] * k.transition(x, y);
      }
      assertEquals(want, stepped[x], 1e-15);
    }
    assertArrayEquals(p, k.step(p), 1e-15);
  }

  @Test
  void klToTheTargetFallsAtEveryStep() {
    int rows = 30;
    int cols = 30;
    double[] p = randomDistribution(rows * cols, 4);
    double[] q = new double[rows * cols];
    q[0] = 1; // all mass in one corner
    GridMetropolis k = GridMetropolis.of(p, rows, cols, 2);
    double before = GridMetropolis.kl(q, p);
    for (int t = 0; t < 200; t++) {
      q = k.step(q);
      double after = GridMetropolis.kl(q, p);
      assertTrue(after < before, "step " + t + ": " + after + " >= " + before);
      before = after;
    }
    assertEquals(0, GridMetropolis.kl(p, p), 0);
  }

  @Test
  void badInputIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GridMetropolis.of(new double[] {0.5, 0.6}, 1, 2, 1));
    assertTrue(e.getMessage().startsWith("p must sum to 1, but sums to 1.1"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> GridMetropolis.of(new double[] {1}, 1, 2, 1));
  }
}
