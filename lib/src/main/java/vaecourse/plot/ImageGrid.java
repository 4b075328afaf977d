package vaecourse.plot;

import ai.djl.ndarray.NDArray;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.jfree.chart.ChartRenderingInfo;

/**
 * Grey-scale images laid out in a grid, e.g. 4 x 4 real digits or 20 x 20 points of a latent
 * manifold. Values in {@code [0, 1]} (others are clipped) are drawn white on black, as digits are
 * usually shown. Shown in a notebook as a PNG. Our own drawing: a chart library has no grid of
 * pictures at one screen block per pixel.
 *
 * <pre>{@code
 * ImageGrid.of(x, 4, 4).title("real")                         // x: [16, 784]
 * ImageGrid.sideBySide(ImageGrid.of(x, 4, 4).title("real"),
 *                      ImageGrid.of(samples, 4, 4).title("generated"))
 * }</pre>
 */
public final class ImageGrid extends Figure {

  private static final int GAP = 2;
  private static final int TITLE_SPACE = 26;

  private final float[] pixels;
  private final int count;
  private final int imageRows;
  private final int imageCols;
  private final int gridRows;
  private final int gridCols;
  private int scale;

  private ImageGrid(
      float[] pixels, int count, int imageRows, int imageCols, int gridRows, int gridCols) {
    super("", 50, 50);
    this.pixels = pixels;
    this.count = count;
    this.imageRows = imageRows;
    this.imageCols = imageCols;
    this.gridRows = gridRows;
    this.gridCols = gridCols;
    this.scale =
        Math.max(1, Math.min(3, 600 / Math.max(gridCols * imageCols, gridRows * imageRows)));
    resize();
  }

  /**
   * The first {@code gridRows * gridCols} images of an array of shape {@code [n, 784]}, {@code [n,
   * 28, 28]} or {@code [n, 1, 28, 28]} (any square or given size), row by row; empty cells stay
   * black when there are fewer images.
   *
   * @throws IllegalArgumentException if the shape is not one of those, or the grid is empty
   */
  public static ImageGrid of(NDArray images, int gridRows, int gridCols) {
    int[] size = Images.imageSize(images.getShape());
    return of(Images.toFloats(images), size[0], size[1], gridRows, gridCols);
  }

  /**
   * Images given as one flat array of {@code n * rows * cols} values, image after image.
   *
   * @throws IllegalArgumentException if the length is not a multiple of {@code rows * cols}
   */
  public static ImageGrid of(float[] pixels, int rows, int cols, int gridRows, int gridCols) {
    if (gridRows < 1 || gridCols < 1) {
      throw new IllegalArgumentException(
          "grid must be at least 1x1 but was " + gridRows + "x" + gridCols);
    }
    if (rows < 1 || cols < 1 || pixels.length % (rows * cols) != 0) {
      throw new IllegalArgumentException(
          pixels.length + " values are not a whole number of " + rows + "x" + cols + " images");
    }
    int n = Math.min(pixels.length / (rows * cols), gridRows * gridCols);
    float[] kept = java.util.Arrays.copyOf(pixels, n * rows * cols);
    return new ImageGrid(kept, n, rows, cols, gridRows, gridCols);
  }

  /** Images given one per row: {@code images[i]} holds {@code rows * cols} values. */
  public static ImageGrid of(float[][] images, int rows, int cols, int gridRows, int gridCols) {
    int n = Math.min(images.length, gridRows * gridCols);
    float[] flat = new float[n * rows * cols];
    for (int i = 0; i < n; i++) {
      if (images[i].length != rows * cols) {
        throw new IllegalArgumentException(
            "image " + i + " has " + images[i].length + " values, expected " + rows * cols);
      }
      System.arraycopy(images[i], 0, flat, i * rows * cols, rows * cols);
    }
    return new ImageGrid(flat, n, rows, cols, gridRows, gridCols);
  }

  /** Several grids in a row, each with its title (e.g. "real" and "generated"). */
  public static Panels sideBySide(ImageGrid... grids) {
    return new Panels(grids);
  }

  /** Sets the title drawn above the grid. */
  public ImageGrid title(String title) {
    this.title = title == null ? "" : title;
    resize();
    return this;
  }

  /** Screen pixels per image pixel (default: 1 to 3, so the grid is about 600 pixels wide). */
  public ImageGrid scale(int scale) {
    if (scale < 1 || scale > 16) {
      throw new IllegalArgumentException("scale must be in [1, 16] but was " + scale);
    }
    this.scale = scale;
    resize();
    return this;
  }

  /** The number of images shown. */
  public int count() {
    return count;
  }

  private void resize() {
    setSize(Math.max(50, contentWidth()), Math.max(50, contentHeight()));
  }

  int contentWidth() {
    return gridCols * (imageCols * scale + GAP) + GAP;
  }

  int contentHeight() {
    return gridRows * (imageRows * scale + GAP) + GAP + (title.isEmpty() ? 0 : TITLE_SPACE);
  }

  String title() {
    return title;
  }

  /** The grid itself (without title) at one pixel per image pixel times the scale. */
  BufferedImage gridImage() {
    int w = gridCols * (imageCols * scale + GAP) + GAP;
    int h = gridRows * (imageRows * scale + GAP) + GAP;
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    int gapColor = 0x808080;
    for (int yy = 0; yy < h; yy++) {
      for (int xx = 0; xx < w; xx++) {
        image.setRGB(xx, yy, gapColor);
      }
    }
    int per = imageRows * imageCols;
    for (int cell = 0; cell < gridRows * gridCols; cell++) {
      int x0 = GAP + (cell % gridCols) * (imageCols * scale + GAP);
      int y0 = GAP + (cell / gridCols) * (imageRows * scale + GAP);
      for (int r = 0; r < imageRows * scale; r++) {
        for (int c = 0; c < imageCols * scale; c++) {
          int grey = 0;
          if (cell < count) {
            float v = pixels[cell * per + (r / scale) * imageCols + c / scale];
            grey = Float.isNaN(v) ? 0 : Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
          }
          image.setRGB(x0 + c, y0 + r, grey << 16 | grey << 8 | grey);
        }
      }
    }
    return image;
  }

  /** Draws the title and the grid with their top-left corner at {@code (x, y)}. */
  void drawAt(Graphics2D g, int x, int y) {
    int offset = 0;
    if (!title.isEmpty()) {
      g.setFont(ChartFigure.TITLE_FONT);
      g.setColor(ChartFigure.INK);
      FontMetrics metrics = g.getFontMetrics();
      g.drawString(title, x + (contentWidth() - metrics.stringWidth(title)) / 2f, y + 18f);
      offset = TITLE_SPACE;
    }
    // One image pixel is a block of screen pixels, never blurred.
    g.drawImage(gridImage(), x, y + offset, null);
  }

  @Override
  void draw(Graphics2D g, ChartRenderingInfo info) {
    drawAt(g, (width - contentWidth()) / 2, 0);
  }

  /** Kernel display: PNG and text (an image needs no interactive form). */
  @Override
  boolean interactive() {
    return false;
  }

  @Override
  public String toText() {
    return "ImageGrid["
        + (title.isEmpty() ? "" : title + ": ")
        + count
        + " images of "
        + imageRows
        + "x"
        + imageCols
        + " in "
        + gridRows
        + "x"
        + gridCols
        + "]";
  }
}
