package vaecourse.plot;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Lines of several named series against a shared x axis: loss curves, bounds against K, columns of
 * a table ({@link #of(Table, String, String...)}). In a notebook it shows as a plotly.js chart:
 * hover a point to read its values, drag to zoom, double-click to zoom back, click a legend entry
 * to hide its series. {@link #logY()} for quantities spanning decades.
 *
 * <pre>{@code
 * LinePlot.create("Validation NLL").xLabel("epoch").yLabel("nats")
 *     .add("lr 1e-3", epochs, nll1).add("lr 1e-4", epochs, nll2)
 * }</pre>
 */
public final class LinePlot extends XyFigure {

  /** Series with at most this many points get a dot on each point. */
  private static final int MARKER_LIMIT = 60;

  /** At most this many hover targets per series (evenly spaced) keep the HTML small. */
  private static final int HOVER_LIMIT = 400;

  private record Series(String name, double[] x, double[] y, Color color) {}

  private final List<Series> series = new ArrayList<>();

  private LinePlot(String title) {
    super(title, 640, 400);
  }

  /** An empty plot with a title. */
  public static LinePlot create(String title) {
    return new LinePlot(title);
  }

  /** Sets the x-axis label. */
  public LinePlot xLabel(String label) {
    xLabel = label == null ? "" : label;
    return this;
  }

  /** Sets the y-axis label. */
  public LinePlot yLabel(String label) {
    yLabel = label == null ? "" : label;
    return this;
  }

  /** A logarithmic y axis (points with y <= 0 are left out). */
  public LinePlot logY() {
    logY = true;
    return this;
  }

  /** A logarithmic x axis (points with x <= 0 are left out). */
  public LinePlot logX() {
    logX = true;
    return this;
  }

  /** Sets the size in pixels (default 640 x 400). */
  public LinePlot size(int width, int height) {
    setSize(width, height);
    return this;
  }

  /**
   * Adds a series; NaN values break the line.
   *
   * @throws IllegalArgumentException if x and y differ in length
   */
  public LinePlot add(String name, double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "series '" + name + "': x has " + x.length + " values but y has " + y.length);
    }
    series.add(new Series(name, x.clone(), y.clone(), Palette.color(series.size())));
    return this;
  }

  /** Adds a series plotted against 1, 2, 3, ... */
  public LinePlot add(String name, double[] y) {
    double[] x = new double[y.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = i + 1;
    }
    return add(name, x, y);
  }

  /** Adds a series given as floats. */
  public LinePlot add(String name, float[] x, float[] y) {
    return add(name, toDouble(x), toDouble(y));
  }

  /** Adds a series of integers x and doubles y (e.g. epochs). */
  public LinePlot add(String name, int[] x, double[] y) {
    double[] dx = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      dx[i] = x[i];
    }
    return add(name, dx, y);
  }

  /**
   * A plot of numeric columns of a table against one of them, each column a series named after it.
   *
   * <pre>{@code
   * LinePlot.of(history.toTable(), "epoch", "train", "validation")
   * }</pre>
   *
   * @throws IllegalArgumentException naming the column when one is missing or not numeric
   */
  public static LinePlot of(Table table, String xColumn, String... yColumns) {
    if (yColumns.length == 0) {
      throw new IllegalArgumentException(
          "name at least one column to plot against '"
              + xColumn
              + "'; the table has "
              + table.columnNames());
    }
    double[] x = numeric(table, xColumn);
    LinePlot plot = create(table.name()).xLabel(xColumn);
    if (yColumns.length == 1) {
      plot.yLabel(yColumns[0]);
    }
    for (String name : yColumns) {
      plot.add(name, x, numeric(table, name));
    }
    return plot;
  }

  private static double[] numeric(Table table, String name) {
    if (!table.containsColumn(name)) {
      throw new IllegalArgumentException(
          "table '"
              + table.name()
              + "' has no column '"
              + name
              + "'; its columns are "
              + table.columnNames());
    }
    Column<?> column = table.column(name);
    if (!(column instanceof NumericColumn<?> numeric)) {
      throw new IllegalArgumentException(
          "column '"
              + name
              + "' of table '"
              + table.name()
              + "' holds "
              + column.type()
              + ", not numbers; plot a numeric column");
    }
    double[] values = new double[numeric.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = numeric.isMissing(i) ? Double.NaN : numeric.getDouble(i);
    }
    return values;
  }

  /** The number of series. */
  public int seriesCount() {
    return series.size();
  }

  @Override
  boolean integerX() {
    for (Series s : series) {
      for (double v : s.x) {
        if (Double.isFinite(v) && v != Math.rint(v)) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  double[] range() {
    double[] r = {
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY
    };
    for (Series s : series) {
      for (int i = 0; i < s.x.length; i++) {
        if (drawable(s.x[i], s.y[i])) {
          r[0] = Math.min(r[0], s.x[i]);
          r[1] = Math.max(r[1], s.x[i]);
          r[2] = Math.min(r[2], s.y[i]);
          r[3] = Math.max(r[3], s.y[i]);
        }
      }
    }
    if (!Double.isFinite(r[0])) {
      return logX || logY ? new double[] {1, 10, 1, 10} : new double[] {0, 1, 0, 1};
    }
    return widen(r);
  }

  @Override
  void draw(Canvas c) {
    frame(c);
    List<String> names = new ArrayList<>();
    List<Color> colors = new ArrayList<>();
    for (Series s : series) {
      c.beginGroup("series");
      int n = s.x.length;
      double[] xs = new double[n];
      double[] ys = new double[n];
      int run = 0;
      for (int i = 0; i <= n; i++) {
        if (i < n && drawable(s.x[i], s.y[i])) {
          xs[run] = px(s.x[i]);
          ys[run] = py(s.y[i]);
          run++;
        } else {
          if (run > 1) {
            c.polyline(xs, ys, 0, run, s.color, 2);
          } else if (run == 1) {
            c.circle(xs[0], ys[0], 2.5, s.color, null);
          }
          run = 0;
        }
      }
      int every = Math.max(1, (n + HOVER_LIMIT - 1) / HOVER_LIMIT);
      for (int i = 0; i < n; i++) {
        if (!drawable(s.x[i], s.y[i])) {
          continue;
        }
        String tip =
            s.name
                + "\n"
                + (xLabel.isEmpty() ? "x" : xLabel)
                + " = "
                + Axis.value(s.x[i])
                + "\n"
                + (yLabel.isEmpty() ? "y" : yLabel)
                + " = "
                + Axis.value(s.y[i]);
        if (n <= MARKER_LIMIT) {
          c.circle(px(s.x[i]), py(s.y[i]), 3, s.color, tip);
        } else if (i % every == 0 || i == n - 1) {
          c.hover(px(s.x[i]), py(s.y[i]), 5, tip);
        }
      }
      c.endGroup();
      names.add(s.name);
      colors.add(s.color);
    }
    if (series.size() > 1 || (series.size() == 1 && !series.get(0).name.isEmpty())) {
      legend(c, names, colors, true);
    }
  }

  @Override
  JsonObject plotlySpec() {
    JsonArray data = new JsonArray();
    for (Series s : series) {
      JsonObject trace = new JsonObject();
      trace.addProperty("type", "scatter");
      trace.addProperty("mode", s.x.length <= MARKER_LIMIT ? "lines+markers" : "lines");
      trace.addProperty("name", s.name);
      trace.add("x", Plotly.values(s.x, v -> !logX || v > 0));
      trace.add("y", Plotly.values(s.y, v -> !logY || v > 0));
      JsonObject line = new JsonObject();
      line.addProperty("color", Plotly.hex(s.color));
      line.addProperty("width", 2);
      trace.add("line", line);
      JsonObject marker = new JsonObject();
      marker.addProperty("size", 6);
      trace.add("marker", marker);
      data.add(trace);
    }
    JsonObject layout = Plotly.layout(title, width, height, xLabel, yLabel);
    layout.getAsJsonObject("xaxis").addProperty("type", logX ? "log" : "linear");
    layout.getAsJsonObject("yaxis").addProperty("type", logY ? "log" : "linear");
    layout.addProperty(
        "showlegend", series.size() > 1 || (series.size() == 1 && !series.get(0).name.isEmpty()));
    layout.addProperty("hovermode", "x unified");
    return Plotly.spec(data, layout);
  }

  @Override
  public String toText() {
    StringBuilder s = new StringBuilder(title.isEmpty() ? "LinePlot" : title);
    for (Series series : this.series) {
      int best = -1;
      int last = -1;
      for (int i = 0; i < series.y.length; i++) {
        if (Double.isFinite(series.y[i])) {
          last = i;
          if (best < 0 || series.y[i] < series.y[best]) {
            best = i;
          }
        }
      }
      s.append("\n  ").append(series.name).append(": ").append(series.y.length).append(" points");
      if (last >= 0) {
        s.append(", last ")
            .append(Axis.value(series.y[last]))
            .append(" at ")
            .append(Axis.value(series.x[last]))
            .append(", min ")
            .append(Axis.value(series.y[best]))
            .append(" at ")
            .append(Axis.value(series.x[best]));
      }
    }
    return s.toString();
  }

  private static double[] toDouble(float[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }
}
