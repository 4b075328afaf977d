package vaecourse.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.NumberTickUnitSource;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYDataset;

/**
 * A figure with two numeric axes, drawn by JFreeChart: a subclass builds the {@link XYPlot} (its
 * data sets, renderers and axes from {@link #axis}); this class gives every chart of the course the
 * same look (fonts, white background, light grid, dark frame, legend) and draws it. Axis ranges,
 * ticks and their labels are JFreeChart's ({@link NumberAxis}, {@link LogAxis}).
 */
abstract class ChartFigure extends Figure {

  static final Color INK = new Color(0x222222);
  static final Color GRID = new Color(0xe6e6e6);
  static final String FONT_FAMILY = "DejaVu Sans";
  static final Font TICK_FONT = new Font(FONT_FAMILY, Font.PLAIN, 11);
  static final Font LABEL_FONT = new Font(FONT_FAMILY, Font.PLAIN, 12).deriveFont(12.5f);
  static final Font TITLE_FONT = new Font(FONT_FAMILY, Font.BOLD, 14);

  String xLabel = "";
  String yLabel = "";
  boolean logX;
  boolean logY;

  ChartFigure(String title, int width, int height) {
    super(title, width, height);
  }

  /** The plot: data sets, renderers and axes. Called for every drawing; must not change state. */
  abstract XYPlot plot();

  /** Where a chart's legend goes. */
  enum Legend {
    NONE,
    /** Inside the plot, framed, in the corner with the fewest points ({@link #emptiestCorner}). */
    INSIDE,
    /** To the right of the plot (where points may fill every corner). */
    RIGHT
  }

  /** Where this chart's legend goes. */
  Legend legend() {
    return Legend.NONE;
  }

  @Override
  void draw(Graphics2D g, ChartRenderingInfo info) {
    chart().draw(g, new Rectangle2D.Double(0, 0, width, height), info);
  }

