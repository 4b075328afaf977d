package vaecourse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import vaecourse.training.Objective;

/** The models the benchmark and the demo train. */
final class BenchModels {

  private BenchModels() {}

  /** What the demo needs besides the loss: decoded samples and encoder means. */
  interface Generative extends Objective {

    /** Bernoulli means of {@code n} images decoded from \( z \sim N(0, I) \), {@code [n, 784]}. */
    NDArray sample(NDManager manager, int n);

    /** Encoder means for a batch {@code [batch, 784]}, shape {@code [batch, latent]}. */
    NDArray encodeMean(NDArray x);
  }

  /** The 784-512-2 MLP VAE with a Bernoulli decoder and analytic KL. */
  static Generative mlpVae(NDManager manager, long seed) {
    return new MlpVae(manager);
  }

  /** A plain DJL version of the MLP VAE, the same network the PyTorch reference builds. */
  private static final class MlpVae implements Generative {
    private static final int LATENT = 2;
    private final SequentialBlock encoder = new SequentialBlock()
        .add(Linear.builder().setUnits(512).build())
        .add(Activation::relu)
        .add(Linear.builder().setUnits(2 * LATENT).build());
    private final SequentialBlock decoder = new SequentialBlock()
        .add(Linear.builder().setUnits(512).build())
        .add(Activation::relu)
        .add(Linear.builder().setUnits(784).build());
    private final SequentialBlock both = new SequentialBlock().add(encoder).add(decoder);
    private final ParameterStore store = new ParameterStore();

    MlpVae(NDManager manager) {
      encoder.initialize(manager, DataType.FLOAT32, new Shape(1, 784));
      decoder.initialize(manager, DataType.FLOAT32, new Shape(1, LATENT));
    }

    @Override
    public Block block() {
      return both;
    }

    @Override
    public NDArray loss(NDArray x, boolean training) {
      NDArray stats = encoder.forward(store, new NDList(x), training).singletonOrThrow();
      NDArray mu = stats.get(":, 0:2");
      NDArray logVar = stats.get(":, 2:4");
      NDArray eps = x.getManager().randomNormal(mu.getShape());
      NDArray z = mu.add(logVar.mul(0.5).exp().mul(eps));
      NDArray logits = decoder.forward(store, new NDList(z), training).singletonOrThrow();
      // Binary cross-entropy on logits, stable form: max(l, 0) - l x + log(1 + exp(-|l|)).
      NDArray bce = logits.maximum(0).sub(logits.mul(x)).add(logits.abs().neg().exp().add(1).log())
          .sum(new int[] {1});
      NDArray kl = mu.square().add(logVar.exp()).sub(1).sub(logVar).sum(new int[] {1}).mul(0.5);
      return bce.add(kl).mean();
    }

    @Override
    public NDArray sample(NDManager manager, int n) {
      NDArray z = manager.randomNormal(new Shape(n, LATENT));
      return Activation.sigmoid(decoder.forward(store, new NDList(z), false).singletonOrThrow());
    }

    @Override
    public NDArray encodeMean(NDArray x) {
      return encoder.forward(store, new NDList(x), false).singletonOrThrow().get(":, 0:2");
    }
  }
}
