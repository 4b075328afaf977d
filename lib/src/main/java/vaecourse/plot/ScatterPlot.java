package vaecourse.plot;

import ai.djl.ndarray.NDArray;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.awt.Color;
import java.awt.Paint;
import java.util.TreeSet;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * Points in the plane coloured by a class label: latent means, t-SNE embeddings, samples. In a
 * notebook it shows as a plotly.js chart (the PNG is JFreeChart's): hover a point to see its label
 * and coordinates, drag to zoom, click a class in the legend to hide it.
 *
 * <pre>{@code
 * ScatterPlot.of("Latent means", mu, labels)   // mu: [n, 2]
 * }</pre>
 */
public final class ScatterPlot extends ChartFigure {

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

  /** The data range {minX, maxX, minY, maxY} over the finite points. */
  private double[] range() {
    double[] r = {
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY
    };
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        r[0] = Math.min(r[0], x[i]);
        r[1] = Math.max(r[1], x[i]);
        r[2] = Math.min(r[2], y[i]);
        r[3] = Math.max(r[3], y[i]);
      }
    }
    return r;
  }

  @Override
  Legend legend() {
    return labels == null ? Legend.NONE : Legend.RIGHT;
  }

  @Override
  XYPlot plot() {
    DefaultXYDataset data = new DefaultXYDataset();
    double[] xs = new double[x.length];
    double[] ys = new double[y.length];
    for (int i = 0; i < xs.length; i++) {
      boolean finite = Double.isFinite(x[i]) && Double.isFinite(y[i]);
      xs[i] = finite ? x[i] : Double.NaN;
      ys[i] = finite ? y[i] : Double.NaN;
    }
    data.addSeries("points", new double[][] {xs, ys});
    // One series in data order, each point in its class's colour: no class hides another.
    Color[] fills = new Color[x.length];
    for (int i = 0; i < fills.length; i++) {
      fills[i] = withAlpha(Palette.color(labels == null ? 0 : labels[i]), alpha);
    }
    XYLineAndShapeRenderer renderer =
        new XYLineAndShapeRenderer(false, true) {
          @Override
          public Paint getItemPaint(int series, int item) {
            return fills[item];
          }
        };
    renderer.setDefaultShape(circle(radius));
    renderer.setAutoPopulateSeriesShape(false);
    renderer.setDrawOutlines(false);
    renderer.setDefaultToolTipGenerator(
        (dataset, series, i) ->
            i < TOOLTIP_LIMIT
                ? (labels == null ? "" : name(labels[i]) + "\n")
                    + "("
                    + value(x[i])
                    + ", "
                    + value(y[i])
                    + ")"
                : null);
    XYPlot plot =
        new XYPlot(data, axis(xLabel, false, false), axis(yLabel, false, false), renderer);
    if (labels != null) {
      LegendItemCollection items = new LegendItemCollection();
      for (int label : classes()) {
        items.add(new LegendItem(name(label), null, null, null, circle(4), Palette.color(label)));
      }
      plot.setFixedLegendItems(items);
    }
    return plot;
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
    if (!Double.isFinite(r[0])) {
      r = new double[] {0, 1, 0, 1};
    }
    StringBuilder s = new StringBuilder(title.isEmpty() ? "ScatterPlot" : title);
    s.append(": ")
        .append(x.length)
        .append(" points, x in [")
        .append(value(r[0]))
        .append(", ")
        .append(value(r[1]))
        .append("], y in [")
        .append(value(r[2]))
        .append(", ")
        .append(value(r[3]))
        .append("]");
    if (labels != null) {
      s.append(", classes ").append(classes());
    }
    return s.toString();
  }
}
