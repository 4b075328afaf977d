package vaecourse.plot;

import com.google.gson.JsonObject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.PathIterator;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.EntityCollection;
import org.jfree.chart.entity.StandardEntityCollection;
import org.jfree.chart.imagemap.ImageMapUtils;
import org.jfree.chart.imagemap.StandardToolTipTagFragmentGenerator;
import org.jfree.chart.imagemap.URLTagFragmentGenerator;

/**
 * A figure that renders four ways: a PNG (for PDF export and files), an interactive plotly.js chart
 * (line and scatter plots; see {@link Plotly}), an HTML image map over the PNG whose points show
 * their values on hover (no scripts, no CDN), and plain text. A notebook kernel displays it through
 * {@link #toMimeBundle()}.
 *
 * <p>Charts with axes are drawn by JFreeChart, which also records where each point or bar landed
 * (its {@link ChartRenderingInfo}); the hover forms ({@link #toHtml()}, {@link #toSvg()}) are made
 * from those regions and their tooltips.
 */
public abstract class Figure {

  private static final AtomicLong IDS = new AtomicLong();

  /** The figure's width in pixels. */
  protected int width;

  /** The figure's height in pixels. */
  protected int height;

  /** The title drawn above the figure (may be empty). */
  protected String title;

  protected Figure(String title, int width, int height) {
    this.title = title == null ? "" : title;
    setSize(width, height);
  }

  /**
   * Sets the size in pixels.
   *
   * @throws IllegalArgumentException if either side is below 50 or above 8000
   */
  protected final void setSize(int width, int height) {
    if (width < 50 || height < 50 || width > 8000 || height > 8000) {
      throw new IllegalArgumentException(
          "figure size must be within [50, 8000] pixels but was " + width + "x" + height);
    }
    this.width = width;
    this.height = height;
  }

  /**
   * Draws the figure into {@code (0, 0, width, height)} of {@code g}, which is white there. Where
   * {@code info} is not null, the regions that carry a tooltip are added to its entities.
   */
  abstract void draw(Graphics2D g, ChartRenderingInfo info);

  /** A text description of what the figure shows (its values in short). */
  public abstract String toText();

  /** The figure's width in pixels. */
  public int width() {
    return width;
  }

  /** The figure's height in pixels. */
  public int height() {
    return height;
  }

  /** The figure as an image (drawn headless, anti-aliased, on white). */
  public BufferedImage toImage() {
    return render(null);
  }

