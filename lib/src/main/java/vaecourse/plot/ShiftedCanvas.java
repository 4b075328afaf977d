package vaecourse.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;

/** A canvas that draws onto another one at an offset, so figures can be laid out side by side. */
final class ShiftedCanvas extends Canvas {

  private final Canvas target;
  private final double dx;
  private final double dy;

  ShiftedCanvas(Canvas target, double dx, double dy) {
    this.target = target;
    this.dx = dx;
    this.dy = dy;
  }

  @Override
  void line(double x1, double y1, double x2, double y2, Color color, double width) {
    target.line(x1 + dx, y1 + dy, x2 + dx, y2 + dy, color, width);
  }

  @Override
  void polyline(double[] xs, double[] ys, int from, int to, Color color, double width) {
    double[] sx = new double[xs.length];
    double[] sy = new double[ys.length];
    for (int i = from; i < to; i++) {
      sx[i] = xs[i] + dx;
      sy[i] = ys[i] + dy;
    }
    target.polyline(sx, sy, from, to, color, width);
  }

  @Override
  void circle(double cx, double cy, double r, Color fill, String tooltip) {
    target.circle(cx + dx, cy + dy, r, fill, tooltip);
  }

  @Override
  void rect(double x, double y, double w, double h, Color fill, Color stroke) {
    target.rect(x + dx, y + dy, w, h, fill, stroke);
  }

  @Override
  void bar(double x, double y, double w, double h, Color fill, String tooltip) {
    target.bar(x + dx, y + dy, w, h, fill, tooltip);
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
    target.text(x + dx, y + dy, text, size, color, anchor, vertical, bold);
  }

  @Override
  void image(double x, double y, double w, double h, BufferedImage image, String tooltip) {
    target.image(x + dx, y + dy, w, h, image, tooltip);
  }

  @Override
  void hover(double cx, double cy, double r, String tooltip) {
    target.hover(cx + dx, cy + dy, r, tooltip);
  }

  @Override
  void beginGroup(String cssClass) {
    target.beginGroup(cssClass);
  }

  @Override
  void endGroup() {
    target.endGroup();
  }
}
