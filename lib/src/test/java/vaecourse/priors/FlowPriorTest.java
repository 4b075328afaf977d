package vaecourse.priors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;
import vaecourse.flows.FlowSequence;
import vaecourse.flows.FlowStep;
import vaecourse.flows.FlowsTest;
import vaecourse.flows.NormalizingFlow;
import vaecourse.nn.BernoulliDecoder;
import vaecourse.nn.GaussianEncoder;
import vaecourse.vae.Vae;

class FlowPriorTest {

  /** Grid of the numerical integration: [-LIMIT, LIMIT]^2 with GRID points a side. */
  private static final double LIMIT = 9;

  private static final int GRID = 301;

  /** Noise added to the flow's parameters: far from the identity, tails still light. */
  private static final double PERTURBATION = 0.3;

  private static final int DRAWS = 100_000;

  /** Tolerance of the grid integral of the density. */
  private static final double MASS_TOL = 2e-3;

  /** Monte Carlo tolerance on sample moments against the integrated ones. */
  private static final double MOMENT_TOL = 0.05;

  private static FlowPrior perturbedPrior(NDManager m) {
    FlowPrior prior = FlowPrior.realNvp(2, 4, 16);
    prior.initialize(m, DataType.FLOAT64, new Shape(1, 2));
    FlowsTest.perturb(m, prior.flow(), PERTURBATION);
    return prior;
  }

  @Test
  void densityIntegratesToOneAndSamplesHaveItsMoments() {
    Engine.getInstance().setRandomSeed(201);
    try (NDManager m = NDManager.newBaseManager()) {
      FlowPrior prior = perturbedPrior(m);
      double h = 2 * LIMIT / (GRID - 1);
      double[] grid = new double[GRID * GRID * 2];
      for (int i = 0; i < GRID; i++) {
        for (int j = 0; j < GRID; j++) {
          grid[2 * (i * GRID + j)] = -LIMIT + i * h;
          grid[2 * (i * GRID + j) + 1] = -LIMIT + j * h;
        }
      }
      double[] logp = prior.logProb(m.create(grid, new Shape(GRID * GRID, 2))).toDoubleArray();
      double mass = 0;
      double[] mean = new double[2];
      double[] second = new double[2];
      for (int k = 0; k < logp.length; k++) {
        double w = Math.exp(logp[k]) * h * h;
        mass += w;
        for (int d = 0; d < 2; d++) {
          mean[d] += w * grid[2 * k + d];
          second[d] += w * grid[2 * k + d] * grid[2 * k + d];
        }
      }
      assertEquals(1.0, mass, MASS_TOL);
      NDArray s = prior.sample(m, DRAWS);
      assertEquals(new Shape(DRAWS, 2), s.getShape());
      // Compare moments on the integration box (heavy tails outside it carry almost no mass but
      // much variance): conditional moments of the samples against the normalized integrals.
      double[] z = s.toDoubleArray();
      double inside = 0;
      double[] sampleMean = new double[2];
      double[] sampleSecond = new double[2];
      for (int k = 0; k < DRAWS; k++) {
        if (Math.abs(z[2 * k]) <= LIMIT && Math.abs(z[2 * k + 1]) <= LIMIT) {
          inside++;
          for (int d = 0; d < 2; d++) {
            sampleMean[d] += z[2 * k + d];
            sampleSecond[d] += z[2 * k + d] * z[2 * k + d];
          }
        }
      }
      assertEquals(mass, inside / DRAWS, MASS_TOL + 3 / Math.sqrt(DRAWS));
      for (int d = 0; d < 2; d++) {
        double mu = mean[d] / mass;
        double var = second[d] / mass - mu * mu;
        double sampleMu = sampleMean[d] / inside;
        double sampleVar = sampleSecond[d] / inside - sampleMu * sampleMu;
        assertEquals(mu, sampleMu, MOMENT_TOL, "mean " + d);
        assertEquals(var, sampleVar, MOMENT_TOL * Math.max(1, var), "variance " + d);
      }
      // The perturbed flow is not a standard normal any more.
      assertTrue(Math.abs(second[0] - mean[0] * mean[0] - 1) > 0.05
          || Math.abs(second[1] - mean[1] * mean[1] - 1) > 0.05
          || Math.abs(mean[0]) > 0.05 || Math.abs(mean[1]) > 0.05);
    }
  }

  @Test
  void sampledLogDensityAgreesWithTheInverseDensity() {
    Engine.getInstance().setRandomSeed(202);
    try (NDManager m = NDManager.newBaseManager()) {
      FlowPrior prior = perturbedPrior(m);
      FlowStep s = NormalizingFlow.of(prior.flow()).rsampleWithLogProb(m, 50);
      assertArrayEquals(s.logDet().toDoubleArray(), prior.logProb(s.value()).toDoubleArray(),
          1e-9);
    }
  }

  @Test
  void seededSamplingRepeats() {
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(1);
      FlowPrior prior = perturbedPrior(m);
      Engine.getInstance().setRandomSeed(203);
      double[] a = prior.sample(m, 20).toDoubleArray();
      Engine.getInstance().setRandomSeed(203);
      double[] b = prior.sample(m, 20).toDoubleArray();
      assertArrayEquals(a, b, 0);
    }
  }

  @Test
  void flowPriorTrainsTogetherWithTheVae() {
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(204);
      Vae vae = Vae.builder()
          .setEncoder(GaussianEncoder.mlp(4, 8, 2))
          .setDecoder(BernoulliDecoder.mlp(2, 8, 4))
          .optPrior(FlowPrior.realNvp(2, 2, 8))
          .optManager(m)
          .build();
      NDArray x = m.create(new float[] {1, 0, 1, 0, 0, 1, 1, 1}, new Shape(2, 4));
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(vae.loss(x, true));
      }
      int priorParams = 0;
      for (Pair<String, Parameter> p : vae.getParameters()) {
        if (p.getKey().contains("prior")) {
          priorParams++;
        }
      }
      // 2 coupling layers x 3 linear layers x (weight, bias).
      assertEquals(12, priorParams);
      // The zero-initialized last layers receive gradients from the KL term.
      boolean any = false;
      for (Pair<String, Parameter> p : vae.getParameters()) {
        if (p.getKey().contains("prior")) {
          try (NDArray g = p.getValue().getArray().getGradient()) {
            any |= g.abs().sum().getFloat() > 0;
          }
        }
      }
      assertTrue(any);
    }
  }

  @Test
  void planarFlowsAreRejectedAsPriors() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FlowPrior.of(FlowSequence.planar(2, 3)));
    assertTrue(e.getMessage().startsWith("flow must be invertible"), e.getMessage());
  }
}
