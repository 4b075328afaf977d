package vaecourse.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.util.Random;
import vaecourse.data.ArraySource;

/** A small objective for loop tests: a DIM-4-DIM autoencoder with squared error. */
class TinyAutoencoder implements Objective {

  static final int DIM = 8;

  final SequentialBlock block;
  private final ParameterStore store = new ParameterStore();

  TinyAutoencoder(NDManager manager, long seed) {
    this(manager, seed, DIM, 4);
  }

  TinyAutoencoder(NDManager manager, long seed, int dim, int hidden) {
    ai.djl.engine.Engine.getInstance().setRandomSeed((int) seed);
    block =
        new SequentialBlock()
            .add(Linear.builder().setUnits(hidden).build())
            .add(Activation::tanh)
            .add(Linear.builder().setUnits(dim).build());
    block.initialize(manager, DataType.FLOAT32, new Shape(1, dim));
  }

  @Override
  public Block block() {
    return block;
  }

  @Override
  public NDArray loss(NDArray x, boolean training) {
    NDArray y = block.forward(store, new ai.djl.ndarray.NDList(x), training).singletonOrThrow();
    return y.sub(x).square().sum(new int[] {1}).mean();
  }

  /** Points near a 2-D plane in 8 dimensions, so that a 4-unit bottleneck can fit them. */
  static ArraySource data(int n, long seed) {
    return data(n, seed, DIM);
  }

  static ArraySource data(int n, long seed, int dim) {
    Random random = new Random(seed);
    float[][] rows = new float[n][dim];
    for (int i = 0; i < n; i++) {
      double a = random.nextGaussian();
      double b = random.nextGaussian();
      for (int j = 0; j < dim; j++) {
        rows[i][j] = (float) (a * Math.cos(j) + b * Math.sin(j) + 0.05 * random.nextGaussian());
      }
    }
    return ArraySource.of(rows);
  }
}
