package vaecourse.plot;

import ai.djl.ndarray.NDArray;

/**
 * t-SNE (van der Maaten and Hinton, 2008): a 2-D embedding that keeps neighbours close, for looking
 * at latent codes of more than two dimensions. Uses Smile's exact implementation, which costs
 * {@code O(n^2)} per iteration: embed a few thousand points, not a whole data set.
 */
public final class Tsne {

  /** The usual perplexity (effective number of neighbours). */
  public static final double DEFAULT_PERPLEXITY = 30;

  /** The usual number of gradient iterations. */
  public static final int DEFAULT_ITERATIONS = 1000;

  private static final double LEARNING_RATE = 200;

  static {
    // Smile's thread pool makes the gradient sums, and so the embedding, vary from run to run;
    // one thread keeps a seeded embedding reproducible. It must be set before Smile first runs.
    if (System.getProperty("smile.threads") == null) {
      System.setProperty("smile.threads", "1");
    }
  }

  private Tsne() {}

  /** Embeds the rows of an {@code [n, d]} array with the default settings. */
  public static double[][] embed(NDArray points, long seed) {
    return embed(points, DEFAULT_PERPLEXITY, DEFAULT_ITERATIONS, seed);
  }

  /**
   * Embeds the rows of an {@code [n, d]} array in two dimensions.
   *
   * @param perplexity effective number of neighbours, below {@code n / 3}
   * @param iterations gradient iterations
   * @param seed seed of the random initial layout
   * @return {@code n} points of 2 coordinates
   * @throws IllegalArgumentException if the array is not 2-D or the perplexity is too large for n
   */
  public static double[][] embed(NDArray points, double perplexity, int iterations, long seed) {
    if (points.getShape().dimension() != 2) {
      throw new IllegalArgumentException(
          "points must have shape [n, d] but had " + points.getShape());
    }
    int n = (int) points.getShape().get(0);
    int d = (int) points.getShape().get(1);
    double[] flat = Images.toDoubles(points);
    double[][] rows = new double[n][d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(flat, i * d, rows[i], 0, d);
    }
    return embed(rows, perplexity, iterations, seed);
  }

  /**
   * Embeds the rows of {@code points} in two dimensions; see {@link #embed(NDArray, double, int,
   * long)}.
   */
  public static double[][] embed(double[][] points, double perplexity, int iterations, long seed) {
    int n = points.length;
    if (n < 4 || !(perplexity > 0) || perplexity >= n / 3.0) {
      throw new IllegalArgumentException(
          "perplexity must be in (0, n / 3) for n = " + n + " points but was " + perplexity);
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be >= 1 but was " + iterations);
    }
    synchronized (Tsne.class) {
      // Smile draws the initial layout from its global generator.
      smile.math.Math.setSeed(seed);
      return new smile.manifold.TSNE(points, 2, perplexity, LEARNING_RATE, iterations)
          .getCoordinates();
    }
  }
}
