package vaecourse.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import vaecourse.Course;
import vaecourse.data.Batches;
import vaecourse.data.Split;

/**
 * Trains any {@link Objective} with Adam: epochs over shuffled mini-batches, the validation loss
 * after each epoch, early stopping with a best-model checkpoint, a progress bar, and a stop with a
 * clear message as soon as the loss stops being a finite number.
 *
 * <pre>{@code
 * History history = TrainingLoop.builder(vae)
 *     .setTrainData(Batches.of(split.train(), 32).shuffled(7))
 *     .optValidationData(Batches.of(split.validation(), 256))
 *     .optEpochs(1000)
 *     .optPatience(20)
 *     .optLearningRate(1e-3f)
 *     .build()
 *     .fit();
 * }</pre>
 *
 * <p>Memory: each step runs the forward and backward pass inside an {@link NDScope}, so every array
 * the step creates is closed when it ends; the optimizer update runs after the scope, and each
 * gradient handle is closed after use. Arrays created inside {@link Objective#loss} are therefore
 * temporary: a model must not keep them between calls.
 */
public final class TrainingLoop {

  private final Objective objective;
  private final Batches train;
  private final Batches validation;
  private final int epochs;
  private final int patience;
  private final Path checkpoint;
  private final boolean restoreBest;
  private final boolean progress;
  private final long progressMillis;
  private final Consumer<History.Epoch> onEpoch;
  private final MutableRate learningRate;
  private final float weightDecay;
  private final Optimizer optimizer;
  // PyTorch's fused Adam when the engine has it (see FusedAdam), else DJL's Adam above.
  private FusedAdam fused;
  private boolean fusedTried;
  private int threadsChosen;
  private String threadTrial = "";

  private TrainingLoop(Builder b) {
    this.objective = b.objective;
    this.train = b.train;
    this.validation = b.validation;
    this.epochs = b.epochs;
    this.patience = b.patience;
    this.checkpoint = b.checkpoint;
    this.restoreBest = b.restoreBest;
    this.progress = b.progress;
    this.progressMillis = b.progressMillis;
    this.onEpoch = b.onEpoch;
    this.learningRate = new MutableRate(b.learningRate);
    this.weightDecay = b.weightDecay;
    Adam.Builder adam = Optimizer.adam().optLearningRateTracker(learningRate);
    if (b.weightDecay > 0) {
      adam.optWeightDecays(b.weightDecay);
    }
    this.optimizer = adam.build();
  }

  /** A builder for training this objective. */
  public static Builder builder(Objective objective) {
    if (objective == null) {
      throw new IllegalArgumentException("objective must not be null");
    }
    return new Builder(objective);
  }

  /** Mini-batch size of the course's early-stopping recipe. */
  public static final int RECIPE_BATCH = 32;

  /** Epochs without improvement before the recipe stops. */
  public static final int RECIPE_PATIENCE = 20;

  /** The most epochs the recipe trains under the full profile. */
  public static final int RECIPE_MAX_EPOCHS = 1000;

  /** The most epochs the recipe trains under the ci and grade profiles. */
  public static final int RECIPE_SMALL_EPOCHS = 3;

  /**
   * A builder set up with the course's early-stopping recipe: batches of 32 reshuffled every epoch
   * (seed 14), the validation loss after every epoch, patience 20, at most 1000 epochs (3 under the
   * ci and grade profiles), Adam with learning rate 1e-3. Any setting can still be changed on the
   * returned builder.
   */
  public static Builder recipe(Objective objective, Split split) {
    return builder(objective)
        .setTrainData(Batches.of(split.train(), RECIPE_BATCH).shuffled(Split.MNIST_SEED))
        .optValidationData(Batches.of(split.validation(), 500))
        .optEpochs(Course.profile().pick(RECIPE_MAX_EPOCHS, RECIPE_SMALL_EPOCHS))
        .optPatience(RECIPE_PATIENCE)
        .optLearningRate(1e-3f);
  }

  /**
   * The recipe on batches already made: {@code train} (shuffle it with {@link
   * Batches#shuffled(long)}) and {@code validation}, patience 20, at most 1000 epochs (3 under the
   * ci and grade profiles), Adam with learning rate 1e-3.
   *
   * @throws IllegalArgumentException if an argument is null
   */
  public static Builder recipe(Objective objective, Batches train, Batches validation) {
    if (train == null || validation == null) {
      throw new IllegalArgumentException("the recipe needs training and validation batches");
    }
    return builder(objective)
        .setTrainData(train)
        .optValidationData(validation)
        .optEpochs(Course.profile().pick(RECIPE_MAX_EPOCHS, RECIPE_SMALL_EPOCHS))
        .optPatience(RECIPE_PATIENCE)
        .optLearningRate(1e-3f);
  }

