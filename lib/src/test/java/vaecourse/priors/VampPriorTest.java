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
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaecourse.distributions.DiagonalGaussian;
import vaecourse.nn.BernoulliDecoder;
import vaecourse.nn.GaussianEncoder;
import vaecourse.training.Checkpoint;
import vaecourse.vae.Vae;

class VampPriorTest {

  private static final double FLOAT_TOL = 1e-4;

  /** Grid of the numerical integration: [-LIMIT, LIMIT]^2 with GRID cells a side. */
  private static final double LIMIT = 12;

  private static final int GRID = 400;

  private static final double MASS_TOL = 2e-3;

  private static final int DRAWS = 100_000;

  /** Monte Carlo tolerance on sample means against the mixture mean. */
  private static final double MOMENT_TOL = 0.03;

  private static final float[] IMAGES = {
    0.9f, 0.1f, 0.8f, 0.0f, 0.2f, 0.7f, 0.1f, 1.0f, 0.5f, 0.5f, 0.3f, 0.6f
  };

  /** A VAE on 4-pixel images with a 2-D latent and a VampPrior of three pseudo-inputs. */
  private static Vae model(NDManager m, GaussianEncoder encoder) {
    return Vae.builder()
        .setEncoder(encoder)
        .setDecoder(BernoulliDecoder.mlp(2, 8, 4))
        .optPrior(VampPrior.fromImages(encoder, m.create(IMAGES, new Shape(3, 4))))
        .optManager(m)
        .build();
  }

  @Test
  void densityIsTheEqualMixtureOfTheEncoderPosteriorsAtThePseudoInputs() {
    Engine.getInstance().setRandomSeed(31);
    try (NDManager m = NDManager.newBaseManager()) {
      GaussianEncoder encoder = GaussianEncoder.mlp(4, 8, 2);
      Vae vae = model(m, encoder);
      VampPrior prior = (VampPrior) vae.prior();
      // The pseudo-inputs start at the images (clipped to [0.01, 0.99]).
      float[] u = prior.pseudoInputs(m).toFloatArray();
      for (int i = 0; i < IMAGES.length; i++) {
        float want = Math.min(0.99f, Math.max(0.01f, IMAGES[i]));
        assertEquals(want, u[i], 1e-6, "pseudo-input value " + i);
      }
      // By hand in double precision: (1/3) sum_k prod_d N(z_d; mu_kd, exp(logVar_kd)).
      DiagonalGaussian q = vae.encode(m.create(u, new Shape(3, 4)));
      double[] mu = toDoubles(q.mu());
      double[] lv = toDoubles(q.logVar());
      float[] z = {0.3f, -0.4f, 2f, 1f};
      float[] got = prior.logProb(m.create(z, new Shape(2, 2))).toFloatArray();
      for (int row = 0; row < 2; row++) {
        double sum = 0;
        for (int k = 0; k < 3; k++) {
          double logN = 0;
          for (int d = 0; d < 2; d++) {
            double var = Math.exp(lv[2 * k + d]);
            double diff = z[2 * row + d] - mu[2 * k + d];
            logN += -0.5 * Math.log(2 * Math.PI * var) - diff * diff / (2 * var);
          }
          sum += Math.exp(logN) / 3;
        }
        assertEquals(Math.log(sum), got[row], FLOAT_TOL, "log p(z) of row " + row);
      }
      assertTrue(!prior.isStandardNormal());
      assertEquals(3, prior.components());
      assertEquals(2, prior.latentDim());
    }
  }

  @Test
  void densityIntegratesToOneAndSamplesHaveItsMean() {
    Engine.getInstance().setRandomSeed(32);
    try (NDManager m = NDManager.newBaseManager()) {
      GaussianEncoder encoder = GaussianEncoder.mlp(4, 8, 2);
      Vae vae = model(m, encoder);
      Prior prior = vae.prior();
      DensityGrid grid = DensityGrid.of(m, prior, -LIMIT, LIMIT, GRID);
      assertEquals(1.0, grid.mass(), MASS_TOL);
      // The mean of an equal mixture is the mean of the component means.
      DiagonalGaussian q = ((VampPrior) prior).components(m);
      float[] componentMean = q.mu().mean(new int[] {0}).toFloatArray();
      NDArray s = prior.sample(m, DRAWS);
      assertEquals(new Shape(DRAWS, 2), s.getShape());
      assertArrayEquals(componentMean, s.mean(new int[] {0}).toFloatArray(), (float) MOMENT_TOL);
    }
  }

  @Test
  void pseudoInputsAndEncoderGetGradientsOnceEachAndSurviveACheckpoint(@TempDir Path dir) {
    Engine.getInstance().setRandomSeed(33);
    try (NDManager m = NDManager.newBaseManager()) {
      GaussianEncoder encoder = GaussianEncoder.mlp(4, 8, 2);
      Vae vae = model(m, encoder);
      NDArray x = m.create(new float[] {1, 0, 1, 0, 0, 1, 1, 1}, new Shape(2, 4));
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(vae.loss(x, true));
      }
      int pseudo = 0;
      int total = 0;
      for (Pair<String, Parameter> p : vae.getParameters()) {
        total++;
        if (p.getKey().contains("pseudoInputs")) {
          pseudo++;
          try (NDArray g = p.getValue().getArray().getGradient()) {
            assertTrue(g.abs().sum().getFloat() > 0, "the pseudo-inputs receive a gradient");
          }
        }
      }
      // Encoder 2 linear layers + decoder 2 linear layers, (weight, bias) each, + pseudo-inputs:
      // the shared encoder is not counted twice.
      assertEquals(1, pseudo);
      assertEquals(9, total);
      Path file = dir.resolve("vamp.params");
      float[] before = ((VampPrior) vae.prior()).pseudoInputs(m).toFloatArray();
      Checkpoint.save(vae, file);
      for (Pair<String, Parameter> p : vae.getParameters()) {
        if (p.getKey().contains("pseudoInputs")) {
          p.getValue().getArray().addi(1f);
        }
      }
      assertTrue(before[0] != ((VampPrior) vae.prior()).pseudoInputs(m).toFloatArray()[0]);
      Checkpoint.load(vae, file);
      assertArrayEquals(before, ((VampPrior) vae.prior()).pseudoInputs(m).toFloatArray(), 1e-6f);
    }
  }

  @Test
  void badArgumentsAreNamed() {
    try (NDManager m = NDManager.newBaseManager()) {
      GaussianEncoder encoder = GaussianEncoder.mlp(4, 8, 2);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> VampPrior.of(encoder, 0));
      assertTrue(e.getMessage().contains("components must be > 0"), e.getMessage());
      e =
          assertThrows(
              IllegalArgumentException.class,
              () -> VampPrior.fromImages(encoder, m.zeros(new Shape(3, 5))));
      assertTrue(e.getMessage().contains("must be [K, 4]"), e.getMessage());
      e = assertThrows(IllegalArgumentException.class, () -> VampPrior.of(null, 3));
      assertTrue(e.getMessage().contains("encoder"), e.getMessage());
      VampPrior p = VampPrior.of(encoder, 5);
      p.initialize(m, DataType.FLOAT32, new Shape(1, 2));
      e = assertThrows(IllegalArgumentException.class, () -> p.logProb(m.zeros(new Shape(2, 3))));
      assertTrue(e.getMessage().contains("[batch, 2]"), e.getMessage());
    }
  }

  private static double[] toDoubles(NDArray a) {
    float[] f = a.toFloatArray();
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }
}
