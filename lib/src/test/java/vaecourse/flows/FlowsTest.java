package vaecourse.flows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.junit.jupiter.api.Test;
import vaecourse.distributions.GradientCheck;

public class FlowsTest {

  private static final int DIM = 3;

  /** Round trips in float64. */
  private static final double ROUND_TRIP_TOL = 1e-10;

  /** Finite-difference step of the brute-force Jacobian. */
  private static final double JACOBIAN_STEP = 1e-6;

  /** Agreement of log|det J| with the brute-force Jacobian's. */
  private static final double LOG_DET_TOL = 1e-6;

  /** Standard deviation of the random perturbation that moves flows away from the identity. */
  private static final double PERTURBATION = 0.5;

  private static final double[] POINTS = {0.3, -1.2, 0.8, 1.5, 0.1, -0.4, -0.7, 2.0, 0.05};

  /** Every layer kind, float64, with perturbed parameters. */
  private static List<Flow> flows(NDManager m) {
    List<Flow> all =
        List.of(
            AffineCoupling.of(DIM, 8, true),
            AffineCoupling.of(DIM, 8, false),
            AdditiveCoupling.of(DIM, 8, true),
            Scaling.of(DIM),
            PlanarFlow.of(DIM),
            FlowSequence.realNvp(DIM, 4, 8),
            FlowSequence.nice(DIM, 3, 8),
            FlowSequence.planar(DIM, 3));
    for (Flow f : all) {
      perturb(m, f.initialize(m, DataType.FLOAT64));
    }
    return all;
  }

  /** Adds N(0, PERTURBATION^2) noise to every parameter of an initialized flow. */
  public static void perturb(NDManager m, Flow f) {
    perturb(m, f, PERTURBATION);
  }

  /** Adds N(0, sigma^2) noise to every parameter of an initialized flow. */
  public static void perturb(NDManager m, Flow f, double sigma) {
    for (Pair<String, Parameter> p : f.getParameters()) {
      NDArray a = p.getValue().getArray();
      a.addi(m.randomNormal(0f, (float) sigma, a.getShape(), a.getDataType()));
    }
  }

