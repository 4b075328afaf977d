package vaecourse.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class DensityPlotTest {

  /** The 50% highest-density region of N(0, I_2) is the disc of radius sqrt(2 ln 2). */
  private static final double HALF_MASS_RADIUS = Math.sqrt(2 * Math.log(2));

  private static final double RADIUS_TOL = 0.03;

  private static double[][] standardNormal(double lo, double hi, int n) {
    double h = (hi - lo) / n;
    double[][] g = new double[n][n];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        double x = lo + (i + 0.5) * h;
        double y = lo + (j + 0.5) * h;
        g[j][i] = -Math.log(2 * Math.PI) - (x * x + y * y) / 2;
      }
    }
    return g;
  }

  @Test
  void halfMassContourOfTheStandardNormalIsItsCircle() {
    DensityPlot p = DensityPlot.of("N(0, I)", -5, 5, standardNormal(-5, 5, 200));
    double t = p.threshold(0.5);
    assertEquals(-Math.log(2 * Math.PI) - HALF_MASS_RADIUS * HALF_MASS_RADIUS / 2, t, 0.02);
    List<double[]> segments = p.contour(t);
    assertTrue(segments.size() > 100, "a closed curve of many segments: " + segments.size());
    for (double[] s : segments) {
      assertEquals(HALF_MASS_RADIUS, Math.hypot(s[0], s[1]), RADIUS_TOL);
      assertEquals(HALF_MASS_RADIUS, Math.hypot(s[2], s[3]), RADIUS_TOL);
    }
  }

  @Test
  void pointsOutsideTheHighDensityRegionAreCounted() {
    DensityPlot p = DensityPlot.of("", -5, 5, standardNormal(-5, 5, 100));
    // Radii 0, 1.5 and 4, 4: the 0.5 region has radius 1.18, the 0.99 region radius 3.03.
    p.points(new double[][] {{0, 0}, {1.5, 0}, {4, 0}, {0, -4}}, null);
    assertEquals(0.5, p.fractionOutside(0.99), 0);
    assertEquals(0.75, p.fractionOutside(0.5), 0);
  }

  @Test
  void rendersShadingLinesAndPointsSideBySide() {
    DensityPlot a =
        DensityPlot.of("a", -3, 3, standardNormal(-3, 3, 60))
            .points(new double[][] {{1, 1}, {-1, 0.5}}, new int[] {0, 1});
    DensityPlot b = DensityPlot.of("b", -3, 3, standardNormal(-3, 3, 60));
    FigureRow row = FigureRow.of(a, b);
    assertEquals(a.width() + b.width() + 12, row.width());
    BufferedImage image = row.toImage();
    // The centre of the left plot is shaded (not white); far corners of the plot area are white.
    int centre = image.getRGB(a.width() / 2, a.height() / 2) & 0xffffff;
    assertTrue(centre != 0xffffff, "density shading at the centre");
    assertFalse(row.toMimeBundle().containsKey("text/html"));
    assertTrue(row.toText().contains("60x60 grid"), row.toText());
    assertThrows(IllegalArgumentException.class, () -> DensityPlot.of("", 1, 0, new double[2][2]));
    assertThrows(IllegalArgumentException.class, () -> DensityPlot.of("", 0, 1, new double[3][2]));
    assertThrows(IllegalArgumentException.class, () -> FigureRow.of());
  }
}
