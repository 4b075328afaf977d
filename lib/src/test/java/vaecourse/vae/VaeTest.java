package vaecourse.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import vaecourse.nn.BernoulliDecoder;
import vaecourse.nn.GaussianDecoder;
import vaecourse.nn.GaussianEncoder;
import vaecourse.priors.MixtureOfGaussiansPrior;

class VaeTest {

  private static final int DATA_DIM = 6;
  private static final int LATENT = 2;

  /** Agreement of a many-sample Monte Carlo KL with the closed form, per example. */
  private static final double MC_KL_TOL = 0.03;

  private static Vae tinyVae(NDManager m, int samples, boolean analytic) {
    return Vae.builder()
        .setEncoder(GaussianEncoder.mlp(DATA_DIM, 8, LATENT))
        .setDecoder(BernoulliDecoder.mlp(LATENT, 8, DATA_DIM))
        .optSamples(samples)
        .optAnalyticKl(analytic)
        .optManager(m)
        .build();
  }

  /** The first parameter whose name, without DJL's ordinal prefixes, ends with {@code suffix}. */
  private static Parameter parameter(Vae vae, String suffix) {
    for (Pair<String, Parameter> p : vae.getParameters()) {
      if (p.getKey().replaceAll("\\d\\d(?=[a-zA-Z])", "").endsWith(suffix)) {
        return p.getValue();
      }
    }
    return null;
  }

  private static NDArray binaryBatch(NDManager m) {
    return m.create(new float[] {
      1, 0, 1, 1, 0, 0,
      0, 0, 1, 0, 1, 1,
      1, 1, 1, 0, 0, 0
    }, new Shape(3, DATA_DIM));
  }

