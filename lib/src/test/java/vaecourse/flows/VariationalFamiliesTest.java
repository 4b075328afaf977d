package vaecourse.flows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.junit.jupiter.api.Test;
import vaecourse.data.Banana;

/** The three variational families of notebook 4 on \(\mathbb R^2\), at the notebook's sizes. */
class VariationalFamiliesTest {

  private static final double ROUND_TRIP_TOL = 1e-10;
  private static final double JACOBIAN_STEP = 1e-6;
  private static final double LOG_DET_TOL = 1e-6;

  private static final double[][] POINTS = {{0.3, -1.2}, {1.5, 0.1}, {-0.7, 2.0}, {0, 0}};

  /** Planar K = 8, NICE (4 additive couplings + scaling), RealNVP (4 affine), hidden 32. */
  private static List<Flow> families(NDManager m) {
    List<Flow> all =
        List.of(
            FlowSequence.planar(2, 8), FlowSequence.nice(2, 4, 32), FlowSequence.realNvp(2, 4, 32));
    for (Flow f : all) {
      FlowsTest.perturb(m, f.initialize(m, DataType.FLOAT64), 0.3);
    }
    return all;
  }

  @Test
  void inverseWhereItExistsAndLogDetAgainstTheJacobian() {
    Engine.getInstance().setRandomSeed(201);
    try (NDManager m = NDManager.newBaseManager()) {
      for (Flow f : families(m)) {
        String name = f.getClass().getSimpleName() + " " + f.getChildren().size();
        for (double[] x : POINTS) {
          NDArray in = m.create(x, new Shape(1, 2));
          FlowStep fwd = f.forward(in);
          if (f.isInvertible()) {
            FlowStep back = f.inverse(fwd.value());
            assertArrayEquals(x, back.value().toDoubleArray(), ROUND_TRIP_TOL, name);
            assertEquals(0, fwd.logDet().add(back.logDet()).getDouble(0), ROUND_TRIP_TOL, name);
          }
          double[][] jac = new double[2][2];
          for (int j = 0; j < 2; j++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[j] += JACOBIAN_STEP;
            minus[j] -= JACOBIAN_STEP;
            double[] fp = f.forward(m.create(plus, new Shape(1, 2))).value().toDoubleArray();
            double[] fm = f.forward(m.create(minus, new Shape(1, 2))).value().toDoubleArray();
            for (int r = 0; r < 2; r++) {
              jac[r][j] = (fp[r] - fm[r]) / (2 * JACOBIAN_STEP);
            }
          }
          double det = new LUDecomposition(new Array2DRowRealMatrix(jac)).getDeterminant();
          assertEquals(Math.log(Math.abs(det)), fwd.logDet().getDouble(0), LOG_DET_TOL, name);
        }
      }
    }
  }

  @Test
  void uHatKeepsEveryPlanarLayerInvertible() {
    // For any u, w: w^T u_hat = -1 + softplus(w^T u) > -1, so 1 + h' w^T u_hat > 0 (h' in (0, 1]).
    Random r = new Random(5);
    try (NDManager m = NDManager.newBaseManager()) {
      for (int i = 0; i < 200; i++) {
        double[] w = {3 * r.nextGaussian(), 3 * r.nextGaussian()};
        double[] u = {3 * r.nextGaussian(), 3 * r.nextGaussian()};
        NDArray hat = PlanarFlow.uHat(m.create(u), m.create(w));
        double wu = w[0] * u[0] + w[1] * u[1];
        double wHat = w[0] * hat.getDouble(0) + w[1] * hat.getDouble(1);
        assertEquals(-1 + Math.log1p(Math.exp(wu)), wHat, 1e-9 * (1 + Math.abs(wu)));
        assertTrue(wHat > -1 || wu < -30, "w^T u_hat = " + wHat);
      }
    }
  }

