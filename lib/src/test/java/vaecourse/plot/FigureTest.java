package vaecourse.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleAnchor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

class FigureTest {

  /** A rendered plot should colour at least this fraction of its pixels non-white. */
  private static final double MIN_INK = 0.01;

  @TempDir Path dir;

  private static BufferedImage decode(String base64) throws IOException {
    return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
  }

  private static double inkFraction(BufferedImage image) {
    long ink = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) != 0xffffff) {
          ink++;
        }
      }
    }
    return ink / (double) (image.getWidth() * image.getHeight());
  }

  private static boolean hasColour(BufferedImage image, int rgb) {
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == rgb) {
          return true;
        }
      }
    }
    return false;
  }

  /** Pixels of exactly this colour inside the rectangle. */
  private static int count(BufferedImage image, int rgb, int x0, int y0, int x1, int y1) {
    int n = 0;
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        n += (image.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
      }
    }
    return n;
  }

  @Test
  void linePlotRendersPngHtmlAndText() throws IOException {
    double[] epochs = {1, 2, 3, 4, 5};
    LinePlot plot =
        LinePlot.create("Loss")
            .xLabel("epoch")
            .yLabel("nats")
            .add("train", epochs, new double[] {200, 150, 130, 120, 115})
            .add("validation", epochs, new double[] {210, 160, 140, 135, 136})
            .size(500, 300);
    Map<String, String> bundle = plot.toMimeBundle();
    BufferedImage png = decode(bundle.get("image/png"));
    assertEquals(500, png.getWidth());
    assertEquals(300, png.getHeight());
    assertTrue(inkFraction(png) > MIN_INK, "plot is nearly blank");
    assertTrue(inkFraction(png) < 0.5);
    // Both series' colours appear (their markers' centres), in the middle of the picture, not
    // in the margins where the title and axis labels are.
    for (int k = 0; k < 2; k++) {
      int rgb = Palette.color(k).getRGB() & 0xffffff;
      assertTrue(count(png, rgb, 60, 30, 490, 260) > 20, "series " + k + " colour missing");
    }
    // The background is white: the corners of the picture.
    assertEquals(0xffffff, png.getRGB(0, 0) & 0xffffff);
    assertEquals(0xffffff, png.getRGB(499, 299) & 0xffffff);
    // The hover form is the same PNG with an image map whose areas carry each point's values.
    String html = plot.toHtml();
    assertTrue(html.contains("<img src=\"data:image/png;base64,"), html);
    java.util.regex.Matcher map =
        java.util.regex.Pattern.compile("usemap=\"#([^\"]+)\"").matcher(html);
    assertTrue(map.find(), "no image map");
    assertTrue(html.contains("<map id=\"" + map.group(1) + "\" name=\"" + map.group(1) + "\">"));
    assertTrue(html.contains("title=\"train\nepoch = 3\nnats = 130\""), "tooltip missing");
    assertTrue(html.contains("title=\"validation\nepoch = 4\nnats = 135\""), "tooltip missing");
    assertEquals(10, html.split("<area ", -1).length - 1, "one area per point");
    assertFalse(html.contains("<script"), "figures must not need scripts");
    assertFalse(html.contains("src=\"http"), "no external files");
    assertEquals(
        "Loss\n  train: 5 points, last 115 at 5, min 115 at 5\n"
            + "  validation: 5 points, last 136 at 5, min 135 at 4",
        bundle.get("text/plain"));
    Path file = dir.resolve("out/loss.png");
    plot.savePng(file);
    assertEquals(500, ImageIO.read(file.toFile()).getWidth());
  }

  @Test
  void svgFormCarriesThePictureAndTheHoverRegions() {
    String svg =
        LinePlot.create("s").add("a", new double[] {1, 2, 4}, new double[] {0.5, 0.25, 2}).toSvg();
    assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\""), svg);
    assertTrue(svg.contains("<image width=\"640\" height=\"400\" href=\"data:image/png;base64,"));
    assertEquals(3, svg.split("<path ", -1).length - 1, "one region per point");
    assertTrue(svg.contains("<title>a\nx = 4\ny = 2</title>"), "tooltip missing");
  }

  @Test
  void axesAndTicksComeFromTheChartLibrary() {
    // Two epochs: whole-number ticks only.
    LinePlot epochs = LinePlot.create("").add("loss", new double[] {1, 2}, new double[] {3, 2.5});
    JFreeChart chart = epochs.chart();
    chart.createBufferedImage(640, 400);
    NumberAxis x = (NumberAxis) chart.getXYPlot().getDomainAxis();
    assertEquals(1, x.getTickUnit().getSize(), 0);
    // Fractional x: finer ticks are allowed.
    LinePlot fine = LinePlot.create("").add("f", new double[] {0.1, 0.2}, new double[] {1, 2});
    JFreeChart fineChart = fine.chart();
    fineChart.createBufferedImage(640, 400);
    assertTrue(((NumberAxis) fineChart.getXYPlot().getDomainAxis()).getTickUnit().getSize() < 1);
  }

  @Test
  void theLegendGoesWhereTheLinesLeaveRoom() {
    double[] x = {1, 2, 3, 4, 5};
    // Falling curves leave the top right empty, rising ones the top left.
    LinePlot falling = LinePlot.create("").add("a", x, new double[] {5, 3, 2, 1.5, 1.2});
    assertEquals(
        RectangleAnchor.TOP_RIGHT, ChartFigure.emptiestCorner(falling.chart().getXYPlot(), 1));
    LinePlot rising = LinePlot.create("").add("a", x, new double[] {1, 1.5, 2, 3, 5});
    assertEquals(
        RectangleAnchor.TOP_LEFT, ChartFigure.emptiestCorner(rising.chart().getXYPlot(), 1));
  }

  @Test
  void logScaleLeavesOutNonPositiveValues() throws IOException {
    LinePlot plot =
        LinePlot.create("")
            .logY()
            .add("g", new double[] {1, 2, 3, 4}, new double[] {0, 10, 1000, -5});
    XYPlot xy = plot.chart().getXYPlot();
    assertTrue(xy.getRangeAxis() instanceof LogAxis, xy.getRangeAxis().getClass().toString());
    assertFalse(xy.getDomainAxis() instanceof LogAxis);
    // The axis spans the positive values 10 and 1000 (with margins), not 0 or -5.
    org.jfree.data.Range range = xy.getRangeAxis().getRange();
    assertTrue(range.getLowerBound() > 1 && range.getLowerBound() < 10, range.toString());
    assertTrue(range.getUpperBound() > 1000 && range.getUpperBound() < 10000, range.toString());
    BufferedImage png = decode(plot.toMimeBundle().get("image/png"));
    assertTrue(inkFraction(png) > MIN_INK);
    // Major ticks one decade apart: 10^1, 10^2, 10^3, never 10^1.5.
    JFreeChart chart = plot.chart();
    chart.createBufferedImage(640, 400);
    assertEquals(1, ((LogAxis) chart.getXYPlot().getRangeAxis()).getTickUnit().getSize(), 0);
    // Only the two points that can be drawn carry a tooltip.
    assertEquals(2, plot.toHtml().split("<area ", -1).length - 1);
  }

  @Test
  void badSeriesAreRefusedWithTheirSizes() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> LinePlot.create("").add("s", new double[] {1, 2}, new double[] {1}));
    assertEquals("series 's': x has 2 values but y has 1", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> ScatterPlot.of("", new double[] {1}, new double[] {1, 2}, null));
    // An empty plot and an all-NaN series still draw a frame.
    assertTrue(inkFraction(LinePlot.create("empty").toImage()) > 0);
    assertTrue(
        inkFraction(LinePlot.create("").add("nan", new double[] {Double.NaN, Double.NaN}).toImage())
            > 0);
  }

  @Test
  void scatterColoursPointsByLabel() throws IOException {
    int n = 300;
    double[] x = new double[n];
    double[] y = new double[n];
    int[] labels = new int[n];
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < n; i++) {
      labels[i] = i % 3;
      x[i] = labels[i] * 4 + r.nextGaussian();
      y[i] = r.nextGaussian();
    }
    ScatterPlot plot = ScatterPlot.of("latent", x, y, labels).point(3, 1f);
    BufferedImage png = plot.toImage();
    assertEquals(560, png.getWidth());
    for (int c = 0; c < 3; c++) {
      int rgb = Palette.color(c).getRGB() & 0xffffff;
      assertTrue(hasColour(png, rgb), "class " + c + " colour missing");
    }
    assertFalse(hasColour(png, Palette.color(5).getRGB() & 0xffffff));
    String html = plot.toHtml();
    assertTrue(html.contains("title=\"2\n("), "tooltip with label missing");
    assertTrue(plot.toText().startsWith("latent: 300 points"), plot.toText());
    assertTrue(plot.toText().endsWith("classes [0, 1, 2]"), plot.toText());
  }

  @Test
  void imageGridShowsDigitsAtTheRightSize() throws IOException {
    try (NDManager m = NDManager.newBaseManager()) {
      // 16 images: image k is a vertical bar in column k + 4.
      float[] pixels = new float[16 * 784];
      for (int k = 0; k < 16; k++) {
        for (int r = 0; r < 28; r++) {
          pixels[k * 784 + r * 28 + k + 4] = 1f;
        }
      }
      NDArray flat = m.create(pixels, new Shape(16, 784));
      ImageGrid grid = ImageGrid.of(flat, 4, 4).scale(2);
      // 4 cells of 56 pixels plus 5 gaps of 2.
      assertEquals(4 * 56 + 5 * 2, grid.width());
      BufferedImage png = decode(grid.toMimeBundle().get("image/png"));
      assertEquals(234, png.getWidth());
      assertEquals(234, png.getHeight());
      // Cell (0, 0), image 0: the bar is at column 4, scaled to x = 2 + 8.
      assertEquals(0xffffff, png.getRGB(2 + 8, 2 + 20) & 0xffffff);
      assertEquals(0x000000, png.getRGB(2 + 20, 2 + 20) & 0xffffff);
      assertFalse(grid.toMimeBundle().containsKey("text/html"));

      NDArray nchw = flat.reshape(16, 1, 28, 28);
      Panels panels =
          ImageGrid.sideBySide(
              ImageGrid.of(nchw, 4, 4).scale(2).title("real"),
              ImageGrid.of(nchw, 4, 4).scale(2).title("generated"));
      BufferedImage both = decode(panels.toMimeBundle().get("image/png"));
      assertEquals(2 * 234 + 24, both.getWidth());
      assertEquals(234 + 26, both.getHeight());
      assertEquals(List.of("text/plain", "image/png"), List.copyOf(panels.toMimeBundle().keySet()));
      assertEquals(
          "Panels[ImageGrid[real: 16 images of 28x28 in 4x4], "
              + "ImageGrid[generated: 16 images of 28x28 in 4x4]]",
          panels.toText());
    }
  }

  @Test
  void imageGridRejectsOddShapes() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray bad = m.zeros(new Shape(4, 3, 28, 28));
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(bad, 2, 2));
      assertEquals(
          "images must have shape [n, h*w], [n, h, w] or [n, 1, h, w] but had" + " (4, 3, 28, 28)",
          e.getMessage());
    }
  }

  @Test
  void tableViewGivesHtmlAndText() {
    Table t =
        Table.create(
            "bounds",
            DoubleColumn.create("K", 1, 10, 100),
            DoubleColumn.create("L_K", -120.5, -118.25, -117.0));
    Map<String, String> bundle = TableView.of(t, 2).toMimeBundle();
    assertTrue(bundle.get("text/html").contains("<th>L_K</th>"));
    assertTrue(bundle.get("text/html").contains("1 more rows not shown"));
    assertTrue(bundle.get("text/plain").contains("-120.5"), bundle.get("text/plain"));
  }

  @Test
  void tsneSeparatesTwoClustersAndRepeatsWithItsSeed() {
    int n = 60;
    double[][] points = new double[n][5];
    java.util.Random r = new java.util.Random(2);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 5; j++) {
        points[i][j] = (i < n / 2 ? 0 : 10) + r.nextGaussian();
      }
    }
    double[][] a = Tsne.embed(points, 10, 300, 7);
    double[][] b = Tsne.embed(points, 10, 300, 7);
    assertEquals(n, a.length);
    assertEquals(2, a[0].length);
    assertEquals(a[5][0], b[5][0], 1e-9);
    // Mean distance within a cluster is smaller than between the two cluster centres.
    double[] c0 = centre(a, 0, n / 2);
    double[] c1 = centre(a, n / 2, n);
    double between = Math.hypot(c0[0] - c1[0], c0[1] - c1[1]);
    double within = 0;
    for (int i = 0; i < n / 2; i++) {
      within += Math.hypot(a[i][0] - c0[0], a[i][1] - c0[1]) / (n / 2.0);
    }
    assertTrue(within < between / 2, "within " + within + ", between " + between);
  }

  private static double[] centre(double[][] p, int from, int to) {
    double[] c = new double[2];
    for (int i = from; i < to; i++) {
      c[0] += p[i][0] / (to - from);
      c[1] += p[i][1] / (to - from);
    }
    return c;
  }

  @Test
  void histogramCountsEveryFiniteValueOnce() throws IOException {
    double[] values = {0, 0.1, 0.2, 0.9, 1.0, Double.NaN, 0.55};
    Histogram h = Histogram.of("h", values, 4);
    // Bins [0, .25), [.25, .5), [.5, .75), [.75, 1]: the maximum falls in the last bin.
    assertEquals("[3, 0, 1, 2]", java.util.Arrays.toString(h.counts()));
    assertTrue(inkFraction(decode(h.toMimeBundle().get("image/png"))) > MIN_INK);
    assertTrue(h.toHtml().contains("title=\"[0, 0.25)\ncount 3\""), "bar tooltip");
    // A chart without a plotly form shows its hover map; the map's picture is the bundle's PNG.
    Map<String, String> bundle = h.toMimeBundle();
    assertTrue(bundle.get("text/html").contains("base64," + bundle.get("image/png") + "\""));
    // One area per bar; the empty bin has no bar to hover.
    assertEquals(3, bundle.get("text/html").split("<area ", -1).length - 1, "one area per bar");
    // Four bars in the palette's first colour, the tallest (3) three times the shortest (1).
    BufferedImage png = h.toImage();
    int blue = Palette.color(0).getRGB() & 0xffffff;
    int[] heights = new int[png.getWidth()];
    for (int x = 0; x < png.getWidth(); x++) {
      for (int y = 0; y < png.getHeight(); y++) {
        heights[x] += (png.getRGB(x, y) & 0xffffff) == blue ? 1 : 0;
      }
    }
    int tallest = java.util.Arrays.stream(heights).max().getAsInt();
    int shortest = java.util.Arrays.stream(heights).filter(v -> v > 0).min().getAsInt();
    assertEquals(3.0, tallest / (double) shortest, 0.1);
    assertEquals(
        "no finite values to plot among 1 (all NaN or infinite?)",
        assertThrows(
                IllegalArgumentException.class,
                () -> Histogram.of("", new double[] {Double.NaN}, 3))
            .getMessage());
  }

  @Test
  void htmlPageIsSelfContained() throws IOException {
    Path page = dir.resolve("fig.html");
    LinePlot.create("x").add("a", new double[] {1, 2}).saveHtml(page);
    String html = Files.readString(page);
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertFalse(html.contains("cdn"), "no CDN");
  }
}
