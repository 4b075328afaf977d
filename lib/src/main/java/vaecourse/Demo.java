package vaecourse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import vaecourse.data.Batches;
import vaecourse.data.Datasets;
import vaecourse.data.ImageData;
import vaecourse.data.Split;
import vaecourse.plot.ImageGrid;
import vaecourse.plot.ScatterPlot;
import vaecourse.training.History;
import vaecourse.training.TrainingLoop;
import vaecourse.vae.Vae;

/**
 * Trains the 784-512-2 MLP VAE on the default data and writes what it learned as PNG files: the
 * loss curve, real next to generated digits, and the test set's latent means by label.
 *
 * <p>Usage: {@code java -cp vae-lib-all.jar vaecourse.Demo [OUT_DIR]} (default {@code build/demo});
 * {@code COURSE_PROFILE=ci} makes it a two-epoch run on 2,000 images.
 */
public final class Demo {

  private static final long SEED = 14;
  private static final int BATCH = 100;
  private static final float LEARNING_RATE = 1e-3f;
  private static final int PATIENCE = 5;

  private Demo() {}

  /** Command-line entry point; see the class comment. */
  public static void main(String[] args) throws IOException {
    Path out = Paths.get(args.length > 0 ? args[0] : "build/demo");
    Files.createDirectories(out);
    Course.Session session = Course.start(SEED);
    Datasets.Loaded data = Datasets.load();
    Split split = data.train().splitRecipe();
    int epochs = session.profile().pick(30, 2);
    try (NDManager manager = NDManager.newBaseManager(session.device())) {
      Vae vae = Bench.mlpVae(manager, 0);
      History history =
          TrainingLoop.builder(vae)
              .setTrainData(Batches.of(split.train(), BATCH).shuffled(SEED))
              .optValidationData(Batches.of(split.validation(), 1000))
              .optEpochs(epochs)
              .optPatience(PATIENCE)
              .optLearningRate(LEARNING_RATE)
              .optCheckpoint(out.resolve("mlp-vae-best.params"))
              .build()
              .fit();
      double test = TrainingLoop.evaluate(vae, Batches.of(data.test(), 1000));
      System.out.printf("test negative ELBO: %.2f nats%n", test);
      history
          .plot("MLP VAE (784-512-2): negative ELBO per epoch", "nats")
          .savePng(out.resolve("loss.png"));
      history.toTable().write().csv(out.resolve("history.csv").toString());
      try (NDScope scope = new NDScope()) {
        int[] first = new int[16];
        Arrays.setAll(first, i -> i);
        NDArray real = data.test().rows(manager, first);
        NDArray generated = vae.sample(manager, 16);
        ImageGrid.sideBySide(
                ImageGrid.of(real, 4, 4).title("real"),
                ImageGrid.of(generated, 4, 4).title("generated"))
            .savePng(out.resolve("samples.png"));
        ImageData shown = data.test().head(1000);
        NDArray means = vae.encodeMean(shown.toNDArray(manager));
        ScatterPlot.of("Latent means of " + shown.size() + " test images", means, shown.labels())
            .xLabel("z1")
            .yLabel("z2")
            .savePng(out.resolve("latent.png"));
      }
    }
    System.out.println("wrote loss.png, samples.png, latent.png and history.csv to " + out);
  }
}
