package vaecourse.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Arrays;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import vaecourse.nn.BernoulliDecoder;
import vaecourse.nn.GaussianDecoder;
import vaecourse.nn.GaussianEncoder;
import vaecourse.priors.FlowPrior;
import vaecourse.priors.LaplacePrior;
import vaecourse.priors.MixtureOfGaussiansPrior;

/** Parameters written by DJL's block serialization load back into a fresh model unchanged. */
class SaveLoadTest {

  private static void roundTrip(Supplier<Vae> factory) throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(701);
      Vae a = factory.get();
      Engine.getInstance().setRandomSeed(702);
      Vae b = factory.get();
      NDArray x = m.randomUniform(0f, 1f, new Shape(2, 784));
      Engine.getInstance().setRandomSeed(703);
      float[] before = a.iwBound(x, 4).toFloatArray();
      Engine.getInstance().setRandomSeed(703);
      assertFalse(Arrays.equals(before, b.iwBound(x, 4).toFloatArray()));
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      a.saveParameters(new DataOutputStream(bytes));
      b.loadParameters(
          b.manager(), new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
      Engine.getInstance().setRandomSeed(703);
      assertArrayEquals(before, b.iwBound(x, 4).toFloatArray(), 0f);
      a.close();
      b.close();
    }
  }

  @Test
  void mlpGaussianModelWithMixturePrior() throws Exception {
    roundTrip(
        () ->
            Vae.builder()
                .setEncoder(GaussianEncoder.mlp(784, 16, 2, 0.01))
                .setDecoder(GaussianDecoder.mlp(2, 16, 784, 0.01))
                .optPrior(MixtureOfGaussiansPrior.of(2, 3))
                .build());
  }

  @Test
  void convModelWithFlowPrior() throws Exception {
    roundTrip(
        () ->
            Vae.builder()
                .setEncoder(GaussianEncoder.dcgan(2))
                .setDecoder(BernoulliDecoder.conv(2))
                .optPrior(FlowPrior.realNvp(2, 2, 8))
                .build());
  }

  @Test
  void modelWithLearnableLaplacePrior() throws Exception {
    roundTrip(
        () ->
            Vae.builder()
                .setEncoder(GaussianEncoder.conv(2))
                .setDecoder(BernoulliDecoder.dcgan(2))
                .optPrior(LaplacePrior.learnable(2, 0.7))
                .build());
  }
}
