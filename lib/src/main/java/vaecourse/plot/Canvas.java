package vaecourse.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The drawing operations a figure needs, with two back ends: Java2D for PNG and SVG text for
 * interactive HTML. Coordinates are pixels from the top-left corner.
 */
abstract class Canvas {

  /** Horizontal text alignment. */
  enum Anchor {
    START,
    MIDDLE,
    END
  }

  static final String FONT_FAMILY = "DejaVu Sans";
  private static final FontMetrics[] METRICS = new FontMetrics[64];

  abstract void line(double x1, double y1, double x2, double y2, Color color, double width);

  abstract void polyline(double[] xs, double[] ys, int from, int to, Color color, double width);

  abstract void circle(double cx, double cy, double r, Color fill, String tooltip);

  abstract void rect(double x, double y, double w, double h, Color fill, Color stroke);

  /** A filled rectangle with a tooltip (a histogram bar). */
  abstract void bar(double x, double y, double w, double h, Color fill, String tooltip);

  abstract void text(
      double x,
      double y,
      String text,
      float size,
      Color color,
      Anchor anchor,
      boolean vertical,
      boolean bold);

  abstract void image(double x, double y, double w, double h, BufferedImage image, String tooltip);

  /** An invisible hover target with a tooltip (SVG only; nothing in PNG). */
  abstract void hover(double cx, double cy, double r, String tooltip);

  /** Starts a group that highlights together on hover (SVG only). */
  void beginGroup(String cssClass) {}

  void endGroup() {}

  /** The width of a text in pixels, measured with the same font for both back ends. */
  static synchronized double textWidth(String text, float size, boolean bold) {
    int key = Math.min(31, Math.round(size)) + (bold ? 32 : 0);
    if (METRICS[key] == null) {
      BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
      Graphics2D g = scratch.createGraphics();
      g.setRenderingHint(
          RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      METRICS[key] = g.getFontMetrics(font(Math.round(size), bold));
      g.dispose();
    }
    return METRICS[key].stringWidth(text);
  }

  static Font font(float size, boolean bold) {
    return new Font(FONT_FAMILY, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont(size);
  }
}
