package vaecourse.plot;

import java.awt.Graphics2D;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;

/**
 * Figures laid out in a grid, row by row: an ELBO curve next to a scatter, four scatters side by
 * side. Each keeps its own size, title and axes.
 *
 * <pre>{@code
 * FigureGrid.of(2, curve, scatter)            // two columns
 * }</pre>
 */
public final class FigureGrid extends Figure {

  private static final int SPACING = 12;

  private final List<Figure> figures;
  private final int columns;
  private final int cellWidth;
  private final int cellHeight;

  private FigureGrid(int columns, List<Figure> figures) {
    super("", 50, 50);
    this.columns = columns;
    this.figures = figures;
    int w = 0;
    int h = 0;
    for (Figure f : figures) {
      w = Math.max(w, f.width());
      h = Math.max(h, f.height());
    }
    cellWidth = w;
    cellHeight = h;
    int rows = (figures.size() + columns - 1) / columns;
    int cols = Math.min(columns, figures.size());
    setSize(cols * w + (cols - 1) * SPACING, rows * h + (rows - 1) * SPACING);
  }

  /**
   * Lays out {@code figures} in rows of {@code columns}.
   *
   * @throws IllegalArgumentException if there is no figure or {@code columns < 1}
   */
  public static FigureGrid of(int columns, Figure... figures) {
    if (columns < 1) {
      throw new IllegalArgumentException("columns must be >= 1, but was " + columns);
    }
    if (figures == null || figures.length == 0) {
      throw new IllegalArgumentException("FigureGrid needs at least one figure");
    }
    return new FigureGrid(columns, List.of(figures));
  }

  @Override
  void draw(Graphics2D g, ChartRenderingInfo info) {
    for (int i = 0; i < figures.size(); i++) {
      int row = i / columns;
      int col = i % columns;
      Figure f = figures.get(i);
      drawInside(g, f, col * (cellWidth + SPACING), row * (cellHeight + SPACING));
    }
  }

  /** Draws a figure at {@code (x, y)}, clipped to its own size. */
  static void drawInside(Graphics2D g, Figure f, int x, int y) {
    Graphics2D part = (Graphics2D) g.create();
    try {
      part.translate(x, y);
      part.clipRect(0, 0, f.width(), f.height());
      f.draw(part, null);
    } finally {
      part.dispose();
    }
  }

  /** Kernel display: PNG and text (the panels' hover forms would repeat every point). */
  @Override
  boolean interactive() {
    return false;
  }

  @Override
  public String toText() {
    StringBuilder s = new StringBuilder("FigureGrid[");
    for (int i = 0; i < figures.size(); i++) {
      s.append(i == 0 ? "" : "; ").append(figures.get(i).toText());
    }
    return s.append("]").toString();
  }
}