  /** Caps the epochs and keeps the patience of {@code cap}. */
  public static Builder recipe(
      Objective objective, Batches train, Batches validation, EpochCap cap) {
    return recipe(objective, train, validation).optEpochs(cap.cap()).optPatience(cap.patience());
  }

  /**
   * Changes the learning rate from the next step on (Adam's moment estimates are kept).
   *
   * @throws IllegalArgumentException if the rate is not a positive finite number
   */
  public void setLearningRate(float rate) {
    learningRate.set(rate);
  }

  /** The current learning rate. */
  public float learningRate() {
    return learningRate.value;
  }

  /**
   * The intra-op thread count the last {@link #fit} trained with after its first steps (see {@link
   * ThreadChoice}), or 0 when it kept the configured count without measuring.
   */
  public int threadsChosen() {
    return threadsChosen;
  }

  /**
   * What the last {@link #fit}'s thread trial measured and chose, in one line, or empty when it
   * made none.
   */
  public String threadTrial() {
    return threadTrial;
  }

  /** Where the best model is saved (null without validation data). */
  public Path checkpoint() {
    return validation == null ? null : checkpoint;
  }

  /**
   * Runs the training.
   *
   * @return the history of the run; with validation data and {@code restoreBest} (the default), the
   *     block holds the parameters of the best epoch afterwards
   * @throws NonFiniteLossException if the loss or a parameter becomes NaN or infinite
   */
  public History fit() {
    PrintStream out = System.out;
    List<Parameter> parameters = trainableParameters(objective.block());
    NDManager base = parameters.get(0).getArray().getManager();
    for (Parameter p : parameters) {
      NDArray array = p.getArray();
      if (!array.hasGradient()) {
        array.setRequiresGradient(true);
      }
      zeroGradient(array);
    }
    out.println(describe(parameters, base));
    History history = new History();
    EarlyStopping stopping = validation != null && patience > 0 ? EarlyStopping.of(patience) : null;
    double bestValidation = Double.POSITIVE_INFINITY;
    boolean saved = false;
    ProgressBar bar = progress ? new ProgressBar(out, epochs, progressMillis) : null;
    history.stop("completed " + epochs + " epochs");
    ThreadChoice threads = ThreadChoice.forRun((long) epochs * train.count());
    threadsChosen = 0;
    threadTrial = "";
    long steps = 0;
    try {
      for (int epoch = 1; epoch <= epochs; epoch++) {
        long start = System.nanoTime();
        if (bar != null) {
          bar.startEpoch();
        }
        List<int[]> order = train.order(epoch - 1);
        double sum = 0;
        long count = 0;
        for (int s = 0; s < order.size(); s++) {
          int[] indices = order.get(s);
          steps++;
          if (threads != null) {
            threads.beforeStep(steps);
          }
          long stepStart = System.nanoTime();
          double loss = step(base, indices, epoch, s + 1, order.size(), history);
          sum += loss * indices.length;
          count += indices.length;
          updateParameters(parameters);
          if (threads != null) {
            threads.afterStep(steps, System.nanoTime() - stepStart);
          }
          if (bar != null) {
            bar.step(epoch, s + 1, order.size(), sum / count);
          }
        }
        checkParameters(parameters, epoch, history);
        double trainLoss = sum / count;
        double validationLoss = validation == null ? Double.NaN : evaluate(validation);
        if (validation != null && !Double.isFinite(validationLoss)) {
          throw new NonFiniteLossException(
              String.format(
                  Locale.ROOT,
                  "validation loss is %s after epoch %d; training stopped. Lower the learning rate"
                      + " or check the model for values that overflow (log-variances, exp, log 0).",
                  validationLoss,
                  epoch),
              epoch,
              0,
              history);
        }
        boolean best = false;
        if (validation != null && validationLoss < bestValidation) {
          bestValidation = validationLoss;
          best = true;
          Checkpoint.save(objective.block(), checkpoint);
          saved = true;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        History.Epoch record = new History.Epoch(epoch, trainLoss, validationLoss, seconds, best);
        history.add(record);
        if (bar != null) {
          bar.endEpoch(summary(record));
        }
        if (onEpoch != null) {
          onEpoch.accept(record);
        }
        if (stopping != null) {
          stopping.update(epoch, validationLoss);
          if (stopping.shouldStop()) {
            history.stop(
                "early stopping: no improvement for "
                    + patience
                    + " epochs after epoch "
                    + stopping.bestEpoch());
            break;
          }
        }
      }
    } finally {
      if (threads != null) {
        threadsChosen = threads.chosen();
        threadTrial = threads.summary();
        threads.restore();
      }
    }
    if (saved && restoreBest) {
      Checkpoint.load(objective.block(), checkpoint);
      history.stop(history.stopReason() + "; restored the best epoch " + history.best().epoch());
    }
    out.println(history);
    return history;
  }

  /**
   * The mean loss over a data set, weighted by batch size, without gradients and without changing
   * the parameters.
   */
  public double evaluate(Batches data) {
    return evaluate(objective, data);
  }

  /** The mean loss of {@code objective} over {@code data} (evaluation mode, no gradients). */
  public static double evaluate(Objective objective, Batches data) {
    List<Parameter> parameters = trainableParameters(objective.block());
    NDManager base = parameters.get(0).getArray().getManager();
    double sum = 0;
    long count = 0;
    for (int[] indices : data.order(0)) {
      try (NDManager step = base.newSubManager();
          NDScope scope = new NDScope()) {
        NDArray loss = objective.loss(data.load(step, indices), false);
        sum += scalar(loss) * indices.length;
        count += indices.length;
      }
    }
    return sum / count;
  }

  /** One forward and backward pass inside a scope that closes everything it created. */
  private double step(
      NDManager base, int[] indices, int epoch, int step, int steps, History history) {
    try (NDManager stepManager = base.newSubManager();
        NDScope scope = new NDScope();
        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray x = train.load(stepManager, indices);
      NDArray loss = objective.loss(x, true);
      double value = scalar(loss);
      if (!Double.isFinite(value)) {
        throw new NonFiniteLossException(
            String.format(
                Locale.ROOT,
                "loss is %s at epoch %d, step %d of %d; training stopped before updating the"
                    + " parameters with it. Lower the learning rate, clamp log-variances, or check"
                    + " the data for NaN.",
                value,
                epoch,
                step,
                steps),
            epoch,
            step,
            history);
      }
      collector.backward(loss);
      return value;
    }
  }

  private void updateParameters(List<Parameter> parameters) {
    if (!fusedTried) {
      fused = FusedAdam.tryCreate(parameters, weightDecay);
      fusedTried = true;
    }
    if (fused != null) {
      fused.step(learningRate.value);
      return;
    }
    for (Parameter p : parameters) {
      NDArray weight = p.getArray();
      try (NDArray gradient = weight.getGradient()) {
        optimizer.update(p.getId(), weight, gradient);
      }
      zeroGradient(weight);
    }
  }

  private static void zeroGradient(NDArray weight) {
    if (weight instanceof PtNDArray) {
      JniUtils.zeroGrad((PtNDArray) weight);
    } else {
      try (NDArray gradient = weight.getGradient()) {
        gradient.muli(0);
      }
    }
  }

  private static void checkParameters(List<Parameter> parameters, int epoch, History history) {
    for (Parameter p : parameters) {
      boolean bad;
      try (NDScope scope = new NDScope()) {
        NDArray w = p.getArray();
        bad = w.isNaN().any().getBoolean() || w.isInfinite().any().getBoolean();
      }
      if (bad) {
        throw new NonFiniteLossException(
            "parameter "
                + p.getName()
                + " holds NaN or infinite values after epoch "
                + epoch
                + "; training stopped. Lower the learning rate.",
            epoch,
            0,
            history);
      }
    }
  }

  private static double scalar(NDArray loss) {
    if (loss.size() != 1) {
      throw new IllegalArgumentException(
          "loss must be a scalar (the mean over the batch) but has shape " + loss.getShape());
    }
    return loss.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
  }

  private static List<Parameter> trainableParameters(Block block) {
    List<Parameter> out = new ArrayList<>();
    for (Pair<String, Parameter> pair : block.getParameters()) {
      Parameter p = pair.getValue();
      if (!p.isInitialized()) {
        throw new IllegalStateException(
            "parameter "
                + pair.getKey()
                + " is not initialized: call block.initialize(manager,"
                + " DataType.FLOAT32, inputShape) before training");
      }
      if (p.requiresGradient()) {
        out.add(p);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("the block has no trainable parameters");
    }
    return out;
  }

  private String describe(List<Parameter> parameters, NDManager base) {
    long count = 0;
    for (Parameter p : parameters) {
      count += p.getArray().size();
    }
    StringBuilder s =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "training on %s: %,d parameters, %,d examples in %,d batches of %d, Adam lr %s",
                base.getDevice(),
                count,
                train.size(),
                train.count(),
                train.batchSize(),
                learningRate.value));
    if (validation != null) {
      s.append(String.format(Locale.ROOT, ", validation %,d", validation.size()));
      if (patience > 0) {
        s.append(", early stopping patience ").append(patience);
      }
    }
    s.append(", up to ").append(epochs).append(epochs == 1 ? " epoch" : " epochs");
    return s.toString();
  }

