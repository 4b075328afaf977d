package vaecourse.plot;

import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;

/**
 * A figure that renders four ways: a PNG drawn with Java2D (for PDF export and files), an
 * interactive plotly.js chart (line and scatter plots; see {@link Plotly}), a self-contained SVG
 * inside HTML whose points show their values on hover (no scripts, no CDN), and plain text. A
 * notebook kernel displays it through {@link #toMimeBundle()}.
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

  /** Draws the figure on a canvas of {@link #width} x {@link #height}. */
  abstract void draw(Canvas canvas);

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

  /** The figure drawn with Java2D. */
  public BufferedImage toImage() {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    PngCanvas canvas = new PngCanvas(image);
    try {
      draw(canvas);
    } finally {
      canvas.dispose();
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

  /** The figure as a standalone SVG document; hover a point to see its values. */
  public String toSvg() {
    SvgCanvas canvas = new SvgCanvas(width, height);
    draw(canvas);
    return canvas.finish(null);
  }

  /**
   * The figure as an HTML fragment: the SVG with a few scoped CSS rules that highlight what the
   * pointer is over. Self-contained: no scripts, no external files.
   */
  public String toHtml() {
    String id =
        "vaecourse-fig-" + IDS.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
    SvgCanvas canvas = new SvgCanvas(width, height);
    draw(canvas);
    return "<div class=\"vaecourse-figure\">\n<style>\n"
        + "#"
        + id
        + " .hit:hover { fill: rgba(0, 0, 0, 0.18); }\n"
        + "#"
        + id
        + " g.series:hover polyline { stroke-width: 3.5; }\n"
        + "#"
        + id
        + " g.series:hover circle.pt { stroke: #222; }\n"
        + "#"
        + id
        + " circle.pt:hover { stroke: #000; stroke-width: 2; }\n"
        + "#"
        + id
        + " rect.hit-bar:hover { fill-opacity: 0.7; }\n"
        + "</style>\n"
        + canvas.finish(id).replace("<circle cx", "<circle class=\"pt\" cx")
        + "\n</div>";
  }

  /** Writes {@link #toHtml()} wrapped in a minimal page. */
  public void saveHtml(Path file) {
    String page =
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>"
            + SvgCanvas.escape(title)
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
   * fetched plotly.js, else the SVG with tooltips. Notebook front ends and nbconvert's HTML show
   * the HTML; nbconvert's LaTeX PDF takes the PNG.
   */
  public Map<String, String> toMimeBundle() {
    Map<String, String> bundle = new LinkedHashMap<>();
    bundle.put("text/plain", toText());
    String png = Base64.getEncoder().encodeToString(toPng());
    bundle.put("image/png", png);
    if (interactive()) {
      JsonObject chart = plotlySpec();
      if (chart == null) {
        bundle.put("text/html", toHtml());
      } else if (Plotly.available()) {
        bundle.put("text/html", Plotly.html(chart, png, width, height, title));
      } else {
        bundle.put(
            "text/html",
            toHtml()
                + "\n<p style=\"font-size:smaller\">plotly.js is missing at "
                + SvgCanvas.escape(Plotly.libraryFile().toString())
                + ": run ./course setup for a zoomable chart.</p>");
      }
    }
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

  static byte[] png(BufferedImage image) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("PNG encoding failed", e);
    }
  }

  static String base64Png(BufferedImage image) {
    return Base64.getEncoder().encodeToString(png(image));
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
