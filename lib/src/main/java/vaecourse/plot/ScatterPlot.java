package vaecourse.plot;

import ai.djl.ndarray.NDArray;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Points in the plane coloured by a class label: latent means, t-SNE embeddings, samples. In a
 * notebook it shows as a plotly.js chart: hover a point to see its label and coordinates, drag to
 * zoom, click a class in the legend to hide it.
 *
 * <pre>{@code
 * ScatterPlot.of("Latent means", mu, labels)   // mu: [n, 2]
 * }</pre>
 */
public final class ScatterPlot extends XyFigure {

  /** Points beyond this many get no tooltip, which keeps the HTML under a few megabytes. */
  public static final int TOOLTIP_LIMIT = 3000;

  private final double[] x;
  private final double[] y;
  private final int[] labels;
  private String[] classNames;
  private double radius = 2.5;
  private float alpha = 0.75f;

  private ScatterPlot(String title, double[] x, double[] y, int[] labels) {
    super(title, 560, 480);
    this.x = x;
    this.y = y;
    this.labels = labels;
  }

  /**
   * A scatter of {@code (x[i], y[i])} coloured by {@code labels[i]} (null for one colour).
   *
   * @throws IllegalArgumentException if the lengths differ
   */
  public static ScatterPlot of(String title, double[] x, double[] y, int[] labels) {
    if (x.length != y.length || (labels != null && labels.length != x.length)) {
      throw new IllegalArgumentException(
          "x, y and labels must have the same length but had "
              + x.length
              + ", "
              + y.length
              + (labels == null ? "" : ", " + labels.length));
    }
    return new ScatterPlot(title, x.clone(), y.clone(), labels == null ? null : labels.clone());
  }

  /** A scatter of the rows of an {@code [n, 2]} array (or {@code double[n][2]}) by label. */
  public static ScatterPlot of(String title, double[][] points, int[] labels) {
    double[] xs = new double[points.length];
    double[] ys = new double[points.length];
    for (int i = 0; i < points.length; i++) {
      if (points[i].length < 2) {
        throw new IllegalArgumentException(
            "points need 2 coordinates but row " + i + " has " + points[i].length);
      }
      xs[i] = points[i][0];
      ys[i] = points[i][1];
    }
    return of(title, xs, ys, labels);
  }

