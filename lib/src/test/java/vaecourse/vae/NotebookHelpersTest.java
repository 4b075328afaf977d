package vaecourse.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import vaecourse.data.ArraySource;
import vaecourse.data.Batches;
import vaecourse.distributions.DiagonalGaussian;
import vaecourse.distributions.LogDensities;
import vaecourse.distributions.Reduction;
import vaecourse.nn.BernoulliDecoder;
import vaecourse.nn.GaussianDecoder;
import vaecourse.nn.GaussianEncoder;
import vaecourse.priors.MixtureOfGaussiansPrior;
import vaecourse.training.History;
import vaecourse.training.TrainingLoop;

/** {@link EstimatorObjective}, {@link PriorPanel} and {@link ModelRow}: the notebook helpers. */
class NotebookHelpersTest {

  private static final int D = 6;
  private static final double TOL = 1e-4;

  private static Vae tiny(NDManager m) {
    return Vae.builder()
        .setEncoder(GaussianEncoder.mlp(D, 8, 2))
        .setDecoder(BernoulliDecoder.mlp(2, 8, D))
        .optPrior(MixtureOfGaussiansPrior.of(2, 3))
        .optManager(m)
        .build();
  }

  private static NDArray batch(NDManager m) {
    return m.create(
        new float[] {1, 0, 1, 1, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 0, 0, 0}, new Shape(3, D));
  }

