package vaecourse;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Locale;
import vaecourse.data.Banana;
import vaecourse.flows.Flow;
import vaecourse.flows.FlowSequence;
import vaecourse.flows.StochasticVi;
import vaecourse.mcmc.Hmc;

/**
 * The Java side of the banana benchmarks of {@code ./course bench}: iterations per second of one
 * stochastic-VI step of each flow of notebook 4 (S = 100, Adam), on the plain-Java fast path and
 * with DJL tensors and autograd, and of HMC iterations (L = 100 leapfrog steps of 0.05) on one
 * chain. The reference scripts are {@code bench/banana_flows_torch.py} and {@code
 * bench/banana_hmc_numpy.py}.
 *
 * <p>Usage: {@code BananaBench [flowIterations [djlIterations [hmcIterations]]]}.
 */
public final class BananaBench {

  private BananaBench() {}

  /** Runs the benchmarks and prints one line per workload. */
  public static void main(String[] args) {
    Logging.quiet();
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int djlIterations = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    int hmcIterations = args.length > 2 ? Integer.parseInt(args[2]) : 5000;
    Banana banana = Banana.standard();
    Engine.getInstance().setRandomSeed(1);
    String[] kinds = {"planar", "nice", "realnvp"};
    try (NDManager m = NDManager.newBaseManager()) {
      for (boolean plain : new boolean[] {true, false}) {
        for (String kind : kinds) {
          Flow f =
              kind.equals("planar")
                  ? FlowSequence.planar(2, 8)
                  : kind.equals("nice")
                      ? FlowSequence.nice(2, 4, 32)
                      : FlowSequence.realNvp(2, 4, 32);
          f.initialize(m, DataType.FLOAT32);
          int n = plain ? iterations : djlIterations;
          StochasticVi.Builder b = StochasticVi.builder(f, banana::logJoint);
          if (plain) {
            b.optPlainJava(banana::logJointAndGradient, 1);
          }
          b.optIterations(100).build().train(m); // warm-up
          StochasticVi vi = b.optIterations(n).build();
          long t0 = System.nanoTime();
          double[] curve = vi.train(m);
          double rate = n / ((System.nanoTime() - t0) / 1e9);
          System.out.printf(
              Locale.ROOT,
              "java  %-8s %9.1f it/s (S = 100, %s), last ELBO %.2f%n",
              kind,
              rate,
              plain ? "plain-Java fast path" : "DJL tensors + autograd",
              curve[n - 1]);
        }
      }
    }
    Hmc hmc =
        Hmc.builder().stepSize(0.05).leapfrogSteps(100).burnIn(0).draws(hmcIterations).build();
    hmc.run(banana::logJointAndGradient, new double[][] {{0, 0}}, 1); // warm-up
    long t0 = System.nanoTime();
    var chains = hmc.run(banana::logJointAndGradient, new double[][] {{0, 0}}, 2);
    double rate = hmcIterations / ((System.nanoTime() - t0) / 1e9);
    System.out.printf(
        Locale.ROOT,
        "java  HMC %9.1f it/s (L = 100 leapfrog steps each), acceptance %.2f%n",
        rate,
        chains.meanAcceptance());
  }
}
