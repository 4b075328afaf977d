package vaecourse.mcmc;

import java.util.Locale;

/**
 * The kept draws of several chains, {@code draws()[chain][iteration][coordinate]}, with each
 * chain's acceptance rate over its kept iterations and Stan's diagnostics per coordinate.
 *
 * @param draws the kept draws, \([M][N][D]\)
 * @param acceptanceRates per chain, in \([0, 1]\)
 * @param burnIn iterations discarded before the kept ones
 */
public record Chains(double[][][] draws, double[] acceptanceRates, int burnIn) {

  /**
   * Checks the shape.
   *
   * @throws IllegalArgumentException if there is no chain or the rates do not match the chains
   */
  public Chains {
    if (draws == null || draws.length == 0 || acceptanceRates.length != draws.length) {
      throw new IllegalArgumentException("need one acceptance rate per chain and at least a chain");
    }
  }

  /** \(M\). */
  public int chainCount() {
    return draws.length;
  }

  /** \(N\), the kept draws per chain. */
  public int drawsPerChain() {
    return draws[0].length;
  }

  /** \(D\). */
  public int dim() {
    return draws[0][0].length;
  }

  /** Coordinate {@code d} of every chain, {@code [chain][iteration]}. */
  public double[][] coordinate(int d) {
    double[][] out = new double[draws.length][drawsPerChain()];
    for (int c = 0; c < draws.length; c++) {
      for (int i = 0; i < out[c].length; i++) {
        out[c][i] = draws[c][i][d];
      }
    }
    return out;
  }

  /** All kept draws, chain after chain, {@code [M * N][D]}. */
  public double[][] pooled() {
    double[][] out = new double[draws.length * drawsPerChain()][];
    int k = 0;
    for (double[][] chain : draws) {
      for (double[] point : chain) {
        out[k++] = point.clone();
      }
    }
    return out;
  }

  /** Stan's \(\hat R\) of coordinate {@code d} ({@link Diagnostics#rhat}). */
  public double rhat(int d) {
    return Diagnostics.rhat(coordinate(d));
  }

  /** Bulk effective sample size of coordinate {@code d}, all chains together. */
  public double essBulk(int d) {
    return Diagnostics.essBulk(coordinate(d));
  }

  /** Tail effective sample size of coordinate {@code d}, all chains together. */
  public double essTail(int d) {
    return Diagnostics.essTail(coordinate(d));
  }

  /** The mean acceptance rate over chains. */
  public double meanAcceptance() {
    double s = 0;
    for (double a : acceptanceRates) {
      s += a;
    }
    return s / acceptanceRates.length;
  }

  /** One line per coordinate: \(\hat R\), bulk and tail ESS (total and per chain), acceptance. */
  public String summary() {
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "%d chains x %d draws (after %d burn-in), acceptance %.3f%n",
            chainCount(),
            drawsPerChain(),
            burnIn,
            meanAcceptance()));
    for (int d = 0; d < dim(); d++) {
      double bulk = essBulk(d);
      s.append(
          String.format(
              Locale.ROOT,
              "theta%d: R-hat %.4f, bulk ESS %.0f (%.0f per chain), tail ESS %.0f%n",
              d + 1,
              rhat(d),
              bulk,
              bulk / chainCount(),
              essTail(d)));
    }
    return s.toString();
  }
}
