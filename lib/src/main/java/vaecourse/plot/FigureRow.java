package vaecourse.plot;

import java.awt.Graphics2D;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;

/**
 * Figures side by side in one picture, e.g. the same density plot for several priors. Each figure
 * is drawn at its own size; the row is as tall as the tallest.
 */
public final class FigureRow extends Figure {

  private static final int SPACING = 12;

  private final List<Figure> figures;

  private FigureRow(List<Figure> figures) {
    super("", 50, 50);
    this.figures = figures;
    int w = 0;
    int h = 0;
    for (Figure f : figures) {
      w += f.width();
      h = Math.max(h, f.height());
    }
    setSize(Math.max(50, w + SPACING * (figures.size() - 1)), Math.max(50, h));
  }

  /**
   * A row of figures, left to right.
   *
   * @throws IllegalArgumentException if there are none or the row would be wider than 8000 pixels
   */
  public static FigureRow of(Figure... figures) {
    if (figures == null || figures.length == 0) {
      throw new IllegalArgumentException("a figure row needs at least one figure");
    }
    return new FigureRow(List.of(figures));
  }

  @Override
  void draw(Graphics2D g, ChartRenderingInfo info) {
    int x = 0;
    for (Figure f : figures) {
      FigureGrid.drawInside(g, f, x, 0);
      x += f.width() + SPACING;
    }
  }

  /** Kernel display: PNG and text (the parts are drawn as pictures). */
  @Override
  boolean interactive() {
    return false;
  }

  @Override
  public String toText() {
    StringBuilder s = new StringBuilder("FigureRow[");
    for (int i = 0; i < figures.size(); i++) {
      s.append(i == 0 ? "" : ", ").append(figures.get(i).toText());
    }
    return s.append("]").toString();
  }
}