  private BufferedImage render(ChartRenderingInfo info) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      draw(g, info);
    } finally {
      g.dispose();
    }
    return image;
  }

  /** The figure as PNG bytes. */
  public byte[] toPng() {
    return png(toImage());
  }

  /**
   * Writes the figure as a PNG file, creating parent directories.
   *
   * @throws UncheckedIOException naming the file when writing fails
   */
  public void savePng(Path file) {
    write(file, toPng());
  }

  /** The PNG and where its points and bars landed, as drawn together. */
  private record Hover(String pngBase64, ChartRenderingInfo info) {
    /** The regions of the picture that show a value on hover. */
    List<ChartEntity> regions() {
      List<ChartEntity> regions = new ArrayList<>();
      EntityCollection entities = info.getEntityCollection();
      for (int i = 0; i < entities.getEntityCount(); i++) {
        ChartEntity e = entities.getEntity(i);
        if (e.getToolTipText() != null && !e.getToolTipText().isEmpty()) {
          regions.add(e);
        }
      }
      return regions;
    }
  }

  private Hover hover() {
    ChartRenderingInfo info = new ChartRenderingInfo(new StandardEntityCollection());
    return new Hover(Base64.getEncoder().encodeToString(png(render(info))), info);
  }

  /**
   * The figure as a standalone SVG document: the PNG, and over each point or bar an invisible
   * region whose {@code <title>} browsers show on hover.
   */
  public String toSvg() {
    Hover h = hover();
    StringBuilder svg = new StringBuilder(h.pngBase64.length() + 4096);
    svg.append(
            String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                    + " viewBox=\"0 0 %d %d\">\n",
                width,
                height,
                width,
                height))
        .append("<title>")
        .append(escape(title))
        .append("</title>\n")
        .append(
            String.format(
                Locale.ROOT,
                "<image width=\"%d\" height=\"%d\" href=\"data:image/png;base64,",
                width,
                height))
        .append(h.pngBase64)
        .append("\"/>\n");
    // Later regions lie on top, so the topmost point wins where two overlap.
    for (ChartEntity e : h.regions()) {
      svg.append("<path fill=\"transparent\" d=\"")
          .append(path(e.getArea()))
          .append("\"><title>")
          .append(escape(e.getToolTipText()))
          .append("</title></path>\n");
    }
    return svg.append("</svg>").toString();
  }

  private static String path(Shape shape) {
    StringBuilder d = new StringBuilder();
    double[] c = new double[6];
    for (PathIterator it = shape.getPathIterator(null, 0.5); !it.isDone(); it.next()) {
      int type = it.currentSegment(c);
      if (type == PathIterator.SEG_CLOSE) {
        d.append("Z");
      } else {
        d.append(type == PathIterator.SEG_MOVETO ? "M" : "L")
            .append(String.format(Locale.ROOT, "%.1f %.1f", c[0], c[1]));
      }
    }
    return d.toString();
  }

  /**
   * The figure as an HTML fragment: the PNG with an image map whose areas show the values of the
   * points or bars under the pointer (the browser's own tooltip). Self-contained: no scripts, no
   * external files.
   */
  public String toHtml() {
    return html(hover());
  }

  private String html(Hover h) {
    String id =
        "vaecourse-fig-" + IDS.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
    URLTagFragmentGenerator noLinks = url -> "";
    return "<div class=\"vaecourse-figure\">\n<img src=\"data:image/png;base64,"
        + h.pngBase64
        + "\" width=\""
        + width
        + "\" height=\""
        + height
        + "\" alt=\""
        + escape(title.isEmpty() ? "figure" : title)
        + "\" usemap=\"#"
        + id
        + "\">\n"
        + ImageMapUtils.getImageMap(id, h.info, new StandardToolTipTagFragmentGenerator(), noLinks)
        + "</div>";
  }

  /** Writes {@link #toHtml()} wrapped in a minimal page. */
  public void saveHtml(Path file) {
    String page =
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>"
            + escape(title)
            + "</title></head><body>\n"
            + toHtml()
            + "\n</body></html>\n";
    write(file, page.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@link #toSvg()}. */
  public void saveSvg(Path file) {
    write(file, toSvg().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The kernel display contract: {@code image/png} (base64), {@code text/plain}, and for
   * interactive figures {@code text/html}: the plotly.js chart where the figure has one and set-up
   * fetched plotly.js, else the PNG with its hover map. Notebook front ends and nbconvert's HTML
   * show the HTML; nbconvert's LaTeX PDF takes the PNG.
   */
  public Map<String, String> toMimeBundle() {
    Map<String, String> bundle = new LinkedHashMap<>();
    bundle.put("text/plain", toText());
    if (!interactive()) {
      bundle.put("image/png", Base64.getEncoder().encodeToString(toPng()));
      return bundle;
    }
    JsonObject chart = plotlySpec();
    if (chart != null && Plotly.available()) {
      String png = Base64.getEncoder().encodeToString(toPng());
      bundle.put("image/png", png);
      bundle.put("text/html", Plotly.html(chart, png, width, height, title));
      return bundle;
    }
    // One drawing gives the PNG and its hover map.
    Hover h = hover();
    bundle.put("image/png", h.pngBase64);
    String html = html(h);
    if (chart != null) {
      html +=
          "\n<p style=\"font-size:smaller\">plotly.js is missing at "
              + escape(Plotly.libraryFile().toString())
              + ": run ./course setup for a zoomable chart.</p>";
    }
    bundle.put("text/html", html);
    return bundle;
  }

  /**
   * The figure as a plotly.js chart ({@code data}, {@code layout}, {@code config}), or null where
   * the figure has none (pictures, grids of panels).
   */
  JsonObject plotlySpec() {
    return null;
  }

  /** {@link #plotlySpec()} as JSON text, or null where the figure has no interactive chart. */
  public String toPlotlyJson() {
    JsonObject chart = plotlySpec();
    return chart == null ? null : Plotly.json(chart);
  }

  /** Whether the display carries an interactive HTML form; pictures of images need none. */
  boolean interactive() {
    return true;
  }

  @Override
  public String toString() {
    return toText();
  }

  /** A value written for a tooltip or text output: whole numbers as such, else four digits. */
  static String value(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e7) {
      return String.format(Locale.ROOT, "%d", (long) v);
    }
    String text = String.format(Locale.ROOT, "%.4g", v);
    // Drop trailing zeros of the mantissa: 0.2500 -> 0.25, 1.500e+05 -> 1.5e+05.
    return text.replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e").replaceAll("\\.$", "");
  }

  /** Text made safe inside HTML or SVG, in element content and in quoted attributes. */
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

  static byte[] png(BufferedImage image) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("PNG encoding failed", e);
    }
  }

  static void write(Path file, byte[] bytes) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }
}
