package vaecourse.plot;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.entity.EntityCollection;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYDataset;
import org.jfree.data.xy.XYDataset;
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
public final class LinePlot extends ChartFigure {

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

  /** Whether every x value is a whole number (epochs, K), so ticks stay on whole numbers. */
  private boolean integerX() {
    for (Series s : series) {
      for (double v : s.x) {
        if (Double.isFinite(v) && v != Math.rint(v)) {
          return false;
        }
      }
    }
    return true;
  }

  private boolean showLegend() {
    return series.size() > 1 || (series.size() == 1 && !series.get(0).name.isEmpty());
  }

  @Override
  Legend legend() {
    return showLegend() ? Legend.INSIDE : Legend.NONE;
  }

  @Override
  XYPlot plot() {
    DefaultXYDataset data = new DefaultXYDataset();
    XYLineAndShapeRenderer renderer =
        new XYLineAndShapeRenderer(true, true) {
          @Override
          protected void addEntity(
              EntityCollection entities,
              Shape marker,
              XYDataset dataset,
              int series,
              int item,
              double x,
              double y) {
            // A square of the entity radius around the point, larger than its marker: easier to
            // hover.
            super.addEntity(entities, null, dataset, series, item, x, y);
          }
        };
    for (int k = 0; k < series.size(); k++) {
      Series s = series.get(k);
      double[] x = new double[s.x.length];
      double[] y = new double[s.y.length];
      for (int i = 0; i < x.length; i++) {
        x[i] = onAxis(s.x[i], logX);
        y[i] = onAxis(s.y[i], logY);
      }
      // Keys are the series' positions: two series may share a name.
      data.addSeries(k, new double[][] {x, y});
      renderer.setSeriesPaint(k, s.color);
      renderer.setSeriesStroke(
          k, new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      renderer.setSeriesShape(k, circle(3));
      renderer.setSeriesShapesVisible(k, s.x.length <= MARKER_LIMIT);
    }
    renderer.setDrawOutlines(false);
    renderer.setDefaultEntityRadius(5);
    renderer.setLegendItemLabelGenerator((dataset, k) -> series.get(k).name);
    String xName = xLabel.isEmpty() ? "x" : xLabel;
    String yName = yLabel.isEmpty() ? "y" : yLabel;
    renderer.setDefaultToolTipGenerator(
        (dataset, k, i) -> {
          Series s = series.get(k);
          int every = Math.max(1, (s.x.length + HOVER_LIMIT - 1) / HOVER_LIMIT);
          if (i % every != 0 && i != s.x.length - 1) {
            return null;
          }
          return s.name
              + "\n"
              + xName
              + " = "
              + value(s.x[i])
              + "\n"
              + yName
              + " = "
              + value(s.y[i]);
        });
    return new XYPlot(data, axis(xLabel, logX, integerX()), axis(yLabel, logY, false), renderer);
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
    layout.addProperty("showlegend", showLegend());
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
            .append(value(series.y[last]))
            .append(" at ")
            .append(value(series.x[last]))
            .append(", min ")
            .append(value(series.y[best]))
            .append(" at ")
            .append(value(series.x[best]));
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