  /**
   * A scatter of an {@code [n, 2]} array coloured by label.
   *
   * @throws IllegalArgumentException if the array is not {@code [n, 2]}
   */
  public static ScatterPlot of(String title, NDArray points, int[] labels) {
    if (points.getShape().dimension() != 2 || points.getShape().get(1) != 2) {
      throw new IllegalArgumentException(
          "points must have shape [n, 2] but had " + points.getShape());
    }
    double[] flat = Images.toDoubles(points);
    int n = flat.length / 2;
    double[] xs = new double[n];
    double[] ys = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = flat[2 * i];
      ys[i] = flat[2 * i + 1];
    }
    return of(title, xs, ys, labels);
  }

  /** Names of the classes for the legend, indexed by label (default: the label number). */
  public ScatterPlot classNames(String... names) {
    this.classNames = names.clone();
    return this;
  }

  /** Sets the x-axis label. */
  public ScatterPlot xLabel(String label) {
    xLabel = label == null ? "" : label;
    return this;
  }

  /** Sets the y-axis label. */
  public ScatterPlot yLabel(String label) {
    yLabel = label == null ? "" : label;
    return this;
  }

  /** The point radius in pixels (default 2.5) and opacity (default 0.75). */
  public ScatterPlot point(double radius, float alpha) {
    if (!(radius > 0) || !(alpha > 0 && alpha <= 1)) {
      throw new IllegalArgumentException(
          "radius must be > 0 and alpha in (0, 1] but were " + radius + " and " + alpha);
    }
    this.radius = radius;
    this.alpha = alpha;
    return this;
  }

  /** Sets the size in pixels (default 560 x 480). */
  public ScatterPlot size(int width, int height) {
    setSize(width, height);
    return this;
  }

  /** The number of points. */
  public int size() {
    return x.length;
  }

  @Override
  double[] range() {
    double[] r = {
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY
    };
    for (int i = 0; i < x.length; i++) {
      if (drawable(x[i], y[i])) {
        r[0] = Math.min(r[0], x[i]);
        r[1] = Math.max(r[1], x[i]);
        r[2] = Math.min(r[2], y[i]);
        r[3] = Math.max(r[3], y[i]);
      }
    }
    return widen(r);
  }

  @Override
  void draw(Canvas c) {
    frame(c);
    for (int i = 0; i < x.length; i++) {
      if (!drawable(x[i], y[i])) {
        continue;
      }
      Color base = labels == null ? Palette.color(0) : Palette.color(labels[i]);
      Color fill =
          new Color(base.getRed(), base.getGreen(), base.getBlue(), Math.round(alpha * 255));
      String tip =
          i < TOOLTIP_LIMIT
              ? (labels == null ? "" : name(labels[i]) + "\n")
                  + "("
                  + Axis.value(x[i])
                  + ", "
                  + Axis.value(y[i])
                  + ")"
              : null;
      c.circle(px(x[i]), py(y[i]), radius, fill, tip);
    }
    if (labels != null) {
      List<String> names = new ArrayList<>();
      List<Color> colors = new ArrayList<>();
      for (int label : classes()) {
        names.add(name(label));
        colors.add(Palette.color(label));
      }
      legend(c, names, colors, false);
    }
  }

  @Override
  JsonObject plotlySpec() {
    JsonArray data = new JsonArray();
    if (labels == null) {
      data.add(trace("", x, y, Palette.color(0)));
    } else {
      for (int label : classes()) {
        int count = 0;
        for (int l : labels) {
          count += l == label ? 1 : 0;
        }
        double[] xs = new double[count];
        double[] ys = new double[count];
        int k = 0;
        for (int i = 0; i < labels.length; i++) {
          if (labels[i] == label) {
            xs[k] = x[i];
            ys[k++] = y[i];
          }
        }
        data.add(trace(name(label), xs, ys, Palette.color(label)));
      }
    }
    JsonObject layout = Plotly.layout(title, width, height, xLabel, yLabel);
    layout.addProperty("showlegend", labels != null);
    return Plotly.spec(data, layout);
  }

  private JsonObject trace(String name, double[] xs, double[] ys, Color color) {
    JsonObject trace = new JsonObject();
    trace.addProperty("type", "scatter");
    trace.addProperty("mode", "markers");
    trace.addProperty("name", name);
    trace.add("x", Plotly.values(xs, v -> true));
    trace.add("y", Plotly.values(ys, v -> true));
    JsonObject marker = new JsonObject();
    marker.addProperty("color", Plotly.hex(color));
    marker.addProperty("size", 2 * radius);
    marker.addProperty("opacity", alpha);
    trace.add("marker", marker);
    return trace;
  }

  private TreeSet<Integer> classes() {
    TreeSet<Integer> set = new TreeSet<>();
    for (int label : labels) {
      set.add(label);
    }
    return set;
  }

  private String name(int label) {
    return classNames != null && label >= 0 && label < classNames.length
        ? classNames[label]
        : String.valueOf(label);
  }

  @Override
  public String toText() {
    double[] r = range();
    StringBuilder s = new StringBuilder(title.isEmpty() ? "ScatterPlot" : title);
    s.append(": ")
        .append(x.length)
        .append(" points, x in [")
        .append(Axis.value(r[0]))
        .append(", ")
        .append(Axis.value(r[1]))
        .append("], y in [")
        .append(Axis.value(r[2]))
        .append(", ")
        .append(Axis.value(r[3]))
        .append("]");
    if (labels != null) {
      s.append(", classes ").append(classes());
    }
    return s.toString();
  }
}