  @Test
  void elboOfTheIdentityFlowIsTheMeanLogRatio() {
    // With the identity (a new RealNVP) and logJoint = log N(theta; 0, I) + c, every term of the
    // estimate is exactly c: log p - log q0 + 0.
    try (NDManager m = NDManager.newBaseManager()) {
      Flow f = FlowSequence.realNvp(2, 2, 8).initialize(m, DataType.FLOAT64);
      NDArray eps = m.create(new double[] {0.1, -0.3, 1.2, 0.4, -2, 0.5}, new Shape(3, 2));
      Function<NDArray, NDArray> logJoint =
          t -> t.square().sum(new int[] {1}).mul(-0.5).sub(Math.log(2 * Math.PI)).add(1.25);
      NDArray elbo = StochasticVi.elbo(eps, f.forward(eps), logJoint);
      assertEquals(1.25, elbo.getDouble(), 1e-12);
      // With logJoint = 0 it is the entropy estimate -mean log q0(eps): by hand.
      double want = 0;
      double[] e = eps.toDoubleArray();
      for (int i = 0; i < 3; i++) {
        want += (0.5 * (e[2 * i] * e[2 * i] + e[2 * i + 1] * e[2 * i + 1]) + Math.log(2 * Math.PI));
      }
      assertEquals(
          want / 3,
          StochasticVi.elbo(eps, f.forward(eps), t -> t.sum(new int[] {1}).mul(0)).getDouble(),
          1e-12);
    }
  }

  @Test
  void stochasticViFitsAGaussianTarget() {
    // Target N((1, -1), diag(0.25, 4)), normalized, so log p(y) = 0 and KL = -ELBO. RealNVP and
    // NICE contain this affine map; 2500 Adam steps of S = 100 (seed 7) reach KL < 0.02 with room
    // (1500 steps land near 0.02, and CPU threads are not bit-reproducible).
    Engine.getInstance().setRandomSeed(7);
    Function<NDArray, NDArray> logJoint =
        t -> {
          NDArray z =
              t.sub(t.getManager().create(new float[] {1, -1}).toType(t.getDataType(), false))
                  .div(t.getManager().create(new float[] {0.5f, 2}).toType(t.getDataType(), false));
          return z.square().sum(new int[] {1}).mul(-0.5).sub(Math.log(2 * Math.PI) + Math.log(1));
        };
    try (NDManager m = NDManager.newBaseManager()) {
      for (Flow f : List.of(FlowSequence.realNvp(2, 4, 32), FlowSequence.nice(2, 4, 32))) {
        f.initialize(m, DataType.FLOAT32);
        StochasticVi vi =
            StochasticVi.builder(f, logJoint).optIterations(2500).optLearningRate(1e-2).build();
        double[] curve = vi.train(m);
        assertEquals(2500, curve.length);
        double[] elbo = vi.estimateElbo(m, 10, 2000);
        assertTrue(elbo[0] <= 3 * elbo[1], "an ELBO above log p(y) = 0: " + elbo[0]);
        assertTrue(-elbo[0] < 0.02, "KL " + (-elbo[0]) + " for " + f);
      }
    }
  }

  @Test
  void plainJavaTwinMatchesTheFlowAndItsAutogradGradients() {
    Engine.getInstance().setRandomSeed(202);
    vaecourse.data.Banana banana = vaecourse.data.Banana.standard();
    double[] eps = {0.3, -1.2, 1.5, 0.1, -0.7, 2.0, 0.4, 0.9, -1.1, -0.2};
    try (NDManager m = NDManager.newBaseManager()) {
      for (Flow f : families(m)) {
        String name = f.toString().substring(0, Math.min(40, f.toString().length()));
        PlainFlow twin = PlainFlow.of(f);
        // Values and log-determinants.
        NDArray e = m.create(eps, new Shape(5, 2));
        FlowStep djl = f.forward(e);
        double[] x = eps.clone();
        double[] logDet = twin.forward(x);
        assertArrayEquals(djl.value().toDoubleArray(), x, 1e-12, name);
        assertArrayEquals(djl.logDet().toDoubleArray(), logDet, 1e-12, name);
        // Gradients of the ELBO against DJL's autograd (float64).
        for (var p : twin.sources()) {
          p.getArray().setRequiresGradient(true);
        }
        try (ai.djl.training.GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          FlowStep pushed = f.forward(new ai.djl.training.ParameterStore(m, false), e, true);
          NDArray elbo = StochasticVi.elbo(e, pushed, banana::logJoint);
          assertEquals(
              elbo.getDouble(), twin.elboAndGradient(eps, banana::logJointAndGradient), 1e-9);
          gc.backward(elbo);
        }
        for (int k = 0; k < twin.sources().size(); k++) {
          double[] want = twin.sources().get(k).getArray().getGradient().toDoubleArray();
          double[] got = twin.gradients().get(k);
          for (int j = 0; j < want.length; j++) {
            assertEquals(want[j], got[j], 1e-8 * (1 + Math.abs(want[j])), name + " param " + k);
          }
        }
        // Parameters written back are the flow's.
        twin.parameters().get(0)[0] += 0.25;
        twin.writeBack();
        double[] y = eps.clone();
        twin.forward(y);
        assertArrayEquals(f.forward(e).value().toDoubleArray(), y, 1e-12, name);
      }
    }
  }

