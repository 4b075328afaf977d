package vaecourse.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ContourScatterTest {

  @Test
  void levelsEncloseTheRequestedMassOfAStandardNormal() {
    // For N(0, I_2) the highest-density region of mass m is the disc r^2 <= -2 log(1 - m), whose
    // edge has density (1 - m) / (2 pi). A 401 x 401 grid on [-6, 6]^2 resolves it to ~1%.
    int n = 401;
    double[] g = new double[n];
    for (int i = 0; i < n; i++) {
      g[i] = -6 + 12.0 * i / (n - 1);
    }
    double[] d = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        d[i * n + j] = Math.exp(-0.5 * (g[i] * g[i] + g[j] * g[j])) / (2 * Math.PI);
      }
    }
    ContourScatter c = ContourScatter.of("", g, g, d, new double[0][]).masses(0.5, 0.9);
    double[] levels = c.levels();
    assertEquals(0.5 / (2 * Math.PI), levels[0], 0.01 * levels[0]);
    assertEquals(0.1 / (2 * Math.PI), levels[1], 0.01 * levels[1]);
    // It renders, and the text names what it shows.
    // The lines add ink to the same plot drawn without them.
    BufferedImage with = c.toImage();
    BufferedImage without = ContourScatter.of("", g, g, d, new double[0][]).masses().toImage();
    int changed = 0;
    for (int y = 0; y < with.getHeight(); y++) {
      for (int x = 0; x < with.getWidth(); x++) {
        changed += with.getRGB(x, y) != without.getRGB(x, y) ? 1 : 0;
      }
    }
    // Two circles of radii 1.18 and 2.15 on a 12-wide plot of about 380 pixels: over 300 pixels.
    assertTrue(changed > 300, "contour pixels: " + changed);
    assertEquals(
        "ContourScatter: 0 points over the [0.5, 0.9] highest-density contours", c.toText());
  }

  @Test
  void gridLaysFiguresOutInRows() {
    LinePlot a = LinePlot.create("a").add("s", new double[] {1, 2, 3}).size(300, 200);
    LinePlot b = LinePlot.create("b").add("s", new double[] {3, 2, 1}).size(300, 250);
    FigureGrid row = FigureGrid.of(2, a, b, a);
    assertEquals(2 * 300 + 12, row.width());
    assertEquals(2 * 250 + 12, row.height());
    assertTrue(row.toPng().length > 1000);
    assertThrows(IllegalArgumentException.class, () -> FigureGrid.of(0, a));
  }
}
