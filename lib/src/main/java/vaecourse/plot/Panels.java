package vaecourse.plot;

import java.awt.Graphics2D;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;

/** Image grids side by side, e.g. real digits next to generated ones. */
public final class Panels extends Figure {

  private static final int SPACING = 24;

  private final List<ImageGrid> grids;

  Panels(ImageGrid... grids) {
    super("", 50, 50);
    if (grids.length == 0) {
      throw new IllegalArgumentException("sideBySide needs at least one grid");
    }
    this.grids = List.of(grids);
    int w = 0;
    int h = 0;
    for (ImageGrid g : grids) {
      w += g.contentWidth();
      h = Math.max(h, g.contentHeight());
    }
    setSize(Math.max(50, w + SPACING * (grids.length - 1)), Math.max(50, h));
  }

  @Override
  void draw(Graphics2D g, ChartRenderingInfo info) {
    int x = 0;
    for (ImageGrid grid : grids) {
      grid.drawAt(g, x, 0);
      x += grid.contentWidth() + SPACING;
    }
  }

  /** Kernel display: PNG and text (an image needs no interactive form). */
  @Override
  boolean interactive() {
    return false;
  }

  @Override
  public String toText() {
    StringBuilder s = new StringBuilder("Panels[");
    for (int i = 0; i < grids.size(); i++) {
      s.append(i == 0 ? "" : ", ").append(grids.get(i).toText());
    }
    return s.append("]").toString();
  }
}
