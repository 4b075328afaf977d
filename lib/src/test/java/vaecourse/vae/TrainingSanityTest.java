package vaecourse.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;
import vaecourse.nn.BernoulliDecoder;
import vaecourse.nn.GaussianEncoder;
import vaecourse.priors.FlowPrior;
import vaecourse.priors.MixtureOfGaussiansPrior;
import vaecourse.priors.Prior;
import vaecourse.priors.StandardNormalPrior;

/** End to end: a few hundred Adam steps must lower the negative ELBO for every prior. */
class TrainingSanityTest {

  private static final int STEPS = 60;

  /** Required relative drop of the negative ELBO on the training batch. */
  private static final double MIN_DROP = 0.25;

  /** Two prototype 16-pixel patterns and their noisy copies (seeded). */
  private static NDArray data(NDManager m) {
    float[] a = {1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0};
    float[] b = {0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1};
    float[] all = new float[32 * 16];
    java.util.Random rng = new java.util.Random(3);
    for (int i = 0; i < 32; i++) {
      float[] src = i % 2 == 0 ? a : b;
      for (int j = 0; j < 16; j++) {
        all[i * 16 + j] = rng.nextDouble() < 0.05 ? 1 - src[j] : src[j];
      }
    }
    return m.create(all, new Shape(32, 16));
  }

  private static double train(Prior prior) {
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(501);
      Vae vae =
          Vae.builder()
              .setEncoder(GaussianEncoder.mlp(16, 32, 2))
              .setDecoder(BernoulliDecoder.mlp(2, 32, 16))
              .optPrior(prior)
              .optManager(m)
              .build();
      NDArray x = data(m);
      double first = vae.negativeElbo(x).getFloat();
      Optimizer adam = Optimizer.adam().build();
      int liveBefore = m.getManagedArrays().size();
      for (int step = 0; step < STEPS; step++) {
        try (NDScope scope = new NDScope();
            GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          gc.backward(vae.loss(x, true));
        }
        for (Pair<String, Parameter> p : vae.getParameters()) {
          if (p.getValue().requiresGradient()) {
            NDArray w = p.getValue().getArray();
            try (NDArray g = w.getGradient()) {
              adam.update(p.getValue().getId(), w, g);
            }
          }
        }
      }
      double last = 0;
      for (int i = 0; i < 20; i++) {
        last += vae.negativeElbo(x).getFloat() / 20;
      }
      // Adam keeps its moment estimates on the parameters' manager; nothing else may pile up.
      assertTrue(
          m.getManagedArrays().size() <= liveBefore + 2 * vae.getParameters().size() + 4,
          "live arrays grew from " + liveBefore + " to " + m.getManagedArrays().size());
      return (first - last) / first;
    }
  }

  @Test
  void standardNormalPriorModelLearns() {
    double drop = train(StandardNormalPrior.of(2));
    assertTrue(drop > MIN_DROP, "negative ELBO fell by only " + drop);
  }

  @Test
  void mixturePriorModelLearns() {
    double drop = train(MixtureOfGaussiansPrior.of(2, 4));
    assertTrue(drop > MIN_DROP, "negative ELBO fell by only " + drop);
  }

  @Test
  void flowPriorModelLearns() {
    double drop = train(FlowPrior.realNvp(2, 2, 16));
    assertTrue(drop > MIN_DROP, "negative ELBO fell by only " + drop);
  }

  @Test
  void convolutionalModelsComputeAFiniteLossAndGradients() {
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(502);
      NDArray x = m.randomUniform(0f, 1f, new Shape(4, 784));
      for (Vae vae :
          new Vae[] {
            Vae.builder()
                .setEncoder(GaussianEncoder.conv(3))
                .setDecoder(BernoulliDecoder.conv(3))
                .optManager(m)
                .build(),
            Vae.builder()
                .setEncoder(GaussianEncoder.dcgan(3))
                .setDecoder(BernoulliDecoder.dcgan(3))
                .optManager(m)
                .build()
          }) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDArray loss = vae.loss(x, true);
          assertTrue(Float.isFinite(loss.getFloat()));
          gc.backward(loss);
        }
        assertEquals(new Shape(2, 1, 28, 28), vae.sample(m, 2).getShape());
        assertEquals(new Shape(4), vae.iwBound(x, 3).getShape());
      }
    }
  }
}
