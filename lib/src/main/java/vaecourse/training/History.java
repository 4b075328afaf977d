package vaecourse.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import vaecourse.plot.LinePlot;

/**
 * What happened in a training run: per-epoch training and validation loss and time, the best epoch
 * and why training stopped. Shown in a notebook it is its loss curve.
 */
public final class History {

  /**
   * One epoch.
   *
   * @param epoch 1-based epoch number
   * @param trainLoss the mean training loss over the epoch's steps (weighted by batch size)
   * @param validationLoss the mean validation loss after the epoch, NaN without validation data
   * @param seconds wall-clock time of the epoch, validation included
   * @param best whether this epoch set a new best validation loss (a checkpoint was saved)
   */
  public record Epoch(
      int epoch, double trainLoss, double validationLoss, double seconds, boolean best) {}

  private final List<Epoch> epochs = new ArrayList<>();
  private String stopReason = "not started";

  History() {}

  void add(Epoch epoch) {
    epochs.add(epoch);
  }

  void stop(String reason) {
    stopReason = reason;
  }

  /** The epochs in order. */
  public List<Epoch> epochs() {
    return Collections.unmodifiableList(epochs);
  }

  /** The number of completed epochs. */
  public int size() {
    return epochs.size();
  }

  /** The last epoch. */
  public Epoch last() {
    if (epochs.isEmpty()) {
      throw new IllegalStateException("no epoch has completed");
    }
    return epochs.get(epochs.size() - 1);
  }

  /** The epoch with the lowest validation loss (the lowest training loss without validation). */
  public Epoch best() {
    Epoch best = null;
    for (Epoch e : epochs) {
      double v = score(e);
      if (best == null || v < score(best)) {
        best = e;
      }
    }
    if (best == null) {
      throw new IllegalStateException("no epoch has completed");
    }
    return best;
  }

  private static double score(Epoch e) {
    return Double.isNaN(e.validationLoss()) ? e.trainLoss() : e.validationLoss();
  }

  /** Why training stopped, e.g. "early stopping: no improvement for 20 epochs". */
  public String stopReason() {
    return stopReason;
  }

  /** The training losses, one per epoch. */
  public double[] trainLosses() {
    return epochs.stream().mapToDouble(Epoch::trainLoss).toArray();
  }

  /** The validation losses, one per epoch (NaN without validation data). */
  public double[] validationLosses() {
    return epochs.stream().mapToDouble(Epoch::validationLoss).toArray();
  }

  /** Total training time in seconds. */
  public double totalSeconds() {
    return epochs.stream().mapToDouble(Epoch::seconds).sum();
  }

  /** The history as a table with columns epoch, train, validation, seconds, best. */
  public Table toTable() {
    IntColumn epoch = IntColumn.create("epoch");
    DoubleColumn train = DoubleColumn.create("train");
    DoubleColumn validation = DoubleColumn.create("validation");
    DoubleColumn seconds = DoubleColumn.create("seconds");
    BooleanColumn best = BooleanColumn.create("best");
    for (Epoch e : epochs) {
      epoch.append(e.epoch());
      train.append(e.trainLoss());
      validation.append(e.validationLoss());
      seconds.append(e.seconds());
      best.append(e.best());
    }
    return Table.create("history", epoch, train, validation, seconds, best);
  }

  /** The loss curves: training and (when present) validation loss against the epoch. */
  public LinePlot plot() {
    return plot("Loss per epoch", "loss");
  }

  /** The loss curves with a title and y-axis label of your choice (e.g. "negative ELBO"). */
  public LinePlot plot(String title, String yLabel) {
    double[] x = epochs.stream().mapToDouble(Epoch::epoch).toArray();
    LinePlot plot = LinePlot.create(title).xLabel("epoch").yLabel(yLabel);
    plot.add("train", x, trainLosses());
    if (epochs.stream().anyMatch(e -> !Double.isNaN(e.validationLoss()))) {
      plot.add("validation", x, validationLosses());
    }
    return plot;
  }

  /** Kernel display: the loss-curve figure, with this summary as its text form. */
  public Map<String, String> toMimeBundle() {
    Map<String, String> bundle = new java.util.LinkedHashMap<>(plot().toMimeBundle());
    bundle.put("text/plain", toString());
    return bundle;
  }

  @Override
  public String toString() {
    if (epochs.isEmpty()) {
      return "History[no epochs; " + stopReason + "]";
    }
    Epoch best = best();
    String validation =
        Double.isNaN(best.validationLoss())
            ? ""
            : String.format(Locale.ROOT, ", validation %.4f", best.validationLoss());
    return String.format(
        Locale.ROOT,
        "History[%d epoch%s in %s; best epoch %d (train %.4f%s); %s]",
        epochs.size(),
        epochs.size() == 1 ? "" : "s",
        ProgressBar.duration(totalSeconds()),
        best.epoch(),
        best.trainLoss(),
        validation,
        stopReason);
  }
}
