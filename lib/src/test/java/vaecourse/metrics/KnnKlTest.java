package vaecourse.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KnnKlTest {

  private static double[][] gaussian(int n, double[] mu, double sd, Random r) {
    double[][] x = new double[n][mu.length];
    for (double[] p : x) {
      for (int d = 0; d < mu.length; d++) {
        p[d] = mu[d] + sd * r.nextGaussian();
      }
    }
    return x;
  }

  /** The mean estimate over 10 repeats, n = m draws each time. */
  private static double meanEstimate(
      int n, double[] muQ, double sdP, double sdQ, int k, long seed) {
    Random r = new Random(seed);
    int repeats = 10;
    double s = 0;
    for (int i = 0; i < repeats; i++) {
      double[][] p = gaussian(n, new double[] {0, 0}, sdP, r);
      double[][] q = gaussian(n, muQ, sdQ, r);
      s += KnnKl.estimate(p, q, k);
    }
    return s / repeats;
  }

  @Test
  void recoversTheKlOfGaussianPairsUpToItsBias() {
    // KL(N(0, I) || N(mu, I)) = |mu|^2 / 2 = 0.5.
    // KL(N(0, I) || N(0, 4 I)) in 2-D = (1/4 - 1 + log 4) = 0.6363.
    // Means of 10 repeats with n = m = 8000 are within 0.03 nats for k = 1 and 5 (measured
    // errors up to 0.02; the standard error of such a mean is about 0.01).
    double shift = 0.5;
    double scale = 0.25 - 1 + Math.log(4);
    for (int k : new int[] {1, 5}) {
      assertEquals(shift, meanEstimate(8000, new double[] {1, 0}, 1, 1, k, 10 + k), 0.03);
      assertEquals(scale, meanEstimate(8000, new double[] {0, 0}, 1, 2, k, 20 + k), 0.03);
      assertEquals(0, meanEstimate(8000, new double[] {0, 0}, 1, 1, k, 30 + k), 0.03);
    }
  }

  @Test
  void theBiasShrinksWithTheSampleSize() {
    // With k = 10 the estimate of the shift pair is pulled down at small n (about -0.07 nats at
    // n = 500, -0.02 at n = 8000): the k-th neighbour distance averages the densities over a ball
    // that shrinks only as (k / n)^(1/d).
    double small = meanEstimate(500, new double[] {1, 0}, 1, 1, 10, 40) - 0.5;
    double large = meanEstimate(8000, new double[] {1, 0}, 1, 1, 10, 41) - 0.5;
    assertTrue(small < -0.04, "bias at n = 500: " + small);
    assertTrue(Math.abs(large) < Math.abs(small) / 2, "bias at n = 8000: " + large);
  }

  @Test
  void neighbourSearchAgreesWithBruteForce() {
    Random r = new Random(3);
    double[][] p = gaussian(300, new double[] {0, 1}, 1, r);
    double[][] q = gaussian(200, new double[] {0.5, 0}, 1.5, r);
    for (int k : new int[] {1, 3}) {
      double sum = 0;
      for (double[] x : p) {
        double[] dp = new double[p.length - 1];
        int j = 0;
        for (double[] y : p) {
          if (y != x) {
            dp[j++] = Math.hypot(x[0] - y[0], x[1] - y[1]);
          }
        }
        double[] dq = new double[q.length];
        for (int i = 0; i < q.length; i++) {
          dq[i] = Math.hypot(x[0] - q[i][0], x[1] - q[i][1]);
        }
        Arrays.sort(dp);
        Arrays.sort(dq);
        sum += Math.log(dq[k - 1] / dp[k - 1]);
      }
      double want = 2 * sum / p.length + Math.log(q.length / (p.length - 1.0));
      assertEquals(want, KnnKl.estimate(p, q, k), 1e-10);
    }
  }

  @Test
  void badInputIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> KnnKl.estimate(new double[][] {{0, 0}}, new double[][] {{1, 1}}, 1));
    assertEquals("fromP needs at least k + 1 = 2 samples, but has 1", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> KnnKl.estimate(new double[][] {{0, 0}, {0, 0}}, new double[][] {{1, 1}}, 1));
  }
}
