package vaecourse.plot;

import java.util.List;

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
  void draw(Canvas c) {
    for (int i = 0; i < figures.size(); i++) {
      int row = i / columns;
      int col = i % columns;
      figures
          .get(i)
          .draw(new ShiftedCanvas(c, col * (cellWidth + SPACING), row * (cellHeight + SPACING)));
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
