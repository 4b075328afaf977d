package vaecourse.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;
import vaecourse.data.ArraySource;
import vaecourse.nn.GaussianDecoder;
import vaecourse.nn.GaussianEncoder;
import vaecourse.nn.Mlp;
import vaecourse.nn.Nonlinearity;

/**
 * The importance-weighted bound on a linear-Gaussian model, where everything is known in closed
 * form: \( z \sim \mathcal{N}(0, 1) \), \( x \mid z \sim \mathcal{N}(wz + b, s^2 I_2) \), so \(
 * p(x) = \mathcal{N}(b, ww^\top + s^2 I) \) and the posterior is \( \mathcal{N}(m(x), v) \) with \(
 * v = 1 / (1 + |w|^2 / s^2) \), \( m(x) = v\, w^\top (x - b) / s^2 \).
 */
class ImportanceWeightedBoundTest {

  private static final double[] W = {1.5, -0.5};
  private static final double[] B = {0.2, 0.1};
  private static final double S2 = 0.5;
  private static final double V = 1 / (1 + (W[0] * W[0] + W[1] * W[1]) / S2);

  /** Float32 agreement of a deterministic quantity. */
  private static final double FLOAT_TOL = 1e-4;

  /** Standard errors allowed between a Monte Carlo mean and its expectation. */
  private static final double Z = 4;

  private static final float[] X = {1.0f, -0.4f, -0.7f, 0.9f, 0.2f, 0.1f};

  /** log N(x; b, w w^T + s^2 I) for a 2-vector, by hand. */
  private static double logMarginal(double x0, double x1) {
    double c00 = W[0] * W[0] + S2;
    double c11 = W[1] * W[1] + S2;
    double c01 = W[0] * W[1];
    double det = c00 * c11 - c01 * c01;
    double d0 = x0 - B[0];
    double d1 = x1 - B[1];
    double quad = (c11 * d0 * d0 - 2 * c01 * d0 * d1 + c00 * d1 * d1) / det;
    return -Math.log(2 * Math.PI) - 0.5 * Math.log(det) - 0.5 * quad;
  }

  /**
   * The exact ELBO for q = N(mq, vq): E_q log p(x|z) + E_q log p(z) + H(q), each term a Gaussian
   * moment.
   */
  private static double elbo(double x0, double x1, double mq, double vq) {
    double r0 = x0 - B[0] - W[0] * mq;
    double r1 = x1 - B[1] - W[1] * mq;
    double w2 = W[0] * W[0] + W[1] * W[1];
    double logLik = -Math.log(2 * Math.PI * S2) - (r0 * r0 + r1 * r1 + w2 * vq) / (2 * S2);
    double logPrior = -0.5 * Math.log(2 * Math.PI) - (mq * mq + vq) / 2;
    double entropy = 0.5 * Math.log(2 * Math.PI * Math.E * vq);
    return logLik + logPrior + entropy;
  }

  /**
   * The model with an encoder whose mean is {@code meanFactor} times the posterior mean and whose
   * log-variance is {@code log v + logVarShift}; 1 and 0 give the exact posterior.
   */
  private static Vae linearGaussian(NDManager m, double meanFactor, double logVarShift) {
    Vae vae =
        Vae.builder()
            .setEncoder(
                GaussianEncoder.builder()
                    .setNetwork(Mlp.builder().setInputDim(2).setOutputDim(2).build())
                    .setLatentDim(1)
                    .setInputShape(2)
                    .build())
            .setDecoder(
                GaussianDecoder.builder()
                    .setNetwork(Mlp.builder().setInputDim(1).setOutputDim(2).build())
                    .setLatentDim(1)
                    .setDataShape(2)
                    .optMeanActivation(Nonlinearity.IDENTITY)
                    .optInitialLogVar(Math.log(S2))
                    .optMinLogVar(-20)
                    .optLearnVariance(false)
                    .build())
            .optManager(m)
            .build();
    double a0 = meanFactor * V * W[0] / S2;
    double a1 = meanFactor * V * W[1] / S2;
    double c = -(a0 * B[0] + a1 * B[1]);
    for (Pair<String, Parameter> p : vae.getParameters()) {
      String name = p.getKey();
      NDArray a = p.getValue().getArray();
      if (name.contains("encoder") && name.endsWith("weight")) {
        a.set(new float[] {(float) a0, (float) a1, 0, 0}); // [2 outputs, 2 inputs]
      } else if (name.contains("encoder") && name.endsWith("bias")) {
        a.set(new float[] {(float) c, (float) (Math.log(V) + logVarShift)});
      } else if (name.contains("decoder") && name.endsWith("weight")) {
        a.set(new float[] {(float) W[0], (float) W[1]}); // [2 outputs, 1 input]
      } else if (name.contains("decoder") && name.endsWith("bias")) {
        a.set(new float[] {(float) B[0], (float) B[1]});
      }
    }
    return vae;
  }

