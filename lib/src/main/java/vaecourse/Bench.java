package vaecourse;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vaecourse.data.Batches;
import vaecourse.data.Datasets;
import vaecourse.data.ImageData;
import vaecourse.data.Split;
import vaecourse.nn.BernoulliDecoder;
import vaecourse.nn.GaussianEncoder;
import vaecourse.training.History;
import vaecourse.training.TrainingLoop;
import vaecourse.vae.Vae;

/**
 * The Java side of {@code ./course bench}'s training workloads: trains a VAE (Adam, continuous
 * pixels, Bernoulli likelihood, analytic KL) on IDX files and prints seconds per epoch and the
 * test-set negative ELBO, as {@code bench/vae_torch.py} does for PyTorch. The models: {@code mlp}
 * (784-512-2, the default), {@code conv} (seed 000's convolutional pair) and {@code dcgan} (seed
 * 002's DCGAN-style pair with batch norm).
 *
 * <pre>
 * java -cp vae-lib-all.jar vaecourse.Bench --write-split DIR   # the default data's recipe split
 * java -Dai.djl.pytorch.num_threads=2 -cp vae-lib-all.jar vaecourse.Bench --data DIR --seed 1 \
 *     [--model mlp|conv|dcgan] [--latent P] [--limit N] [--epochs 20] [--batch 100] [--lr 1e-3]
 *     [--init-std 0.01] [--json FILE] [--profile TRACE.json]
 * </pre>
 *
 * <p>{@code --profile} records the native operators of the last epoch with PyTorch's profiler into
 * a Chrome trace; {@code bench/op_profile.py} sums it by operator beside the reference's.
 */
public final class Bench {

  private Bench() {}