  /** The chart with the course's look. */
  JFreeChart chart() {
    XYPlot plot = plot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlinePaint(INK);
    plot.setOutlineStroke(new BasicStroke(1f));
    plot.setDomainGridlinePaint(GRID);
    plot.setRangeGridlinePaint(GRID);
    plot.setDomainGridlineStroke(new BasicStroke(1f));
    plot.setRangeGridlineStroke(new BasicStroke(1f));
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    // Room around each tick label, which JFreeChart counts when it picks the tick spacing: labels
    // stay apart instead of packing the axis.
    plot.getDomainAxis().setTickLabelInsets(new RectangleInsets(3, 12, 2, 12));
    plot.getRangeAxis().setTickLabelInsets(new RectangleInsets(8, 4, 8, 5));
    JFreeChart chart = new JFreeChart(null, TITLE_FONT, plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    chart.setPadding(new RectangleInsets(4, 6, 6, 14));
    if (!title.isEmpty()) {
      TextTitle t = new TextTitle(title, TITLE_FONT);
      t.setPaint(INK);
      t.setPadding(new RectangleInsets(4, 4, 8, 4));
      chart.setTitle(t);
    }
    Legend where = legend();
    if (where != Legend.NONE && plot.getLegendItems().getItemCount() > 0) {
      LegendTitle legend = new LegendTitle(plot);
      legend.setItemFont(TICK_FONT);
      legend.setItemPaint(INK);
      legend.setBackgroundPaint(Color.WHITE);
      if (where == Legend.INSIDE) {
        legend.setFrame(new BlockBorder(new Color(0xbbbbbb)));
        legend.setPadding(new RectangleInsets(3, 6, 3, 6));
        legend.setPosition(RectangleEdge.RIGHT);
        RectangleAnchor corner = emptiestCorner(plot, plot.getLegendItems().getItemCount());
        boolean right =
            corner == RectangleAnchor.TOP_RIGHT || corner == RectangleAnchor.BOTTOM_RIGHT;
        boolean up = corner == RectangleAnchor.TOP_RIGHT || corner == RectangleAnchor.TOP_LEFT;
        XYTitleAnnotation inside =
            new XYTitleAnnotation(
                relative(plot.getDomainAxis(), right ? 0.985 : 0.015),
                relative(plot.getRangeAxis(), up ? 0.975 : 0.025),
                legend,
                corner);
        inside.setMaxWidth(0.6);
        plot.addAnnotation(inside);
      } else {
        legend.setFrame(BlockBorder.NONE);
        legend.setPosition(RectangleEdge.RIGHT);
        chart.addLegend(legend);
      }
    }
    return chart;
  }

  /**
   * The corner of the plot where the legend hides the fewest points (and midpoints of lines): the
   * top right unless another corner is emptier, as matplotlib's {@code loc="best"} does.
   */
  static RectangleAnchor emptiestCorner(XYPlot plot, int entries) {
    RectangleAnchor[] corners = {
      RectangleAnchor.TOP_RIGHT,
      RectangleAnchor.TOP_LEFT,
      RectangleAnchor.BOTTOM_RIGHT,
      RectangleAnchor.BOTTOM_LEFT
    };
    // The legend's box as a fraction of the plot, about.
    double w = 0.4;
    double h = Math.min(0.5, 0.05 + 0.065 * entries);
    int[] covered = new int[corners.length];
    ValueAxis xAxis = plot.getDomainAxis();
    ValueAxis yAxis = plot.getRangeAxis();
    for (int d = 0; d < plot.getDatasetCount(); d++) {
      XYDataset data = plot.getDataset(d);
      if (data == null) {
        continue;
      }
      for (int s = 0; s < data.getSeriesCount(); s++) {
        double[] previous = null;
        for (int i = 0; i < data.getItemCount(s); i++) {
          double[] f = {
            fraction(xAxis, data.getXValue(s, i)), fraction(yAxis, data.getYValue(s, i))
          };
          if (!Double.isFinite(f[0]) || !Double.isFinite(f[1])) {
            previous = null;
            continue;
          }
          for (int k = 0; k < corners.length; k++) {
            covered[k] += inCorner(k, f[0], f[1], w, h);
            if (previous != null) {
              for (double t = 0.25; t < 1; t += 0.25) {
                covered[k] +=
                    inCorner(
                        k,
                        previous[0] + t * (f[0] - previous[0]),
                        previous[1] + t * (f[1] - previous[1]),
                        w,
                        h);
              }
            }
          }
          previous = f;
        }
      }
    }
    int best = 0;
    for (int k = 1; k < corners.length; k++) {
      if (covered[k] < covered[best]) {
        best = k;
      }
    }
    return corners[best];
  }

  /** 1 if the point (as fractions of the plot) lies in corner k's box, else 0. */
  private static int inCorner(int k, double fx, double fy, double w, double h) {
    boolean right = k == 0 || k == 2;
    boolean top = k < 2;
    boolean inX = right ? fx > 1 - w : fx < w;
    boolean inY = top ? fy > 1 - h : fy < h;
    return inX && inY ? 1 : 0;
  }

  /** Where a value lies along an axis, from 0 at its lower end to 1 at its upper end. */
  private static double fraction(ValueAxis axis, double v) {
    Rectangle2D unit = new Rectangle2D.Double(0, 0, 1, 1);
    return axis.valueToJava2D(v, unit, RectangleEdge.BOTTOM);
  }

  /**
   * The coordinate an annotation needs to sit at this fraction of the axis's length. JFreeChart
   * reads an annotation's relative coordinate linearly in the values, which on a log axis is not
   * the fraction of its length.
   */
  private static double relative(ValueAxis axis, double fraction) {
    double v =
        axis.java2DToValue(fraction, new Rectangle2D.Double(0, 0, 1, 1), RectangleEdge.BOTTOM);
    return (v - axis.getLowerBound()) / (axis.getUpperBound() - axis.getLowerBound());
  }

  /** A linear or logarithmic axis with the course's fonts; ticks on whole numbers if asked. */
  static ValueAxis axis(String label, boolean log, boolean integer) {
    String name = label.isEmpty() ? null : label;
    ValueAxis axis;
    if (log) {
      LogAxis a = new LogAxis(name);
      a.setSmallestValue(Double.MIN_NORMAL);
      // Major ticks at whole powers of ten (10 with a superscript exponent), minor ticks between.
      // Exponents with a true minus sign: a hyphen is hard to see at superscript size.
      DecimalFormat exponent = new DecimalFormat("0;\u22120");
      TickUnits decades = new TickUnits();
      for (int step : new int[] {1, 2, 3, 5, 10, 20, 50, 100}) {
        decades.add(new NumberTickUnit(step, exponent, 9));
      }
      a.setStandardTickUnits(decades);
      a.setMinorTickMarksVisible(true);
      axis = a;
    } else {
      NumberAxis a = new NumberAxis(name);
      a.setAutoRangeIncludesZero(false);
      // Labels of one axis share their number of decimals: 2.50, 2.55, ..., 3.00.
      a.setStandardTickUnits(new NumberTickUnitSource(integer));
      axis = a;
    }
    axis.setLabelFont(LABEL_FONT);
    axis.setLabelPaint(INK);
    axis.setTickLabelFont(TICK_FONT);
    axis.setTickLabelPaint(INK);
    axis.setAxisLinePaint(INK);
    axis.setTickMarkPaint(INK);
    axis.setTickMarkOutsideLength(4);
    axis.setMinorTickMarkOutsideLength(2);
    return axis;
  }

  /** A linear axis spanning exactly {@code [lo, hi]}: for a picture that fills its frame. */
  static ValueAxis exactAxis(String label, double lo, double hi) {
    ValueAxis axis = axis(label, false, false);
    axis.setRange(lo, hi);
    return axis;
  }

  /** A renderer of points only: filled circles of this radius, no outlines, no lines. */
  static XYLineAndShapeRenderer points(double radius) {
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
    r.setDefaultShape(circle(radius));
    r.setAutoPopulateSeriesShape(false);
    r.setDrawOutlines(false);
    return r;
  }

  /** A renderer of lines only, in one colour, that skips the gaps NaN values leave. */
  static XYLineAndShapeRenderer lines(Paint paint, float width) {
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    r.setAutoPopulateSeriesPaint(false);
    r.setAutoPopulateSeriesStroke(false);
    r.setDefaultPaint(paint);
    r.setDefaultStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    return r;
  }

  static Shape circle(double r) {
    return new Ellipse2D.Double(-r, -r, 2 * r, 2 * r);
  }

  static Color withAlpha(Color c, float alpha) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), Math.round(alpha * 255));
  }

  /** The value, or NaN where a log axis cannot show it. */
  static double onAxis(double v, boolean log) {
    return Double.isFinite(v) && (!log || v > 0) ? v : Double.NaN;
  }
}
