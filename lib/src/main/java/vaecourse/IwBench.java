package vaecourse;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import vaecourse.data.Batches;
import vaecourse.data.Datasets;
import vaecourse.data.ImageData;
import vaecourse.data.Split;
import vaecourse.nn.BernoulliDecoder;
import vaecourse.nn.GaussianDecoder;
import vaecourse.nn.GaussianEncoder;
import vaecourse.training.History;
import vaecourse.training.TrainingLoop;
import vaecourse.vae.BoundEstimate;
import vaecourse.vae.Vae;

/**
 * The Java side of the importance-weighted-bound benchmark in {@code ./course bench}: trains
 * notebook 5's 784-512-2 Bernoulli VAE (weights \( \mathcal{N}(0, 0.1^2) \), zero biases, Adam
 * \(10^{-3}\) with weight decay \(10^{-5}\), batch 1000) on statically binarized digits, then
 * reports the test \(\mathcal{L}_{1000}\) and how long its evaluation took, as {@code
 * bench/iwae_torch.py} does for PyTorch on the same files.
 *
 * <pre>
 * java -cp vae-lib-all.jar vaecourse.IwBench --write-split DIR   # binarized recipe split + test
 * java -Dai.djl.pytorch.num_threads=2 -cp vae-lib-all.jar vaecourse.IwBench --data DIR \
 *     [--epochs 20] [--seed 1] [--eval 500] [--k 1000] [--json FILE]
 * </pre>
 */
public final class IwBench {

  /** Seed of the static binarization of the training split (notebook 5 uses the same). */
  public static final long TRAIN_BINARIZATION_SEED = 11;

  /** Seed of the static binarization of the test set (as in notebooks 2 and 5). */
  public static final long TEST_BINARIZATION_SEED = 7;

  private IwBench() {}

  /** Command-line entry point; see the class comment. */
  public static void main(String[] args) throws IOException {
    Logging.quiet();
    Path data = null;
    Path json = null;
    int epochs = 20;
    int eval = 500;
    int k = 1000;
    long seed = 1;
    for (int i = 0; i < args.length; i += 2) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      if (value == null) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      switch (args[i]) {
        case "--write-split" -> {
          writeSplit(Paths.get(value));
          return;
        }
        case "--data" -> data = Paths.get(value);
        case "--json" -> json = Paths.get(value);
        case "--epochs" -> epochs = Integer.parseInt(value);
        case "--eval" -> eval = Integer.parseInt(value);
        case "--k" -> k = Integer.parseInt(value);
        case "--seed" -> seed = Long.parseLong(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (data == null) {
      throw new IllegalArgumentException("--data DIR (or --write-split DIR) is required");
    }
    run(data, epochs, seed, eval, k, json);
  }

  static void writeSplit(Path dir) throws IOException {
    Files.createDirectories(dir);
    Datasets.Loaded loaded = Datasets.load(Integer.MAX_VALUE, Integer.MAX_VALUE);
    Split split = loaded.train().splitRecipe();
    split
        .train()
        .binarizeStatic(TRAIN_BINARIZATION_SEED)
        .write(dir.resolve("train-images-idx3-ubyte"), dir.resolve("train-labels-idx1-ubyte"));
    loaded
        .test()
        .binarizeStatic(TEST_BINARIZATION_SEED)
        .write(dir.resolve("t10k-images-idx3-ubyte"), dir.resolve("t10k-labels-idx1-ubyte"));
    System.out.println(
        "iw bench data: "
            + split.train().size()
            + " binarized training images, "
            + loaded.test().size()
            + " binarized test images in "
            + dir);
  }

  static void run(Path dir, int epochs, long seed, int eval, int k, Path json) throws IOException {
    ImageData train =
        ImageData.read(
            "train",
            dir.resolve("train-images-idx3-ubyte"),
            dir.resolve("train-labels-idx1-ubyte"));
    ImageData test =
        ImageData.read(
            "test", dir.resolve("t10k-images-idx3-ubyte"), dir.resolve("t10k-labels-idx1-ubyte"));
    Engine.getInstance().setRandomSeed((int) seed);
    int threads = Integer.getInteger("ai.djl.pytorch.num_threads", -1);
    try (NDManager manager = NDManager.newBaseManager()) {
      double std = GaussianDecoder.SEED_004_WEIGHT_STD;
      Vae vae =
          Vae.builder()
              .setEncoder(GaussianEncoder.mlp(784, 512, 2, std))
              .setDecoder(BernoulliDecoder.mlp(2, 512, 784, std))
              .optManager(manager)
              .build();
      History history =
          TrainingLoop.builder(vae)
              .setTrainData(Batches.of(train, 1000).shuffled(seed))
              .optEpochs(epochs)
              .optLearningRate(1e-3f)
              .optWeightDecay(1e-5f)
              .optProgress(false)
              .build()
              .fit();
      BoundEstimate bound = vae.iwBound(test.head(Math.min(eval, test.size())), k, false);
      System.out.printf(
          Locale.ROOT,
          "java: %d epochs in %.1f s; test L_%d = %.3f +- %.3f on %d images, evaluated in %.2f s"
              + " on %d threads%n",
          epochs,
          history.totalSeconds(),
          k,
          bound.mean(),
          bound.standardError(),
          bound.size(),
          bound.seconds(),
          threads);
      if (json != null) {
        Files.writeString(
            json,
            String.format(
                Locale.ROOT,
                "{\"framework\": \"djl %s\", \"threads\": %d, \"seed\": %d, \"epochs\": %d,"
                    + " \"train_seconds\": %.3f, \"k\": %d, \"eval_images\": %d,"
                    + " \"test_iw_bound\": %.6f, \"test_iw_bound_se\": %.6f,"
                    + " \"eval_seconds\": %.3f}%n",
                Engine.getDjlVersion(),
                threads,
                seed,
                epochs,
                history.totalSeconds(),
                k,
                bound.size(),
                bound.mean(),
                bound.standardError(),
                bound.seconds()),
            StandardCharsets.UTF_8);
      }
    }
  }
}
