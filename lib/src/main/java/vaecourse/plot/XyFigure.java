package vaecourse.plot;

import java.awt.Color;
import java.util.List;

/** Shared frame of plots with two numeric axes: title, axes, ticks, grid, axis labels, legend. */
abstract class XyFigure extends Figure {

  static final Color INK = new Color(0x222222);
  static final Color GRID = new Color(0xe6e6e6);
  static final float TICK_FONT = 11f;
  static final float LABEL_FONT = 12.5f;
  static final float TITLE_FONT = 14f;

  String xLabel = "";
  String yLabel = "";
  boolean logX;
  boolean logY;

  // Plot area in pixels, set by frame().
  double left;
  double top;
  double right;
  double bottom;
  Axis xAxis;
  Axis yAxis;

  XyFigure(String title, int width, int height) {
    super(title, width, height);
  }

  /** Whether every x value is a whole number (epochs, K), so ticks stay on whole numbers. */
  boolean integerX() {
    return false;
  }

  /** Whether the axes span exactly {@link #range()} instead of rounding out to nice ticks. */
  boolean exactRange() {
    return false;
  }

  /** The data range {minX, maxX, minY, maxY} over the points that can be drawn. */
  abstract double[] range();

  double px(double x) {
    return left + xAxis.fraction(x) * (right - left);
  }

  double py(double y) {
    return bottom - yAxis.fraction(y) * (bottom - top);
  }

  boolean drawable(double x, double y) {
    return Double.isFinite(x) && Double.isFinite(y) && (!logX || x > 0) && (!logY || y > 0);
  }

  /** Lays out and draws the frame; afterwards {@link #px} and {@link #py} map data to pixels. */
  void frame(Canvas c) {
    double[] r = range();
    if (exactRange()) {
      xAxis = Axis.exact(r[0], r[1], Math.max(3, width / 110));
      yAxis = Axis.exact(r[2], r[3], Math.max(3, height / 70));
    } else {
      xAxis = Axis.of(r[0], r[1], logX, Math.max(3, width / 110), integerX());
      yAxis = Axis.of(r[2], r[3], logY, Math.max(3, height / 70));
    }
    double tickWidth = 0;
    for (double t : yAxis.ticks) {
      tickWidth = Math.max(tickWidth, Canvas.textWidth(yAxis.label(t), TICK_FONT, false));
    }
    left = 16 + (yLabel.isEmpty() ? 0 : 18) + tickWidth + 8;
    right = width - 16;
    top = title.isEmpty() ? 14 : 36;
    bottom = height - (xLabel.isEmpty() ? 28 : 46);
    if (!title.isEmpty()) {
      c.text(width / 2.0, 22, title, TITLE_FONT, INK, Canvas.Anchor.MIDDLE, false, true);
    }
    for (double t : yAxis.ticks) {
      double y = bottom - (t - yAxis.min) / (yAxis.max - yAxis.min) * (bottom - top);
      c.line(left, y, right, y, GRID, 1);
      c.text(left - 6, y + 4, yAxis.label(t), TICK_FONT, INK, Canvas.Anchor.END, false, false);
    }
    for (double t : xAxis.ticks) {
      double x = left + (t - xAxis.min) / (xAxis.max - xAxis.min) * (right - left);
      c.line(x, top, x, bottom, GRID, 1);
      c.line(x, bottom, x, bottom + 4, INK, 1);
      c.text(x, bottom + 17, xAxis.label(t), TICK_FONT, INK, Canvas.Anchor.MIDDLE, false, false);
    }
    c.rect(left, top, right - left, bottom - top, null, INK);
    if (!xLabel.isEmpty()) {
      c.text(
          (left + right) / 2,
          height - 10,
          xLabel,
          LABEL_FONT,
          INK,
          Canvas.Anchor.MIDDLE,
          false,
          false);
    }
    if (!yLabel.isEmpty()) {
      c.text(18, (top + bottom) / 2, yLabel, LABEL_FONT, INK, Canvas.Anchor.MIDDLE, true, false);
    }
  }

  /** A legend box in the top-right corner of the plot area. */
  void legend(Canvas c, List<String> names, List<Color> colors, boolean lines) {
    if (names.isEmpty()) {
      return;
    }
    double w = 0;
    for (String n : names) {
      w = Math.max(w, Canvas.textWidth(n, TICK_FONT, false));
    }
    double rowHeight = 16;
    double boxW = w + 34;
    double boxH = names.size() * rowHeight + 8;
    double x = right - boxW - 8;
    double y = top + 8;
    c.rect(x, y, boxW, boxH, new Color(255, 255, 255), new Color(0xbbbbbb));
    for (int i = 0; i < names.size(); i++) {
      double cy = y + 4 + rowHeight * i + rowHeight / 2;
      if (lines) {
        c.line(x + 6, cy, x + 22, cy, colors.get(i), 2.5);
      } else {
        c.circle(x + 14, cy, 4, colors.get(i), null);
      }
      c.text(x + 28, cy + 4, names.get(i), TICK_FONT, INK, Canvas.Anchor.START, false, false);
    }
  }

  static double[] widen(double[] r) {
    for (int i = 0; i < 4; i += 2) {
      if (!Double.isFinite(r[i])) {
        r[i] = 0;
        r[i + 1] = 1;
      }
    }
    return r;
  }
}
