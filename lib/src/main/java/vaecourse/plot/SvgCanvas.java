package vaecourse.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Locale;

/** Writes SVG elements; tooltips become {@code <title>} children, which browsers show on hover. */
final class SvgCanvas extends Canvas {

  private final StringBuilder svg = new StringBuilder();
  private final int width;
  private final int height;

  SvgCanvas(int width, int height) {
    this.width = width;
    this.height = height;
  }

  /** The finished document. */
  String finish(String cssId) {
    String idAttribute = cssId == null ? "" : " id=\"" + cssId + "\"";
    return "<svg xmlns=\"http://www.w3.org/2000/svg\""
        + idAttribute
        + " width=\""
        + width
        + "\" height=\""
        + height
        + "\" viewBox=\"0 0 "
        + width
        + " "
        + height
        + "\" font-family=\""
        + FONT_FAMILY
        + ", Arial, sans-serif\">\n"
        + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        + svg
        + "</svg>";
  }

  @Override
  void line(double x1, double y1, double x2, double y2, Color color, double width) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
                + " stroke-width=\"%.1f\"/>\n",
            x1,
            y1,
            x2,
            y2,
            hex(color),
            width));
  }

  @Override
  void polyline(double[] xs, double[] ys, int from, int to, Color color, double width) {
    svg.append("<polyline fill=\"none\" stroke=\"")
        .append(hex(color))
        .append(String.format(Locale.ROOT, "\" stroke-width=\"%.1f\"", width))
        .append(" stroke-linejoin=\"round\" stroke-linecap=\"round\" points=\"");
    for (int i = from; i < to; i++) {
      svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", xs[i], ys[i]));
    }
    svg.append("\"/>\n");
  }

  @Override
  void circle(double cx, double cy, double r, Color fill, String tooltip) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"",
            cx,
            cy,
            r,
            hex(fill)));
    if (fill.getAlpha() < 255) {
      svg.append(String.format(Locale.ROOT, " fill-opacity=\"%.2f\"", fill.getAlpha() / 255.0));
    }
    closeWithTooltip(tooltip, "circle");
  }

  @Override
  void rect(double x, double y, double w, double h, Color fill, Color stroke) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\""
                + " stroke=\"%s\"/>\n",
            x,
            y,
            w,
            h,
            fill == null ? "none" : hex(fill),
            stroke == null ? "none" : hex(stroke)));
  }

  @Override
  void bar(double x, double y, double w, double h, Color fill, String tooltip) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect class=\"hit-bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
                + " fill=\"%s\" stroke=\"white\"",
            x,
            y,
            w,
            h,
            hex(fill)));
    closeWithTooltip(tooltip, "rect");
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
    String anchorName =
        anchor == Anchor.START ? "start" : anchor == Anchor.MIDDLE ? "middle" : "end";
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\" fill=\"%s\" text-anchor=\"%s\"%s%s>",
            x,
            y,
            size,
            hex(color),
            anchorName,
            bold ? " font-weight=\"bold\"" : "",
            vertical
                ? String.format(Locale.ROOT, " transform=\"rotate(-90 %.1f %.1f)\"", x, y)
                : ""));
    svg.append(escape(text)).append("</text>\n");
  }

  @Override
  void image(double x, double y, double w, double h, BufferedImage image, String tooltip) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<image x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
                + " style=\"image-rendering:pixelated\" href=\"data:image/png;base64,%s\"",
            x,
            y,
            w,
            h,
            Figure.base64Png(image)));
    closeWithTooltip(tooltip, "image");
  }

  @Override
  void hover(double cx, double cy, double r, String tooltip) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<circle class=\"hit\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"transparent\"",
            cx,
            cy,
            r));
    closeWithTooltip(tooltip, "circle");
  }

  @Override
  void beginGroup(String cssClass) {
    svg.append("<g class=\"").append(escape(cssClass)).append("\">\n");
  }

  @Override
  void endGroup() {
    svg.append("</g>\n");
  }

  private void closeWithTooltip(String tooltip, String element) {
    if (tooltip == null) {
      svg.append("/>\n");
    } else {
      svg.append("><title>")
          .append(escape(tooltip))
          .append("</title></")
          .append(element)
          .append(">\n");
    }
  }

  static String hex(Color c) {
    return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        default -> out.append(ch);
      }
    }
    return out.toString();
  }
}
