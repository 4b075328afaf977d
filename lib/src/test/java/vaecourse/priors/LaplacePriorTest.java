package vaecourse.priors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import vaecourse.nn.GaussianDecoder;
import vaecourse.nn.GaussianEncoder;
import vaecourse.vae.Vae;

class LaplacePriorTest {

  private static final int DRAWS = 50_000;

  private static final double MOMENT_TOL = 0.05;

  private static final double FLOAT_TOL = 1e-5;

  @Test
  void densityAndSampleMomentsMatchTheLaplaceLaw() {
    Engine.getInstance().setRandomSeed(301);
    try (NDManager m = NDManager.newBaseManager()) {
      LaplacePrior p = LaplacePrior.of(2, 0.5);
      p.initialize(m, DataType.FLOAT32, new Shape(1, 2));
      assertEquals(0.5, p.scale(), 1e-6);
      // log p(0.5, -1) = 2 (-log(2 * 0.5)) - (0.5 + 1) / 0.5 = -3, by hand.
      NDArray z = m.create(new float[] {0.5f, -1f}, new Shape(1, 2));
      assertEquals(-3.0, p.logProb(z).getFloat(0), FLOAT_TOL);
      NDArray s = p.sample(m, DRAWS);
      assertArrayEquals(new float[] {0, 0}, s.mean(new int[] {0}).toFloatArray(),
          (float) MOMENT_TOL);
      // Var = 2 tau^2 = 0.5; E|z| = tau = 0.5.
      float[] var = s.square().mean(new int[] {0}).toFloatArray();
      assertArrayEquals(new float[] {0.5f, 0.5f}, var, (float) MOMENT_TOL);
      assertArrayEquals(new float[] {0.5f, 0.5f}, s.abs().mean(new int[] {0}).toFloatArray(),
          (float) MOMENT_TOL);
    }
  }

  @Test
  void learnableScaleTrainsWithTheVaeThroughTheMonteCarloKl() {
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(302);
      LaplacePrior prior = LaplacePrior.learnable(2, 1.0);
      Vae vae = Vae.builder()
          .setEncoder(GaussianEncoder.mlp(4, 8, 2))
          .setDecoder(GaussianDecoder.mlp(2, 8, 4, 0))
          .optPrior(prior)
          .optManager(m)
          .build();
      assertFalse(vae.usesAnalyticKl());
      NDArray x = m.create(new float[] {0.1f, 0.9f, 0.4f, 0.5f}, new Shape(1, 4));
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(vae.loss(x, true));
      }
      try (NDArray g = vae.getParameters().valueAt(vae.getParameters().size() - 1).getArray()
          .getGradient()) {
        assertEquals(new Shape(1), g.getShape());
        assertFalse(g.getFloat(0) == 0f);
      }
    }
  }

  @Test
  void badScalesAreRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LaplacePrior.of(2, -1));
    assertEquals("scale must be finite and > 0, but was -1.0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LaplacePrior.of(2, Double.NaN));
  }
}