  private String summary(History.Epoch e) {
    String validationPart =
        Double.isNaN(e.validationLoss())
            ? ""
            : String.format(
                Locale.ROOT, "  validation %.4f%s", e.validationLoss(), e.best() ? " *" : "");
    return String.format(
        Locale.ROOT,
        "epoch %d/%d  train %.4f%s  %s",
        e.epoch(),
        epochs,
        e.trainLoss(),
        validationPart,
        ProgressBar.duration(e.seconds()));
  }

  /** A learning rate that can change between steps. */
  private static final class MutableRate implements Tracker {
    private volatile float value;

    MutableRate(float value) {
      set(value);
    }

    void set(float rate) {
      if (!(rate > 0) || Float.isInfinite(rate)) {
        throw new IllegalArgumentException(
            "learning rate must be a positive finite number but was " + rate);
      }
      value = rate;
    }

    @Override
    public float getNewValue(int numUpdate) {
      return value;
    }
  }

  /** Settings of a {@link TrainingLoop}: {@code setX} required, {@code optX} optional. */
  public static final class Builder {
    private final Objective objective;
    private Batches train;
    private Batches validation;
    private int epochs = 1;
    private int patience;
    private float learningRate = 1e-3f;
    private float weightDecay;
    private Path checkpoint;
    private boolean restoreBest = true;
    private boolean progress = true;
    private long progressMillis = 250;
    private Consumer<History.Epoch> onEpoch;

