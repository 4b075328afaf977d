package vaecourse.priors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class DensityGridTest {

  @Test
  void standardNormalMassOnASquareIsTheProductOfTwoErfs() {
    try (NDManager m = NDManager.newBaseManager()) {
      // P(|z| < 2) per axis = 0.9544997361 (erf(2 / sqrt 2), standard normal table); squared.
      double want = 0.9544997361036416 * 0.9544997361036416;
      DensityGrid g = DensityGrid.of(m, StandardNormalPrior.of(2), -2, 2, 200);
      assertEquals(want, g.mass(), 1e-4);
      assertEquals(0.02, g.cellWidth(), 1e-12);
      assertEquals(-1.99, g.midpoint(0), 1e-12);
      // Entry j * n + i sits at (x_i, y_j): log N at (-1.99, -1.99 + 0.02 * 3).
      double x = -1.99;
      double y = -1.99 + 0.06;
      assertEquals(-Math.log(2 * Math.PI) - (x * x + y * y) / 2, g.values()[3][0], 1e-5);
      // On [-8, 8]^2 the mass is 1 to within the midpoint rule's error.
      assertEquals(1.0, DensityGrid.of(m, StandardNormalPrior.of(2), -8, 8, 300).mass(), 1e-6);
    }
  }

  @Test
  void badGridsAreRejected() {
    try (NDManager m = NDManager.newBaseManager()) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> DensityGrid.of(m, StandardNormalPrior.of(3), -1, 1, 10));
      assertTrue(e.getMessage().contains("latentDim 3"), e.getMessage());
      e =
          assertThrows(
              IllegalArgumentException.class,
              () -> DensityGrid.of(m, StandardNormalPrior.of(2), 1, -1, 10));
      assertTrue(e.getMessage().contains("lo < hi"), e.getMessage());
      e =
          assertThrows(
              IllegalArgumentException.class, () -> DensityGrid.evaluate(m, z -> z, -1, 1, 4));
      assertTrue(e.getMessage().contains("returned shape"), e.getMessage());
    }
  }
}