  /** Command-line entry point; see the class comment. */
  public static void main(String[] args) throws IOException {
    Logging.quiet();
    Path data = null;
    Path json = null;
    Path profile = null;
    int epochs = 20;
    int batch = 100;
    float lr = 1e-3f;
    long seed = 1;
    double initSigma = 0;
    String model = "mlp";
    int latent = 2;
    int limit = Integer.MAX_VALUE;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--write-split" -> {
          writeSplit(Paths.get(require(value, args[i])));
          return;
        }
        case "--data" -> data = Paths.get(require(value, args[i]));
        case "--json" -> json = Paths.get(require(value, args[i]));
        case "--profile" -> profile = Paths.get(require(value, args[i]));
        case "--epochs" -> epochs = Integer.parseInt(require(value, args[i]));
        case "--batch" -> batch = Integer.parseInt(require(value, args[i]));
        case "--lr" -> lr = Float.parseFloat(require(value, args[i]));
        case "--seed" -> seed = Long.parseLong(require(value, args[i]));
        case "--init-std" -> initSigma = Double.parseDouble(require(value, args[i]));
        case "--model" -> model = require(value, args[i]);
        case "--latent" -> latent = Integer.parseInt(require(value, args[i]));
        case "--limit" -> limit = Integer.parseInt(require(value, args[i]));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
      i++;
    }
    if (data == null) {
      throw new IllegalArgumentException("--data DIR (or --write-split DIR) is required");
    }
    if (!List.of("mlp", "conv", "dcgan").contains(model)) {
      throw new IllegalArgumentException(
          "--model must be mlp, conv or dcgan, but was '" + model + "'");
    }
    run(
        new Workload(model, latent, limit),
        data,
        epochs,
        batch,
        lr,
        seed,
        initSigma,
        json,
        profile);
  }

  /** Which model to train, its latent size and the most training images to use. */
  record Workload(String model, int latent, int limit) {}

  private static String require(String value, String option) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }

  /** Writes the training part of the recipe split and the test set of the default data. */
  static void writeSplit(Path dir) throws IOException {
    Datasets.Loaded loaded = Datasets.load(Integer.MAX_VALUE, Integer.MAX_VALUE);
    Split split = loaded.train().splitRecipe();
    split
        .train()
        .write(
            dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"));
    loaded
        .test()
        .write(dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz"));
    Files.writeString(dir.resolve("SOURCE"), loaded + "\n" + split + "\n");
    System.out.println(
        "bench data: "
            + split.train().size()
            + " training images (recipe split of "
            + loaded.source().title()
            + "), "
            + loaded.test().size()
            + " test images in "
            + dir);
  }

  static void run(
      Workload workload,
      Path dir,
      int epochs,
      int batch,
      float lr,
      long seed,
      double initSigma,
      Path json,
      Path profile)
      throws IOException {
    ImageData all =
        ImageData.read(
            "train", file(dir, "train-images-idx3-ubyte"), file(dir, "train-labels-idx1-ubyte"));
    ImageData train = all.size() > workload.limit() ? all.head(workload.limit()) : all;
    ImageData test =
        ImageData.read(
            "test", file(dir, "t10k-images-idx3-ubyte"), file(dir, "t10k-labels-idx1-ubyte"));
    Engine.getInstance().setRandomSeed((int) seed);
    int threads = Integer.getInteger("ai.djl.pytorch.num_threads", -1);
    try (NDManager manager = NDManager.newBaseManager()) {
      Vae vae =
          switch (workload.model()) {
            case "conv" -> convVae(manager, workload.latent());
            case "dcgan" -> dcganVae(manager, workload.latent());
            default -> mlpVae(manager, initSigma);
          };
      List<Double> seconds = new ArrayList<>();
      List<Double> cpu = new ArrayList<>();
      double[] cpuMark = {cpuSeconds()};
      List<Double> losses = new ArrayList<>();
      if (profile != null && epochs == 1) {
        JniUtils.startProfile(false, true, false);
      }
      TrainingLoop loop =
          TrainingLoop.builder(vae)
              .setTrainData(Batches.of(train, batch).shuffled(seed))
              .optEpochs(epochs)
              .optLearningRate(lr)
              .optProgress(false)
              .optOnEpoch(
                  e -> {
                    if (profile != null && e.epoch() == epochs - 1) {
                      JniUtils.startProfile(false, true, false);
                    } else if (profile != null && e.epoch() == epochs) {
                      JniUtils.stopProfile(profile.toString());
                    }
                    seconds.add(e.seconds());
                    double now = cpuSeconds();
                    cpu.add(now - cpuMark[0]);
                    cpuMark[0] = now;
                    losses.add(e.trainLoss());
                    System.out.printf(
                        Locale.ROOT,
                        "java epoch %d/%d: train %.3f  %.3fs%n",
                        e.epoch(),
                        epochs,
                        e.trainLoss(),
                        e.seconds());
                  })
              .build();
      History history = loop.fit();
      double testNelbo = TrainingLoop.evaluate(vae, Batches.of(test, 1000));
      double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      double median = sorted[sorted.length / 2];
      if (!loop.threadTrial().isEmpty()) {
        System.out.println("threads: " + loop.threadTrial());
      }
      System.out.printf(
          Locale.ROOT,
          "java: test negative ELBO %.3f, median %.3f s/epoch on %d threads, %d chosen (%s)%n",
          testNelbo,
          median,
          threads,
          loop.threadsChosen(),
          history.stopReason());
      if (json != null) {
        String text =
            String.format(
                Locale.ROOT,
                "{\"framework\": \"djl %s\", \"model\": \"%s\", \"batch\": %d, \"threads\": %d, \"threads_chosen\": %d, \"seed\": %d, \"train_examples\": %d,"
                    + " \"test_examples\": %d, \"epochs\": %d, \"seconds_per_epoch\": %.6f,"
                    + " \"epoch_seconds\": %s, \"epoch_cpu_seconds\": %s, \"train_nelbo\": %s, \"test_nelbo\": %.6f}%n",
                Engine.getDjlVersion(),
                workload.model(),
                batch,
                threads,
                loop.threadsChosen(),
                seed,
                train.size(),
                test.size(),
                epochs,
                median,
                seconds,
                cpu,
                losses,
                testNelbo);
        Files.writeString(json, text, StandardCharsets.UTF_8);
      }
    }
  }

  /**
   * The benchmark's model: 784-512-2 MLP encoder and Bernoulli decoder (ReLU), analytic KL to \(
   * \mathcal{N}(0, I) \), one Monte Carlo sample; weights from \( \mathcal{N}(0, \sigma^2) \) and
   * zero biases when {@code initSigma > 0}, else DJL's default initialization.
   */
  static Vae mlpVae(NDManager manager, double initSigma) {
    return Vae.builder()
        .setEncoder(GaussianEncoder.mlp(784, 512, 2, initSigma))
        .setDecoder(BernoulliDecoder.mlp(2, 512, 784, initSigma))
        .optAnalyticKl(true)
        .optManager(manager)
        .build();
  }

  /**
   * CPU seconds this process has used on all its threads, native compute threads included: on a
   * machine shared with other work it shows the work done, where wall time also shows the waiting.
   */
  static double cpuSeconds() {
    return ProcessHandle.current()
        .info()
        .totalCpuDuration()
        .map(d -> d.toNanos() / 1e9)
        .orElse(Double.NaN);
  }

  /** Seed 000's convolutional encoder and decoder, analytic KL. */
  static Vae convVae(NDManager manager, int latent) {
    return Vae.builder()
        .setEncoder(GaussianEncoder.conv(latent))
        .setDecoder(BernoulliDecoder.conv(latent))
        .optAnalyticKl(true)
        .optManager(manager)
        .build();
  }

  /** Seed 002's DCGAN-style encoder and decoder (batch norm), analytic KL. */
  static Vae dcganVae(NDManager manager, int latent) {
    return Vae.builder()
        .setEncoder(GaussianEncoder.dcgan(latent))
        .setDecoder(BernoulliDecoder.dcgan(latent))
        .optAnalyticKl(true)
        .optManager(manager)
        .build();
  }

  private static Path file(Path dir, String name) {
    Path raw = dir.resolve(name);
    return Files.isRegularFile(raw) ? raw : dir.resolve(name + ".gz");
  }
}
