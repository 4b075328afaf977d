package vaecourse.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.Locale;
import vaecourse.plot.DensityPlot;
import vaecourse.priors.DensityGrid;

/**
 * A 2-D model's prior drawn as a density under the encoder means of some images: the picture that
 * shows whether the prior's mass sits where the codes are, and where it has holes. The square is
 * sized to the codes: \([-r - 1, r + 1]^2\) with \(r\) the 99.5th percentile of \(\max(|\mu_1|,
 * |\mu_2|)\), kept within [{@value #MIN_REACH}, {@value #MAX_REACH}] so that a few far codes do not
 * shrink the picture and a tight prior still shows its tails.
 *
 * @param title the panel's title, e.g. the prior's name
 * @param grid the prior's log-density on the square
 * @param plot the density with its 50, 90 and 99% contours and the means coloured by label
 */
public record PriorPanel(String title, DensityGrid grid, DensityPlot plot) {

  /** The least half-width of the square before the margin. */
  public static final double MIN_REACH = 3;

  /** The largest half-width of the square before the margin. */
  public static final double MAX_REACH = 8;

  /** Added to each side of the square beyond the codes' reach. */
  public static final double MARGIN = 1;

  /** Grid cells per axis. */
  public static final int CELLS = 120;

  private static final double REACH_QUANTILE = 0.995;

  /** Checks that both parts are present. */
  public PriorPanel {
    if (grid == null || plot == null) {
      throw new IllegalArgumentException("grid and plot must not be null");
    }
  }

  /**
   * The panel of {@code vae}'s prior under the encoder means of {@code images}.
   *
   * @param title the panel's title, e.g. the prior's name
   * @param images {@code [n, ...inputShape]}
   * @param labels one class label per image, or null for one colour
   * @throws IllegalArgumentException if the model's latent space is not 2-D or the labels do not
   *     match the images
   */
  public static PriorPanel of(String title, Vae vae, NDArray images, int[] labels) {
    if (vae.latentDim() != 2) {
      throw new IllegalArgumentException(
          "a prior panel needs a 2-D latent space, but the model has P = " + vae.latentDim());
    }
    NDManager manager = images.getManager();
    float[] flat;
    try (NDArray mu = vae.encodeMean(images)) {
      flat = mu.toFloatArray();
    }
    double[][] means = new double[flat.length / 2][];
    for (int i = 0; i < means.length; i++) {
      means[i] = new double[] {flat[2 * i], flat[2 * i + 1]};
    }
    double half = reach(means) + MARGIN;
    DensityGrid grid = DensityGrid.of(manager, vae.prior(), -half, half, CELLS);
    DensityPlot plot =
        DensityPlot.of(title, grid.lo(), grid.hi(), grid.values())
            .points(means, labels)
            .size(360, 360);
    return new PriorPanel(title, grid, plot);
  }

  /**
   * The half-width \(r\) for these points: the 99.5th percentile (nearest rank) of \(\max(|x|,
   * |y|)\) clamped to [{@value #MIN_REACH}, {@value #MAX_REACH}]; {@value #MIN_REACH} without
   * points.
   */
  public static double reach(double[][] points) {
    if (points.length == 0) {
      return MIN_REACH;
    }
    double[] r = new double[points.length];
    for (int i = 0; i < points.length; i++) {
      r[i] = Math.max(Math.abs(points[i][0]), Math.abs(points[i][1]));
    }
    Arrays.sort(r);
    int rank = (int) Math.ceil(REACH_QUANTILE * r.length) - 1;
    return Math.min(MAX_REACH, Math.max(MIN_REACH, r[Math.max(0, rank)]));
  }

  /** The share of the points outside the prior's 99% highest-density region. */
  public double outside99() {
    return plot.fractionOutside(0.99);
  }

  /** One line: the grid mass (about 1 for a density) and the share of codes outside 99%. */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "%-20s grid mass %.3f on [%.1f, %.1f]^2, means outside the 99%% region: %.1f%%",
        title,
        grid.mass(),
        grid.lo(),
        grid.hi(),
        100 * outside99());
  }
}