  @Test
  void plainJavaFastPathFitsAGaussianTarget() {
    // The same target as stochasticViFitsAGaussianTarget, on the fast path (seed 8).
    vaecourse.mcmc.LogDensity target =
        (t, g) -> {
          double z0 = (t[0] - 1) / 0.5;
          double z1 = (t[1] + 1) / 2;
          g[0] = -z0 / 0.5;
          g[1] = -z1 / 2;
          return -0.5 * (z0 * z0 + z1 * z1) - Math.log(2 * Math.PI);
        };
    Function<NDArray, NDArray> logJoint =
        t -> {
          NDArray mu = t.getManager().create(new double[] {1, -1}).toType(t.getDataType(), false);
          NDArray sd = t.getManager().create(new double[] {0.5, 2}).toType(t.getDataType(), false);
          return t.sub(mu).div(sd).square().sum(new int[] {1}).mul(-0.5).sub(Math.log(2 * Math.PI));
        };
    Engine.getInstance().setRandomSeed(8);
    try (NDManager m = NDManager.newBaseManager()) {
      for (Flow f :
          List.of(
              FlowSequence.realNvp(2, 4, 32),
              FlowSequence.nice(2, 4, 32),
              FlowSequence.planar(2, 8))) {
        f.initialize(m, DataType.FLOAT32);
        StochasticVi vi =
            StochasticVi.builder(f, logJoint)
                .optIterations(3000)
                .optLearningRate(1e-2)
                .optPlainJava(target, 8)
                .build();
        vi.train(m);
        double[] elbo = vi.estimateElbo(m, 10, 2000);
        assertTrue(-elbo[0] < 0.02, "KL " + (-elbo[0]) + " for " + f.getChildren().size());
      }
    }
  }

  @Test
  void cosineRateRunsFromTheStartToTheEnd() {
    assertEquals(1e-2, StochasticVi.cosineRate(1e-2, 1e-5, 0, 1000), 1e-15);
    // Half way: the mean of the two rates; a quarter: end + (start - end)(1 + cos(pi/4))/2.
    assertEquals(0.5 * (1e-2 + 1e-5), StochasticVi.cosineRate(1e-2, 1e-5, 500, 1000), 1e-15);
    assertEquals(
        1e-5 + 0.5 * (1e-2 - 1e-5) * (1 + Math.sqrt(0.5)),
        StochasticVi.cosineRate(1e-2, 1e-5, 250, 1000),
        1e-15);
    assertEquals(1e-5, StochasticVi.cosineRate(1e-2, 1e-5, 1000, 1000), 1e-15);
    assertEquals(3e-3, StochasticVi.cosineRate(3e-3, 3e-3, 700, 1000), 0);
  }

  /**
   * Notebook 4's planar flow on the banana: the seed's fixed rate of 1e-3 for 10,000 steps leaves
   * it some 0.3 nats from the posterior; annealed from 1e-2 to 1e-5 over 20,000 steps it comes
   * within a few hundredths (measured 0.013 to 0.016; 40,000 steps, as in the notebook, give
   * 0.009).
   */
  @Test
  void annealedPlanarFlowFitsTheBanana() {
    Banana banana = Banana.standard();
    double logZ = banana.logEvidence();
    Engine.getInstance().setRandomSeed(5);
    try (NDManager m = NDManager.newBaseManager()) {
      double[] kl = new double[2];
      for (int run = 0; run < 2; run++) {
        Flow f = FlowSequence.planar(2, 8).initialize(m, DataType.FLOAT32);
        StochasticVi.Builder b =
            StochasticVi.builder(f, banana::logJoint).optPlainJava(banana::logJointAndGradient, 3);
        if (run == 0) {
          b.optIterations(10_000).optLearningRate(1e-3);
        } else {
          b.optIterations(20_000).optLearningRate(1e-2).optFinalLearningRate(1e-5);
        }
        StochasticVi vi = b.build();
        vi.train(m);
        double[] elbo = vi.estimateElbo(m, 10, 10_000);
        kl[run] = logZ - elbo[0];
        assertTrue(kl[run] > -3 * elbo[1], "an ELBO above log p(y): " + elbo[0]);
      }
      assertTrue(kl[0] > 0.1, "seed recipe, fixed rate: exact KL " + kl[0]);
      assertTrue(kl[1] < 0.03, "annealed: exact KL " + kl[1]);
    }
  }
}
