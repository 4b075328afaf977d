package vaecourse.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/** Draws with Java2D onto an image (headless). */
final class PngCanvas extends Canvas {

  private final Graphics2D g;

  PngCanvas(BufferedImage target) {
    g = target.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, target.getWidth(), target.getHeight());
  }

  void dispose() {
    g.dispose();
  }

  @Override
  void line(double x1, double y1, double x2, double y2, Color color, double width) {
    g.setColor(color);
    g.setStroke(new BasicStroke((float) width));
    g.draw(new Line2D.Double(x1, y1, x2, y2));
  }

  @Override
  void polyline(double[] xs, double[] ys, int from, int to, Color color, double width) {
    Path2D.Double path = new Path2D.Double();
    path.moveTo(xs[from], ys[from]);
    for (int i = from + 1; i < to; i++) {
      path.lineTo(xs[i], ys[i]);
    }
    g.setColor(color);
    g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(path);
  }

  @Override
  void circle(double cx, double cy, double r, Color fill, String tooltip) {
    g.setColor(fill);
    g.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
  }

  @Override
  void rect(double x, double y, double w, double h, Color fill, Color stroke) {
    Rectangle2D.Double box = new Rectangle2D.Double(x, y, w, h);
    if (fill != null) {
      g.setColor(fill);
      g.fill(box);
    }
    if (stroke != null) {
      g.setColor(stroke);
      g.setStroke(new BasicStroke(1f));
      g.draw(box);
    }
  }

  @Override
  void bar(double x, double y, double w, double h, Color fill, String tooltip) {
    rect(x, y, w, h, fill, Color.WHITE);
  }

  @Override
  void text(
      double x,
      double y,
      String text,
      float size,
      Color color,
      Anchor anchor,
      boolean vertical,
      boolean bold) {
    g.setFont(font(size, bold));
    g.setColor(color);
    double width = textWidth(text, size, bold);
    double shift = anchor == Anchor.START ? 0 : anchor == Anchor.MIDDLE ? -width / 2 : -width;
    if (vertical) {
      AffineTransform saved = g.getTransform();
      g.translate(x, y);
      g.rotate(-Math.PI / 2);
      g.drawString(text, (float) shift, 0f);
      g.setTransform(saved);
    } else {
      g.drawString(text, (float) (x + shift), (float) y);
    }
  }

  @Override
  void image(double x, double y, double w, double h, BufferedImage image, String tooltip) {
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    g.drawImage(
        image,
        (int) Math.round(x),
        (int) Math.round(y),
        (int) Math.round(w),
        (int) Math.round(h),
        null);
  }

  @Override
  void hover(double cx, double cy, double r, String tooltip) {}
}
