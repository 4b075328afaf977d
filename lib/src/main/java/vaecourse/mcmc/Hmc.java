package vaecourse.mcmc;

import java.util.Random;

/**
 * Hamiltonian Monte Carlo (Duane et al. 1987; Neal 2011, "MCMC using Hamiltonian dynamics") with a
 * unit mass matrix. One iteration draws a momentum \(r \sim \mathcal N(0, I)\), runs \(L\) leapfrog
 * steps of size \(\varepsilon\) on \(H(\theta, r) = -\log\pi(\theta) + \tfrac12 \|r\|^2\), and
 * accepts the end point with probability \(\min(1, e^{H(\theta, r) - H(\theta', r')})\); a rejected
 * proposal repeats the current point (it counts as a draw). The first {@code burnIn} iterations of
 * every chain are discarded.
 *
 * <pre>{@code
 * Chains c = Hmc.builder().stepSize(0.05).leapfrogSteps(100).burnIn(500).draws(500).build()
 *     .run(banana::logJointAndGradient, Hmc.dispersedStarts(4, 2, 2.0, 7), 11);
 * }</pre>
 */
public final class Hmc {

  private final double stepSize;
  private final int leapfrogSteps;
  private final int burnIn;
  private final int draws;

  private Hmc(Builder b) {
    this.stepSize = b.stepSize;
    this.leapfrogSteps = b.leapfrogSteps;
    this.burnIn = b.burnIn;
    this.draws = b.draws;
  }

  /** A builder; every setting is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** \(\varepsilon\). */
  public double stepSize() {
    return stepSize;
  }

  /** \(L\). */
  public int leapfrogSteps() {
    return leapfrogSteps;
  }

  /**
   * One leapfrog step, in place: \( r \leftarrow r + \tfrac\varepsilon2 \nabla\log\pi(\theta) \),
   * \( \theta \leftarrow \theta + \varepsilon r \), \( r \leftarrow r + \tfrac\varepsilon2
   * \nabla\log\pi(\theta) \) at the new \(\theta\).
   *
   * @param target \(\log\pi\) and its gradient
   * @param theta position, updated
   * @param r momentum, updated
   * @param grad on entry \(\nabla\log\pi\) at {@code theta}; on exit at the new {@code theta}
   * @param eps \(\varepsilon\)
   * @return \(\log\pi\) at the new {@code theta}
   */
  public static double leapfrog(
      LogDensity target, double[] theta, double[] r, double[] grad, double eps) {
    for (int d = 0; d < theta.length; d++) {
      r[d] += 0.5 * eps * grad[d];
      theta[d] += eps * r[d];
    }
    double logPi = target.logDensityAndGradient(theta, grad);
    for (int d = 0; d < theta.length; d++) {
      r[d] += 0.5 * eps * grad[d];
    }
    return logPi;
  }

  /**
   * The Metropolis test of HMC: accept when \( \log u < [\log\pi(\theta') - \tfrac12\|r'\|^2] -
   * [\log\pi(\theta) - \tfrac12\|r\|^2] \), that is with probability \(\min(1, e^{-\Delta H})\). A
   * NaN energy (a diverging trajectory) is rejected.
   *
   * @param u a uniform draw in \((0, 1)\)
   */
  public static boolean accept(
      double logPiCurrent, double[] rCurrent, double logPiProposal, double[] rProposal, double u) {
    double logRatio =
        (logPiProposal - 0.5 * squaredNorm(rProposal))
            - (logPiCurrent - 0.5 * squaredNorm(rCurrent));
    return Math.log(u) < logRatio;
  }

  private static double squaredNorm(double[] r) {
    double s = 0;
    for (double v : r) {
      s += v * v;
    }
    return s;
  }

  /**
   * {@code chains} starting points drawn from \(\mathcal N(0, \mathrm{scale}^2 I_D)\): spread wider
   * than the target, as \(\hat R\) needs.
   */
  public static double[][] dispersedStarts(int chains, int dim, double scale, long seed) {
    if (chains < 1 || dim < 1 || !(scale > 0)) {
      throw new IllegalArgumentException(
          "need chains >= 1, dim >= 1 and scale > 0, but got "
              + chains
              + ", "
              + dim
              + ", "
              + scale);
    }
    Random rng = new Random(seed);
    double[][] starts = new double[chains][dim];
    for (double[] s : starts) {
      for (int d = 0; d < dim; d++) {
        s[d] = scale * rng.nextGaussian();
      }
    }
    return starts;
  }

