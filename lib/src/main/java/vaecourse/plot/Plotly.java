package vaecourse.plot;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import vaecourse.data.Datasets;

/**
 * Interactive charts (hover, zoom, pan, toggling series in the legend) drawn by plotly.js, with no
 * network anywhere: in the live notebook, in HTML exported from it and in the PDF Chromium prints
 * from that HTML.
 *
 * <p><b>Where plotly.js comes from.</b> {@code ./course setup} fetches the npm package {@code
 * plotly.js-dist-min} ({@value #VERSION}) into {@code datasets/plotly/plotly.min.js}, found the way
 * the data is ({@link Datasets#datasetsDir()}); the system property {@code course.plotly} or the
 * environment variable {@code COURSE_PLOTLY_JS} may name another copy of the file.
 *
 * <p><b>Inlined once per kernel session, not served.</b> The classic Notebook could serve the file
 * (under {@code /nbextensions} or {@code /files}), but a notebook, an exported HTML file or a PDF
 * made from it would then show blank charts anywhere but on that server, or need a file that
 * travels beside them. Instead the first chart a kernel session displays carries plotly.js (4.8 MB,
 * once) in its output, and every later chart only its traces as JSON (a few kB). The saved notebook
 * and everything exported from it are self-contained and work offline. The 4.x bundle sets {@code
 * window.Plotly} and defines no AMD module, so it loads the same beside the require.js of the
 * classic Notebook page as on a bare page. A chart whose cell runs before the library's in page
 * order (cells run out of order) draws on the page's load event. {@link #inlineAgain()} puts the
 * library into the next chart again, e.g. after clearing the output that carried it.
 *
 * <p><b>The picture beside the chart.</b> Each chart's HTML holds its figure's PNG, which the
 * script replaces by the chart; where scripts do not run (an untrusted notebook, GitHub's preview)
 * the PNG shows instead. The figure's display bundle keeps {@code image/png} as well for exporters
 * that do not read HTML (nbconvert's LaTeX PDF).
 */
public final class Plotly {

  /** The version of the npm package {@code plotly.js-dist-min} that set-up fetches. */
  public static final String VERSION = "4.1.2";

  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
  private static final AtomicBoolean LIBRARY_SENT = new AtomicBoolean();
  private static final AtomicLong IDS = new AtomicLong();
  private static volatile Path libraryOverride;

  private Plotly() {}

  /**
   * The plotly.js file charts inline: {@code course.plotly}, else {@code COURSE_PLOTLY_JS}, else
   * {@code plotly/plotly.min.js} in the datasets directory. It may not exist.
   */
  public static Path libraryFile() {
    Path override = libraryOverride;
    if (override != null) {
      return override;
    }
    String property = System.getProperty("course.plotly");
    if (property != null && !property.isBlank()) {
      return named(Paths.get(property.strip()), "the system property course.plotly");
    }
    String env = System.getenv("COURSE_PLOTLY_JS");
    if (env != null && !env.isBlank()) {
      return named(Paths.get(env.strip()), "the environment variable COURSE_PLOTLY_JS");
    }
    return Datasets.datasetsDir().resolve("plotly").resolve("plotly.min.js");
  }