    private Builder(Objective objective) {
      this.objective = objective;
    }

    /** The training batches (shuffle them with {@link Batches#shuffled(long)}). */
    public Builder setTrainData(Batches train) {
      this.train = train;
      return this;
    }

    /** Validation batches: the loss on them is computed after every epoch. */
    public Builder optValidationData(Batches validation) {
      this.validation = validation;
      return this;
    }

    /** The maximum number of epochs (default 1). */
    public Builder optEpochs(int epochs) {
      this.epochs = epochs;
      return this;
    }

    /** Stop after this many epochs without a better validation loss (default 0: never). */
    public Builder optPatience(int patience) {
      this.patience = patience;
      return this;
    }

    /** Adam's learning rate (default 1e-3). */
    public Builder optLearningRate(float learningRate) {
      this.learningRate = learningRate;
      return this;
    }

    /** L2 weight decay added to the gradient, as in PyTorch's Adam (default 0). */
    public Builder optWeightDecay(float weightDecay) {
      this.weightDecay = weightDecay;
      return this;
    }

    /** Where to save the best model (default {@link Checkpoint#defaultPath} "best"). */
    public Builder optCheckpoint(Path checkpoint) {
      this.checkpoint = checkpoint;
      return this;
    }

    /** Whether to load the best checkpoint when training ends (default true). */
    public Builder optRestoreBest(boolean restoreBest) {
      this.restoreBest = restoreBest;
      return this;
    }

    /** Whether to draw the progress bar (default true). */
    public Builder optProgress(boolean progress) {
      this.progress = progress;
      return this;
    }

    /** The least time between two redraws of the progress bar (default 250 ms). */
    public Builder optProgressInterval(long millis) {
      this.progressMillis = millis;
      return this;
    }

    /** Called after every epoch, e.g. to show reconstructions as training goes. */
    public Builder optOnEpoch(Consumer<History.Epoch> onEpoch) {
      this.onEpoch = onEpoch;
      return this;
    }

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException naming the setting that is missing or out of range
     */
    public TrainingLoop build() {
      if (train == null) {
        throw new IllegalArgumentException("setTrainData(...) is required");
      }
      if (epochs < 1) {
        throw new IllegalArgumentException("epochs must be >= 1 but was " + epochs);
      }
      if (patience < 0) {
        throw new IllegalArgumentException("patience must be >= 0 but was " + patience);
      }
      if (patience > 0 && validation == null) {
        throw new IllegalArgumentException(
            "patience " + patience + " needs validation data: call optValidationData(...)");
      }
      if (!(weightDecay >= 0) || Float.isInfinite(weightDecay)) {
        throw new IllegalArgumentException("weightDecay must be >= 0 but was " + weightDecay);
      }
      if (progressMillis < 0) {
        throw new IllegalArgumentException(
            "progress interval must be >= 0 ms but was " + progressMillis);
      }
      if (checkpoint == null) {
        checkpoint = Checkpoint.defaultPath("best-" + ProcessHandle.current().pid());
      }
      return new TrainingLoop(this);
    }
  }
}