  @Test
  void analyticAndMonteCarloKlAgree() {
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(31);
      Vae analytic = tinyVae(m, 1, true);
      Engine.getInstance().setRandomSeed(31);
      Vae mc = tinyVae(m, 20_000, false);
      assertTrue(analytic.usesAnalyticKl());
      assertFalse(mc.usesAnalyticKl());
      NDArray x = binaryBatch(m);
      float[] klExact = analytic.elboTerms(x).kl().toFloatArray();
      ElboTerms t = mc.elboTerms(x);
      assertEquals(new Shape(3), t.kl().getShape());
      assertArrayEquals(klExact, t.kl().toFloatArray(), (float) MC_KL_TOL);
      // Same seed, same weights: the many-sample reconstruction term is the single-sample one's
      // expectation.
      float[] negElbo = mc.negativeElboPerExample(x).toFloatArray();
      for (int i = 0; i < 3; i++) {
        assertEquals(t.kl().getFloat(i) - t.logLikelihood().getFloat(i), negElbo[i], 0.1);
      }
    }
  }

  @Test
  void lossIsTheBatchMeanAndTrainsEveryPartTogether() {
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(5);
      Vae vae = Vae.builder()
          .setEncoder(GaussianEncoder.mlp(DATA_DIM, 8, LATENT))
          .setDecoder(BernoulliDecoder.mlp(LATENT, 8, DATA_DIM))
          .optPrior(MixtureOfGaussiansPrior.of(LATENT, 3))
          .optManager(m)
          .build();
      assertTrue(vae.block().isInitialized());
      NDArray x = binaryBatch(m);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray loss = vae.loss(x, true);
        assertEquals(new Shape(), loss.getShape());
        gc.backward(loss);
      }
      int withGradient = 0;
      for (Pair<String, Parameter> p : vae.getParameters()) {
        try (NDArray g = p.getValue().getArray().getGradient()) {
          assertTrue(g.abs().sum().getFloat() > 0, "no gradient reaches " + p.getKey());
          withGradient++;
        }
      }
      // Encoder 4 + decoder 4 + mixture prior 3 parameters.
      assertEquals(11, withGradient);
      assertNotNull(parameter(vae, "prior_means"));
    }
  }

  @Test
  void negativeElboCarriesGradientsThroughItsScope() {
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(6);
      Vae vae = tinyVae(m, 1, true);
      NDArray x = binaryBatch(m);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(vae.negativeElbo(x));
      }
      Parameter w = parameter(vae, "linear0_weight");
      try (NDArray g = w.getArray().getGradient()) {
        assertTrue(g.abs().sum().getFloat() > 0);
      }
    }
  }

  @Test
  void seededRunsRepeatExactly() {
    float[][] results = new float[2][];
    for (int run = 0; run < 2; run++) {
      try (NDManager m = NDManager.newBaseManager()) {
        Engine.getInstance().setRandomSeed(42);
        Vae vae = tinyVae(m, 3, true);
        NDArray x = binaryBatch(m);
        results[run] = new float[] {
          vae.negativeElbo(x).getFloat(),
          vae.iwBound(x, 7).getFloat(0),
          vae.sample(m, 1).getFloat(0, 0)
        };
      }
    }
    assertArrayEquals(results[0], results[1], 0f);
  }

  @Test
  void importanceWeightedBoundGrowsWithKAndStartsAtTheElbo() {
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(9);
      Vae vae = Vae.builder()
          .setEncoder(GaussianEncoder.mlp(DATA_DIM, 8, LATENT))
          .setDecoder(BernoulliDecoder.mlp(LATENT, 8, DATA_DIM))
          .optAnalyticKl(false)
          .optIwChunkRows(50)
          .optManager(m)
          .build();
      NDArray x = binaryBatch(m);
      // With the same noise, L_1 is exactly the single-sample ELBO.
      Engine.getInstance().setRandomSeed(10);
      float[] elbo = vae.negativeElboPerExample(x).neg().toFloatArray();
      Engine.getInstance().setRandomSeed(10);
      assertArrayEquals(elbo, vae.iwBound(x, 1).toFloatArray(), 1e-5f);
      // Average many independent evaluations so the comparison is about expectations.
      NDArray xs = x.tile(new long[] {400, 1});
      double l1 = vae.iwBound(xs, 1).mean().getFloat();
      double l10 = vae.iwBound(xs, 10).mean().getFloat();
      double l1000 = vae.iwBound(x, 1000).mean().getFloat();
      assertTrue(l10 > l1, "L_10 " + l10 + " should exceed L_1 " + l1);
      assertTrue(l1000 > l10, "L_1000 " + l1000 + " should exceed L_10 " + l10);
      assertEquals(new Shape(3), vae.iwBound(x, 1000).getShape());
    }
  }

  @Test
  void samplingReconstructionAndEncodingHaveDataShapes() {
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(12);
      Vae vae = Vae.builder()
          .setEncoder(GaussianEncoder.mlp(DATA_DIM, 8, LATENT, 0.01))
          .setDecoder(GaussianDecoder.mlp(LATENT, 8, DATA_DIM, 0.01))
          .optManager(m)
          .build();
      NDArray x = binaryBatch(m);
      assertEquals(new Shape(4, DATA_DIM), vae.sample(m, 4).getShape());
      assertEquals(new Shape(4, DATA_DIM), vae.sampleObservations(m, 4).getShape());
      assertEquals(new Shape(3, DATA_DIM), vae.reconstruct(x).getShape());
      assertEquals(new Shape(3, LATENT), vae.encodeMean(x).getShape());
      assertEquals(new Shape(3, LATENT), vae.encode(x).logVar().getShape());
      assertEquals(new Shape(2, DATA_DIM), vae.decode(m.zeros(new Shape(2, LATENT))).getShape());
      // The learned decoder variance is a trainable parameter of the model.
      assertNotNull(parameter(vae, "decoder_logVar"));
    }
  }

  @Test
  void evaluationDoesNotLeaveArraysOnTheModelManager() {
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(1);
      Vae vae = Vae.builder()
          .setEncoder(GaussianEncoder.mlp(DATA_DIM, 8, LATENT))
          .setDecoder(BernoulliDecoder.mlp(LATENT, 8, DATA_DIM))
          .optPrior(MixtureOfGaussiansPrior.of(LATENT, 2))
          .build();
      int before = vae.manager().getManagedArrays().size();
      for (int i = 0; i < 20; i++) {
        try (NDManager step = m.newSubManager()) {
          NDArray x = binaryBatch(step);
          vae.negativeElbo(x);
          vae.iwBound(x, 5);
          vae.reconstruct(x);
          vae.sample(step, 2);
        }
      }
      assertEquals(before, vae.manager().getManagedArrays().size());
      vae.close();
    }
  }

  @Test
  void badInputsAreRejectedWithTheirValues() {
    try (NDManager m = NDManager.newBaseManager()) {
      Vae vae = tinyVae(m, 1, true);
      IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
          () -> vae.negativeElbo(m.zeros(new Shape(3, 5))));
      assertEquals("x shape (3, 5) must be [batch, 6] (6 values per example)", shape.getMessage());
      NDArray nan = m.create(new float[] {0, 1, Float.NaN, 0, 0, 1}, new Shape(1, DATA_DIM));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> vae.negativeElbo(nan));
      assertTrue(e.getMessage().startsWith("x must not contain NaN, but 1 of its 6"),
          e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> vae.iwBound(binaryBatch(m), 0));
      IllegalArgumentException latent = assertThrows(IllegalArgumentException.class,
          () -> Vae.builder()
              .setEncoder(GaussianEncoder.mlp(DATA_DIM, 8, 2))
              .setDecoder(BernoulliDecoder.mlp(3, 8, DATA_DIM))
              .build());
      assertEquals("decoder latentDim 3 does not match encoder latentDim 2", latent.getMessage());
      assertThrows(IllegalArgumentException.class, () -> Vae.builder().build());
    }
  }
}