  private static double posteriorMean(double x0, double x1) {
    return V * (W[0] * (x0 - B[0]) + W[1] * (x1 - B[1])) / S2;
  }

  @Test
  void withTheExactPosteriorEveryWeightIsTheMarginalLikelihood() {
    Engine.getInstance().setRandomSeed(501);
    try (NDManager m = NDManager.newBaseManager()) {
      Vae vae = linearGaussian(m, 1, 0);
      NDArray x = m.create(X, new Shape(3, 2));
      double[] want = new double[3];
      for (int i = 0; i < 3; i++) {
        want[i] = logMarginal(X[2 * i], X[2 * i + 1]);
      }
      // q = p(z | x) makes w = p(x, z) / q(z | x) = p(x) for every draw: no noise at any K.
      for (int k : new int[] {1, 7, 1000}) {
        assertArrayEquals(want, toDouble(vae.iwBound(x, k)), FLOAT_TOL, "K = " + k);
      }
      NDArray logW = vae.logWeights(x, 5);
      assertEquals(new Shape(5, 3), logW.getShape());
      for (int j = 0; j < 5; j++) {
        assertArrayEquals(want, toDouble(logW.get(j)), FLOAT_TOL);
      }
    }
  }

  @Test
  void boundStartsAtTheElboRisesWithKAndStaysBelowLogPx() {
    Engine.getInstance().setRandomSeed(502);
    int reps = 2000;
    try (NDManager m = NDManager.newBaseManager()) {
      // A poor posterior: half the mean, e times the variance.
      Vae vae = linearGaussian(m, 0.5, 1);
      double x0 = 1.0;
      double x1 = -0.4;
      float[] rows = new float[2 * reps];
      for (int i = 0; i < reps; i++) {
        rows[2 * i] = (float) x0;
        rows[2 * i + 1] = (float) x1;
      }
      NDArray x = m.create(rows, new Shape(reps, 2));
      double logPx = logMarginal(x0, x1);
      double exactElbo = elbo(x0, x1, 0.5 * posteriorMean(x0, x1), V * Math.E);
      double previous = Double.NEGATIVE_INFINITY;
      double previousSe = 0;
      for (int k : new int[] {1, 5, 50, 1000}) {
        double[] v = toDouble(vae.iwBound(x, k));
        BoundEstimate e = new BoundEstimate(k, v, 0);
        double mean = e.mean();
        double se = e.standardError();
        if (k == 1) {
          // L_1 is the one-sample ELBO: its mean is the closed-form ELBO.
          assertEquals(exactElbo, mean, Z * se, "L_1 against the exact ELBO");
        }
        // Never below the previous bound beyond the noise; from K = 1 to 5 clearly above it.
        double noise = Z * Math.hypot(se, previousSe);
        assertTrue(
            mean > previous - noise,
            "L_" + k + " = " + mean + " fell below the previous bound " + previous);
        assertTrue(
            k != 5 || mean > previous + noise,
            "L_5 = " + mean + " is not clearly above L_1 = " + previous);
        assertTrue(mean < logPx, "L_" + k + " = " + mean + " exceeds log p(x) = " + logPx);
        previous = mean;
        previousSe = se;
      }
      // With K = 1000 the bound is within a few hundredths of a nat of log p(x) here.
      assertEquals(logPx, previous, 0.02);
      assertTrue(exactElbo < logPx - 0.3, "the test needs a visible gap: " + (logPx - exactElbo));
    }
  }

