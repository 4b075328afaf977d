package vaecourse.plot;

import java.awt.image.BufferedImage;
import java.util.List;

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
  void draw(Canvas c) {
    c.rect(0, 0, width, height, new java.awt.Color(255, 255, 255), null);
    double x = 0;
    for (Figure f : figures) {
      BufferedImage image = f.toImage();
      c.image(x, 0, image.getWidth(), image.getHeight(), image, null);
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