  @Test
  void inverseUndoesForwardAndLogDetsCancel() {
    Engine.getInstance().setRandomSeed(101);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(POINTS, new Shape(3, DIM));
      for (Flow f : flows(m)) {
        if (!f.isInvertible()) {
          continue;
        }
        FlowStep fwd = f.forward(x);
        FlowStep back = f.inverse(fwd.value());
        String name = f.getClass().getSimpleName();
        assertArrayEquals(POINTS, back.value().toDoubleArray(), ROUND_TRIP_TOL, name);
        assertArrayEquals(
            new double[3], fwd.logDet().add(back.logDet()).toDoubleArray(), ROUND_TRIP_TOL, name);
        // The perturbation really moved the map away from the identity.
        assertTrue(fwd.value().sub(x).abs().max().getDouble() > 1e-3, name);
      }
    }
  }

  @Test
  void logDetMatchesBruteForceJacobian() {
    Engine.getInstance().setRandomSeed(102);
    try (NDManager m = NDManager.newBaseManager()) {
      for (Flow f : flows(m)) {
        checkLogDet(m, f::forward, f.getClass().getSimpleName() + " forward");
        if (f.isInvertible()) {
          checkLogDet(m, f::inverse, f.getClass().getSimpleName() + " inverse");
        }
      }
    }
  }

  private static void checkLogDet(NDManager m, Function<NDArray, FlowStep> map, String name) {
    for (int i = 0; i < 3; i++) {
      double[] x = new double[DIM];
      System.arraycopy(POINTS, i * DIM, x, 0, DIM);
      double[][] jac = new double[DIM][DIM];
      for (int j = 0; j < DIM; j++) {
        double[] plus = x.clone();
        double[] minus = x.clone();
        plus[j] += JACOBIAN_STEP;
        minus[j] -= JACOBIAN_STEP;
        double[] fp = map.apply(m.create(plus, new Shape(1, DIM))).value().toDoubleArray();
        double[] fm = map.apply(m.create(minus, new Shape(1, DIM))).value().toDoubleArray();
        for (int r = 0; r < DIM; r++) {
          jac[r][j] = (fp[r] - fm[r]) / (2 * JACOBIAN_STEP);
        }
      }
      double det = new LUDecomposition(new Array2DRowRealMatrix(jac)).getDeterminant();
      double reported = map.apply(m.create(x, new Shape(1, DIM))).logDet().getDouble(0);
      assertEquals(Math.log(Math.abs(det)), reported, LOG_DET_TOL, name + " at point " + i);
    }
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    Engine.getInstance().setRandomSeed(103);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(POINTS, new Shape(3, DIM));
      for (Flow f : flows(m)) {
        // A scalar that depends on both outputs of the layer.
        GradientCheck.check(
            m,
            new NDList(x),
            l -> {
              FlowStep s = f.forward(l.get(0));
              return s.value().square().sum().add(s.logDet().sum());
            });
        if (f.isInvertible()) {
          GradientCheck.check(
              m,
              new NDList(x),
              l -> {
                FlowStep s = f.inverse(l.get(0));
                return s.value().square().sum().add(s.logDet().sum());
              });
        }
      }
    }
  }

  @Test
  void compositionSumsTheLayerLogDets() {
    Engine.getInstance().setRandomSeed(104);
    try (NDManager m = NDManager.newBaseManager()) {
      FlowSequence seq = FlowSequence.realNvp(DIM, 3, 8);
      seq.initialize(m, DataType.FLOAT64);
      perturb(m, seq);
      NDArray x = m.create(POINTS, new Shape(3, DIM));
      NDArray v = x;
      NDArray total = m.zeros(new Shape(3), DataType.FLOAT64);
      for (Flow layer : seq.layers()) {
        FlowStep s = layer.forward(v);
        v = s.value();
        total = total.add(s.logDet());
      }
      FlowStep all = seq.forward(x);
      assertArrayEquals(v.toDoubleArray(), all.value().toDoubleArray(), ROUND_TRIP_TOL);
      assertArrayEquals(total.toDoubleArray(), all.logDet().toDoubleArray(), ROUND_TRIP_TOL);
    }
  }

  @Test
  void planarConstraintKeepsTheMapInvertibleAndInverseIsRefused() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray w = m.create(new double[] {0.5, -1.0, 2.0});
      // u chosen against w, so that w^T u = -10.5 < -1 without the constraint.
      NDArray u = w.mul(-2);
      NDArray hat = PlanarFlow.uHat(u, w);
      double wu = w.mul(hat).sum().getDouble();
      // m(a) = -1 + softplus(a) with a = -10.5: w^T u_hat = -1 + log(1 + e^-10.5).
      assertEquals(-1 + Math.log1p(Math.exp(-10.5)), wu, 1e-12);
      assertTrue(wu > -1);
      PlanarFlow f = PlanarFlow.of(DIM);
      f.initialize(m, DataType.FLOAT64);
      assertFalse(f.isInvertible());
      UnsupportedOperationException e =
          assertThrows(
              UnsupportedOperationException.class,
              () -> f.inverse(m.zeros(new Shape(1, DIM), DataType.FLOAT64)));
      assertTrue(e.getMessage().startsWith("PlanarFlow has no closed-form inverse"));
    }
  }

  @Test
  void newCouplingLayersStartAsTheIdentity() {
    try (NDManager m = NDManager.newBaseManager()) {
      FlowSequence seq = FlowSequence.realNvp(DIM, 2, 8);
      seq.initialize(m, DataType.FLOAT64);
      NDArray x = m.create(POINTS, new Shape(3, DIM));
      FlowStep s = seq.forward(x);
      assertArrayEquals(POINTS, s.value().toDoubleArray(), 0);
      assertArrayEquals(new double[3], s.logDet().toDoubleArray(), 0);
    }
  }

  @Test
  void theMaskAddsOneArrayToItsManagerInEitherDataType() {
    AffineCoupling coupling = AffineCoupling.of(4, 8, true);
    for (DataType type : List.of(DataType.FLOAT32, DataType.FLOAT64)) {
      try (NDManager m = NDManager.newBaseManager()) {
        NDArray like = m.zeros(new Shape(1, 4), type);
        int before = ((BaseNDManager) m).getManagedArrays().size();
        NDArray mask = coupling.mask(like);
        // Only the mask: the float32 array it is made from is closed, also for float64.
        assertEquals(before + 1, ((BaseNDManager) m).getManagedArrays().size(), type.toString());
        assertEquals(type, mask.getDataType());
        assertArrayEquals(
            new double[] {1, 0, 1, 0}, mask.toType(DataType.FLOAT64, false).toDoubleArray(), 0);
      }
    }
  }

  @Test
  void badArgumentsAreNamed() {
    assertThrows(IllegalArgumentException.class, () -> AffineCoupling.of(1, 8, true));
    IllegalArgumentException dims =
        assertThrows(
            IllegalArgumentException.class, () -> FlowSequence.of(Scaling.of(2), Scaling.of(3)));
    assertEquals("layer 1 has dim 3, but layer 0 has dim 2", dims.getMessage());
    try (NDManager m = NDManager.newBaseManager()) {
      Flow f = Scaling.of(2).initialize(m, DataType.FLOAT32);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> f.forward(m.zeros(new Shape(4, 3))));
      assertEquals("x must have shape [batch, 2], but has shape (4, 3)", e.getMessage());
    }
  }
}