  @Test
  void libraryElboIsTheExpectationOfTheOneSampleBound() {
    Engine.getInstance().setRandomSeed(503);
    try (NDManager m = NDManager.newBaseManager()) {
      Vae vae = linearGaussian(m, 0.5, 1);
      // The ELBO uses the same draws as L_1 would; its mean over many copies is the exact ELBO.
      int reps = 4000;
      float[] rows = new float[2 * reps];
      for (int i = 0; i < reps; i++) {
        rows[2 * i] = -0.7f;
        rows[2 * i + 1] = 0.9f;
      }
      double[] v = toDouble(vae.negativeElboPerExample(m.create(rows, new Shape(reps, 2))).neg());
      BoundEstimate e = new BoundEstimate(1, v, 0);
      double exact = elbo(-0.7, 0.9, 0.5 * posteriorMean(-0.7, 0.9), V * Math.E);
      assertEquals(exact, e.mean(), Z * e.standardError());
    }
  }

  @Test
  void dataSetEvaluationMatchesBatchEvaluationAndReportsSpread() {
    Engine.getInstance().setRandomSeed(504);
    try (NDManager m = NDManager.newBaseManager()) {
      Vae vae = linearGaussian(m, 1, 0);
      float[][] rows = {{X[0], X[1]}, {X[2], X[3]}, {X[4], X[5]}};
      BoundEstimate e = vae.iwBound(ArraySource.of(rows), 20, false);
      assertEquals(3, e.size());
      double[] want = new double[3];
      double sum = 0;
      for (int i = 0; i < 3; i++) {
        want[i] = logMarginal(X[2 * i], X[2 * i + 1]);
        sum += want[i];
      }
      assertArrayEquals(want, e.values(), FLOAT_TOL);
      assertEquals(sum / 3, e.mean(), FLOAT_TOL);
      double ss = 0;
      for (double w : want) {
        ss += (w - sum / 3) * (w - sum / 3);
      }
      assertEquals(Math.sqrt(ss / 2 / 3), e.standardError(), FLOAT_TOL);
    }
  }

  @Test
  void logMeanExpIsExactAndStableForHugeLogWeights() {
    try (NDManager m = NDManager.newBaseManager()) {
      // Columns: log((1 + 2) / 2) and log((3 + 5) / 2), by hand.
      NDArray a =
          m.create(
              new float[] {0, (float) Math.log(3), (float) Math.log(2), (float) Math.log(5)},
              new Shape(2, 2));
      assertArrayEquals(
          new double[] {Math.log(1.5), Math.log(4)}, toDouble(Vae.logMeanExp(a)), FLOAT_TOL);
      // exp(-1000) and exp(1000) are 0 and infinity in float32; shifted by the maximum they are
      // not: log((e^-1000 + e^-1001) / 2) = -1000 + log((1 + 1/e) / 2).
      NDArray huge = m.create(new float[] {-1000, 1000, -1001, 999}, new Shape(2, 2));
      double tail = Math.log((1 + Math.exp(-1)) / 2);
      assertArrayEquals(
          new double[] {-1000 + tail, 1000 + tail}, toDouble(Vae.logMeanExp(huge)), 1e-3);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Vae.logMeanExp(m.zeros(new Shape(3))));
      assertTrue(e.getMessage().contains("logWeights"), e.getMessage());
    }
  }

  private static double[] toDouble(NDArray a) {
    float[] f = a.toFloatArray();
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }
}