  @Test
  void estimatorSeesTheEncoderDecoderAndPriorOfTheModel() {
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(3);
      Vae vae = tiny(m);
      NDArray x = batch(m);
      DiagonalGaussian q = vae.encode(x);
      // An estimator of known value: log p(mu) + sum of logits at z = mu + 0 * eps, per example.
      var objective =
          EstimatorObjective.of(
              vae,
              (xs, mu, logVar, eps, logits, logPrior) ->
                  logPrior
                      .apply(mu)
                      .add(logits.apply(mu).sum(new int[] {1}))
                      .add(eps.mul(0).sum(new int[] {1})));
      double got = objective.loss(x, false).getFloat();
      NDArray decoded = vae.decode(q.mu()); // decoder means sigma(logits)
      NDArray logits = decoded.div(decoded.neg().add(1)).log();
      double want = vae.prior().logProb(q.mu()).add(logits.sum(new int[] {1})).mean().getFloat();
      assertEquals(want, got, 1e-3);
      assertTrue(objective.block() == vae);
    }
  }

  @Test
  void theTrueEstimatorMatchesTheModelsOwnLossInExpectation() {
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(5);
      Vae vae = tiny(m);
      NDArray x = batch(m).tile(new long[] {2000, 1});
      var objective =
          EstimatorObjective.of(
              vae,
              (xs, mu, logVar, eps, logits, logPrior) -> {
                NDArray z = mu.add(logVar.mul(0.5).exp().mul(eps));
                NDArray logQ = LogDensities.normalDiag(z, mu, logVar, Reduction.SUM);
                NDArray logLik = LogDensities.bernoulliLogits(xs, logits.apply(z), Reduction.SUM);
                return logQ.sub(logPrior.apply(z)).sub(logLik);
              });
      // Both are one-sample estimates of the same mean over 6,000 rows: Monte Carlo agreement.
      double ours = objective.loss(x, false).getFloat();
      double model = vae.negativeElbo(x).getFloat();
      assertEquals(model, ours, 0.05 * Math.abs(model));
    }
  }

  @Test
  void estimatorMustReturnOneValuePerExample() {
    try (NDManager m = NDManager.newBaseManager()) {
      Vae vae = tiny(m);
      var objective = EstimatorObjective.of(vae, (xs, mu, lv, eps, logits, logPrior) -> mu);
      var e = assertThrows(IllegalArgumentException.class, () -> objective.loss(batch(m), false));
      assertTrue(
          e.getMessage().contains("[3]") && e.getMessage().contains("(3, 2)"), e.getMessage());
      Vae gaussian =
          Vae.builder()
              .setEncoder(GaussianEncoder.mlp(D, 8, 2))
              .setDecoder(GaussianDecoder.mlp(2, 8, D, 1.0))
              .optManager(m)
              .build();
      assertThrows(
          IllegalArgumentException.class,
          () -> EstimatorObjective.of(gaussian, (xs, mu, lv, eps, lg, lp) -> mu));
    }
  }

  @Test
  void reachIsTheClampedPercentileOfTheLargerCoordinate() {
    double[][] pts = new double[100][];
    for (int i = 0; i < 100; i++) {
      pts[i] = new double[] {i % 2 == 0 ? -i / 20.0 : 0.1, i % 2 == 0 ? 0.1 : i / 20.0};
    }
    // max(|x|, |y|) = i / 20 for i = 0..99; the 99.5th percentile by nearest rank is the 100th
    // value, 99 / 20 = 4.95; with 200 points it is the 199th value.
    assertEquals(4.95, PriorPanel.reach(pts), 1e-12);
    double[][] twice = new double[200][];
    for (int i = 0; i < 200; i++) {
      twice[i] = new double[] {i / 40.0, 0};
    }
    twice[199] = new double[] {1e6, 0};
    assertEquals(198 / 40.0, PriorPanel.reach(twice), 1e-12);
    assertEquals(PriorPanel.MIN_REACH, PriorPanel.reach(new double[][] {{0.5, -1}}), 1e-12);
    assertEquals(PriorPanel.MAX_REACH, PriorPanel.reach(new double[][] {{50, 0}}), 1e-12);
  }

  @Test
  void panelHoldsTheWholePriorMassAndCountsTheMeans() {
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(7);
      Vae vae =
          Vae.builder()
              .setEncoder(GaussianEncoder.mlp(D, 8, 2))
              .setDecoder(BernoulliDecoder.mlp(2, 8, D))
              .optManager(m)
              .build();
      PriorPanel panel = PriorPanel.of("standard normal", vae, batch(m), new int[] {0, 1, 2});
      // Untrained means lie near the origin: reach 3, square [-4, 4]^2.
      assertEquals(-4, panel.grid().lo(), 1e-12);
      assertEquals(4, panel.grid().hi(), 1e-12);
      assertEquals(PriorPanel.CELLS, panel.grid().n());
      // N(0, I) on [-4, 4]^2: (2 Phi(4) - 1)^2 = 0.999937^2 (normal table).
      assertEquals(0.999937 * 0.999937, panel.grid().mass(), 1e-3);
      assertTrue(panel.summary().startsWith("standard normal "), panel.summary());
      double outside = panel.outside99();
      assertTrue(outside >= 0 && outside <= 1, "fraction " + outside);
    }
  }

  @Test
  void rowMeasuresSizeTimeAndBothBounds() {
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(11);
      Vae vae = tiny(m);
      float[][] rows = new float[12][];
      for (int i = 0; i < 12; i++) {
        rows[i] = new float[D];
        for (int d = 0; d < D; d++) {
          rows[i][d] = (i + d) % 3 == 0 ? 1 : 0;
        }
      }
      Batches data = Batches.of(ArraySource.of(rows), 4);
      History h =
          TrainingLoop.builder(vae)
              .setTrainData(data)
              .optEpochs(2)
              .optProgress(false)
              .build()
              .fit();
      NDArray images = batch(m);
      // The same draws twice: the bound first, then the test ELBO, as ModelRow measures them.
      Engine.getInstance().setRandomSeed(13);
      double wantBound = -vae.iwBound(images, 50).mean().getFloat();
      double wantNelbo = TrainingLoop.evaluate(vae, data);
      Engine.getInstance().setRandomSeed(13);
      ModelRow row = ModelRow.of("mixture", vae, h, data, images, 50);
      assertEquals(wantBound, row.negIwBound(), 1e-6);
      assertEquals(wantNelbo, row.testNelbo(), 1e-6);
      // Encoder 6*8+8 + 8*4+4, decoder 2*8+8 + 8*6+6, mixture 3 logits + 2 * 3*2 = 15.
      assertEquals(15, row.priorParameters());
      assertEquals(56 + 36 + 24 + 54 + 15, row.parameters());
      assertEquals(2, row.latent());
      assertEquals(h.totalSeconds() / 2, row.secondsPerEpoch(), 1e-12);
      // L_50 is a tighter bound than the ELBO on the same images (up to Monte Carlo noise).
      double elbo = vae.negativeElbo(images).getFloat();
      assertTrue(row.negIwBound() < elbo + 0.5, row.negIwBound() + " vs " + elbo);
      Table table = ModelRow.table(List.of(row));
      assertEquals("-L_50", table.column(6).name());
      assertEquals(15L, table.longColumn("prior params").get(0));
      assertThrows(IllegalArgumentException.class, () -> ModelRow.of("x", vae, h, data, images, 0));
    }
  }
}