  private static Path named(Path file, String origin) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          origin
              + " is '"
              + file
              + "', which is not a file; point it at plotly.min.js of the npm package"
              + " plotly.js-dist-min, or unset it to use datasets/plotly/ from ./course setup");
    }
    return file;
  }

  /** Whether plotly.js is there to draw interactive charts. */
  public static boolean available() {
    return Files.isRegularFile(libraryFile());
  }

  /** The next chart displayed carries plotly.js again. */
  public static void inlineAgain() {
    LIBRARY_SENT.set(false);
  }

  /** Uses this file as plotly.js (null: the usual lookup); starts a new session. For tests. */
  static void useLibrary(Path file) {
    libraryOverride = file;
    LIBRARY_SENT.set(false);
  }

  /** The JSON text of a chart specification ({@code data}, {@code layout}, {@code config}). */
  static String json(JsonObject spec) {
    return GSON.toJson(spec);
  }

  /**
   * The HTML of a chart: a box holding the PNG, plotly.js when this session has not sent it yet,
   * and the script that draws the chart in place of the PNG.
   */
  static String html(JsonObject spec, String pngBase64, int width, int height, String title) {
    String id =
        "vaecourse-plotly-" + IDS.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
    StringBuilder html = new StringBuilder(4096 + pngBase64.length());
    html.append("<div class=\"vaecourse-plotly\" id=\"")
        .append(id)
        .append("\" style=\"width:")
        .append(width)
        .append("px;height:")
        .append(height)
        .append("px\"><img src=\"data:image/png;base64,")
        .append(pngBase64)
        .append("\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" alt=\"")
        .append(Figure.escape(title.isEmpty() ? "figure" : title))
        .append("\"></div>\n");
    if (LIBRARY_SENT.compareAndSet(false, true)) {
      try {
        html.append(
                "<script type=\"text/javascript\">window.PlotlyConfig = {MathJaxConfig: \"local\"};</script>\n")
            .append("<script type=\"text/javascript\">")
            .append(library())
            .append("</script>\n");
      } catch (RuntimeException e) {
        LIBRARY_SENT.set(false);
        throw e;
      }
    }
    html.append("<script type=\"text/javascript\">\n(function () {\n  var spec = ")
        .append(json(spec).replace("</", "<\\/"))
        .append(";\n  function draw() {\n")
        .append("    var box = document.getElementById(\"")
        .append(id)
        .append("\");\n")
        .append(
            "    if (!box || !window.Plotly || box.getAttribute(\"data-drawn\")) return false;\n")
        .append("    box.setAttribute(\"data-drawn\", \"1\");\n")
        .append("    var picture = box.removeChild(box.firstElementChild);\n")
        .append(
            "    var restore = function () { box.removeAttribute(\"data-drawn\"); box.appendChild(picture); };\n")
        .append("    try {\n")
        .append(
            "      window.Plotly.newPlot(box, spec.data, spec.layout, spec.config).catch(restore);\n")
        .append("    } catch (e) {\n      restore();\n    }\n    return true;\n  }\n")
        .append("  if (!draw()) window.addEventListener(\"load\", draw);\n})();\n</script>");
    return html.toString();
  }

  private static String library() {
    Path file = libraryFile();
    try {
      // A "</script" inside the library would end the inline script early.
      return Files.readString(file, StandardCharsets.UTF_8).replace("</script", "<\\/script");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not read plotly.js at " + file + "; run ./course setup to fetch it again", e);
    }
  }

  /** A layout of the given size and title with the course's look. */
  static JsonObject layout(String title, int width, int height, String xLabel, String yLabel) {
    JsonObject layout = new JsonObject();
    layout.addProperty("width", width);
    layout.addProperty("height", height);
    JsonObject font = new JsonObject();
    font.addProperty("family", "DejaVu Sans, Arial, sans-serif");
    font.addProperty("size", 12);
    layout.add("font", font);
    if (!title.isEmpty()) {
      JsonObject t = new JsonObject();
      t.addProperty("text", title);
      // Left-aligned, clear of the zoom buttons at the top right.
      t.addProperty("x", 0.01);
      t.addProperty("xanchor", "left");
      layout.add("title", t);
    }
    JsonObject margin = new JsonObject();
    margin.addProperty("l", 70);
    margin.addProperty("r", 20);
    margin.addProperty("t", title.isEmpty() ? 20 : 50);
    margin.addProperty("b", 55);
    layout.add("margin", margin);
    layout.add("xaxis", axis(xLabel));
    layout.add("yaxis", axis(yLabel));
    layout.addProperty("hovermode", "closest");
    layout.addProperty("plot_bgcolor", "#ffffff");
    return layout;
  }

  private static JsonObject axis(String label) {
    JsonObject axis = new JsonObject();
    if (!label.isEmpty()) {
      JsonObject t = new JsonObject();
      t.addProperty("text", label);
      axis.add("title", t);
    }
    axis.addProperty("showline", true);
    axis.addProperty("linecolor", "#222222");
    axis.addProperty("gridcolor", "#e6e6e6");
    axis.addProperty("zeroline", false);
    axis.addProperty("ticks", "outside");
    return axis;
  }

  /** The chart options: no logo, no link to plotly's web service, PNG download kept. */
  static JsonObject config() {
    JsonObject config = new JsonObject();
    config.addProperty("displaylogo", false);
    config.addProperty("showLink", false);
    config.addProperty("responsive", false);
    return config;
  }

  /** A chart specification from its traces and layout. */
  static JsonObject spec(JsonArray data, JsonObject layout) {
    JsonObject spec = new JsonObject();
    spec.add("data", data);
    spec.add("layout", layout);
    spec.add("config", config());
    return spec;
  }

  /** Values as a JSON array; those {@code keep} refuses become null (a gap in a line). */
  static JsonArray values(double[] v, java.util.function.DoublePredicate keep) {
    JsonArray array = new JsonArray(v.length);
    for (double d : v) {
      if (Double.isFinite(d) && keep.test(d)) {
        array.add(d);
      } else {
        array.add(JsonNull.INSTANCE);
      }
    }
    return array;
  }

  /** A colour as {@code #rrggbb}. */
  static String hex(Color c) {
    return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
  }
}