  /**
   * Runs one chain from each start, chain {@code c} with its own generator seeded by {@code seed +
   * c}, so each chain's draws depend only on its seed and start.
   *
   * @param target \(\log\pi\) and its gradient
   * @param starts one starting point per chain, each of the same length \(D\)
   * @param seed the seed of chain 0
   * @throws IllegalArgumentException if there is no start, the lengths differ, or the target is not
   *     finite at a start
   */
  public Chains run(LogDensity target, double[][] starts, long seed) {
    if (starts == null || starts.length == 0) {
      throw new IllegalArgumentException("starts must hold at least one starting point");
    }
    int dim = starts[0].length;
    double[][][] kept = new double[starts.length][draws][];
    double[] acceptance = new double[starts.length];
    for (int c = 0; c < starts.length; c++) {
      if (starts[c].length != dim) {
        throw new IllegalArgumentException(
            "start " + c + " has " + starts[c].length + " coordinates, start 0 has " + dim);
      }
      acceptance[c] = runChain(target, starts[c].clone(), new Random(seed + c), kept[c], c);
    }
    return new Chains(kept, acceptance, burnIn);
  }

  private double runChain(
      LogDensity target, double[] theta, Random rng, double[][] out, int chain) {
    int dim = theta.length;
    double[] grad = new double[dim];
    double logPi = target.logDensityAndGradient(theta, grad);
    if (!Double.isFinite(logPi)) {
      throw new IllegalArgumentException(
          "the target is " + logPi + " at start " + chain + "; start where it is finite");
    }
    double[] proposal = new double[dim];
    double[] r0 = new double[dim];
    double[] r = new double[dim];
    double[] gradProposal = new double[dim];
    long accepted = 0;
    for (int it = 0; it < burnIn + draws; it++) {
      for (int d = 0; d < dim; d++) {
        r0[d] = rng.nextGaussian();
      }
      System.arraycopy(theta, 0, proposal, 0, dim);
      System.arraycopy(r0, 0, r, 0, dim);
      System.arraycopy(grad, 0, gradProposal, 0, dim);
      double logPiProposal = logPi;
      for (int l = 0; l < leapfrogSteps; l++) {
        logPiProposal = leapfrog(target, proposal, r, gradProposal, stepSize);
      }
      if (accept(logPi, r0, logPiProposal, r, rng.nextDouble())) {
        System.arraycopy(proposal, 0, theta, 0, dim);
        System.arraycopy(gradProposal, 0, grad, 0, dim);
        logPi = logPiProposal;
        if (it >= burnIn) {
          accepted++;
        }
      }
      if (it >= burnIn) {
        out[it - burnIn] = theta.clone();
      }
    }
    return draws == 0 ? Double.NaN : (double) accepted / draws;
  }

  /** Builder of {@link Hmc}. */
  public static final class Builder {
    private double stepSize = Double.NaN;
    private int leapfrogSteps = -1;
    private int burnIn = -1;
    private int draws = -1;

    private Builder() {}

    /** \(\varepsilon > 0\). */
    public Builder stepSize(double eps) {
      this.stepSize = eps;
      return this;
    }

    /** \(L \ge 1\); the path length is \(L\varepsilon\). */
    public Builder leapfrogSteps(int steps) {
      this.leapfrogSteps = steps;
      return this;
    }

    /** Iterations discarded at the start of every chain, \(\ge 0\). */
    public Builder burnIn(int iterations) {
      this.burnIn = iterations;
      return this;
    }

    /** Iterations kept per chain, \(\ge 4\) (the diagnostics split chains in halves). */
    public Builder draws(int iterations) {
      this.draws = iterations;
      return this;
    }

    /**
     * Builds the sampler.
     *
     * @throws IllegalArgumentException if a setting is missing or out of range
     */
    public Hmc build() {
      if (!(stepSize > 0) || Double.isInfinite(stepSize)) {
        throw new IllegalArgumentException("stepSize must be > 0 and finite, but was " + stepSize);
      }
      if (leapfrogSteps < 1) {
        throw new IllegalArgumentException("leapfrogSteps must be >= 1, but was " + leapfrogSteps);
      }
      if (burnIn < 0) {
        throw new IllegalArgumentException("burnIn must be >= 0, but was " + burnIn);
      }
      if (draws < 4) {
        throw new IllegalArgumentException("draws must be >= 4, but was " + draws);
      }
      return new Hmc(this);
    }
  }
}
