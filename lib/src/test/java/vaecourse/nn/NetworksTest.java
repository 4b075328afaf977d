package vaecourse.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;
import vaecourse.distributions.DiagonalGaussian;

class NetworksTest {

  /** Relative tolerance on the empirical standard deviation of 784 x 512 initial weights. */
  private static final double INIT_STD_TOL = 0.02;

  private static final double FLOAT_TOL = 1e-4;

  @Test
  void seed004InitDrawsWeightsWithSigmaPointZeroOneAndZeroBiases() {
    Engine.getInstance().setRandomSeed(4);
    try (NDManager m = NDManager.newBaseManager()) {
      GaussianEncoder enc = GaussianEncoder.mlp(784, 512, 2, 0.01);
      enc.initialize(m, DataType.FLOAT32, new Shape(1, 784));
      int weights = 0;
      for (Pair<String, Parameter> p : enc.getParameters()) {
        NDArray a = p.getValue().getArray();
        if (p.getValue().getType() == Parameter.Type.WEIGHT) {
          weights++;
          double std = Math.sqrt(a.square().mean().getFloat() - Math.pow(a.mean().getFloat(),
              2));
          assertEquals(0.01, std, 0.01 * INIT_STD_TOL * (a.size() < 10_000 ? 5 : 1),
              p.getKey());
        } else {
          assertEquals(0.0, a.abs().max().getFloat(), 0.0, p.getKey());
        }
      }
      assertEquals(2, weights);
    }
  }

  @Test
  void encodersProduceMeanAndLogVarOfTheLatentSize() {
    Engine.getInstance().setRandomSeed(1);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray images = m.randomUniform(0f, 1f, new Shape(3, 1, 28, 28));
      for (GaussianEncoder enc : new GaussianEncoder[] {
          GaussianEncoder.mlp(784, 16, 5), GaussianEncoder.conv(5), GaussianEncoder.dcgan(5)}) {
        enc.initialize(m, DataType.FLOAT32, new Shape(3, 1, 28, 28));
        DiagonalGaussian q = enc.encode(new ParameterStore(m, false), images, true);
        assertEquals(new Shape(3, 5), q.mu().getShape(), enc.toString());
        assertEquals(new Shape(3, 5), q.logVar().getShape());
        // Flattened pixels work too.
        DiagonalGaussian flat = enc.encode(new ParameterStore(m, false),
            images.reshape(3, 784), false);
        assertEquals(new Shape(3, 5), flat.mu().getShape());
      }
    }
  }

  @Test
  void convDecodersProduceImages() {
    Engine.getInstance().setRandomSeed(2);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray z = m.randomNormal(new Shape(2, 3));
      for (Decoder dec : new Decoder[] {BernoulliDecoder.conv(3), BernoulliDecoder.dcgan(3)}) {
        dec.initialize(m, DataType.FLOAT32, new Shape(2, 3));
        NDList params = dec.decode(new ParameterStore(m, false), z, true);
        assertEquals(new Shape(2, 1, 28, 28), params.get(0).getShape());
        NDArray x = dec.sample(params);
        assertEquals(new Shape(2, 1, 28, 28), x.getShape());
        assertEquals(new Shape(2), dec.logLikelihood(x.reshape(2, 784), params).getShape());
      }
    }
  }

  @Test
  void bernoulliLikelihoodIsMinusBinaryCrossEntropyOfTheLogits() {
    Engine.getInstance().setRandomSeed(3);
    try (NDManager m = NDManager.newBaseManager()) {
      BernoulliDecoder dec = BernoulliDecoder.mlp(2, 8, 4);
      dec.initialize(m, DataType.FLOAT32, new Shape(1, 2));
      NDArray z = m.create(new float[] {0.5f, -1f}, new Shape(1, 2));
      NDList params = dec.decode(new ParameterStore(m, false), z, false);
      float[] logits = dec.logits(params).toFloatArray();
      float[] x = {1, 0, 0.5f, 1};
      double expected = 0;
      for (int i = 0; i < 4; i++) {
        double p = 1 / (1 + Math.exp(-logits[i]));
        expected += x[i] * Math.log(p) + (1 - x[i]) * Math.log(1 - p);
      }
      assertEquals(expected,
          dec.logLikelihood(m.create(x, new Shape(1, 4)), params).getFloat(0), FLOAT_TOL);
      float[] mean = dec.mean(params).toFloatArray();
      assertEquals(1 / (1 + Math.exp(-logits[0])), mean[0], FLOAT_TOL);
      float[] draws = dec.sample(params).toFloatArray();
      for (float d : draws) {
        assertTrue(d == 0f || d == 1f, "Bernoulli draw " + d);
      }
    }
  }

  @Test
  void gaussianDecoderHasSigmoidMeanAndClampedLearnedVariance() {
    Engine.getInstance().setRandomSeed(5);
    try (NDManager m = NDManager.newBaseManager()) {
      GaussianDecoder dec = GaussianDecoder.builder()
          .setNetwork(Mlp.builder().setInputDim(2).optHiddenDims(8).setOutputDim(3).build())
          .setLatentDim(2)
          .setDataShape(3)
          .optInitialLogVar(-1)
          .optMinLogVar(-2)
          .build();
      dec.initialize(m, DataType.FLOAT32, new Shape(1, 2));
      assertTrue(dec.logVarParameter().requiresGradient());
      NDArray z = m.create(new float[] {0.1f, 0.2f, -0.3f, 0.4f}, new Shape(2, 2));
      NDList params = dec.decode(new ParameterStore(m, false), z, false);
      NDArray mean = dec.mean(params);
      assertEquals(new Shape(2, 3), mean.getShape());
      assertTrue(mean.gt(0).all().getBoolean() && mean.lt(1).all().getBoolean());
      assertArrayEquals(new float[] {-1, -1, -1, -1, -1, -1}, params.get(1).toFloatArray(), 0f);
      // log N(x; mean, e^-1) summed over 3 features, written out.
      float[] mu = mean.toFloatArray();
      double expected = 0;
      for (int i = 0; i < 3; i++) {
        expected += -0.5 * (Math.log(2 * Math.PI) - 1 + Math.exp(1) * Math.pow(0.5 - mu[i], 2));
      }
      NDArray x = m.full(new Shape(2, 3), 0.5f);
      assertEquals(expected, dec.logLikelihood(x, params).getFloat(0), FLOAT_TOL);
      // Pushing the parameter below the floor is clamped at minLogVar.
      dec.logVarParameter().getArray().set(new float[] {-5, -5, -5});
      NDList clamped = dec.decode(new ParameterStore(m, false), z, false);
      assertEquals(-2f, clamped.get(1).min().getFloat(), 0f);
    }
  }

  @Test
  void badSettingsAndShapesAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Mlp.builder().setInputDim(784).setOutputDim(4).optHiddenDims(0).build());
    assertEquals("hidden dim 0 must be > 0, but was 0", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Mlp.builder().setInputDim(3).setOutputDim(2).optWeightSigma(Double.NaN).build());
    assertThrows(IllegalArgumentException.class, () -> GaussianEncoder.builder().build());
    assertThrows(IllegalArgumentException.class, () -> BernoulliDecoder.conv(0));
    try (NDManager m = NDManager.newBaseManager()) {
      GaussianEncoder enc = GaussianEncoder.mlp(784, 8, 2);
      enc.initialize(m, DataType.FLOAT32, new Shape(1, 784));
      IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
          () -> enc.encode(new ParameterStore(m, false), m.zeros(new Shape(4, 100)), false));
      assertTrue(shape.getMessage().contains("(4, 100)"), shape.getMessage());
    }
  }
}
