package vaecourse.training;

/**
 * Stops training when the validation loss has not improved for {@code patience} epochs in a row. An
 * epoch improves when its loss is below the best so far by more than {@code minDelta}.
 */
public final class EarlyStopping {

  private final int patience;
  private final double minDelta;
  private double best = Double.POSITIVE_INFINITY;
  private int bestEpoch = -1;
  private int epochsWithoutImprovement;

  private EarlyStopping(int patience, double minDelta) {
    this.patience = patience;
    this.minDelta = minDelta;
  }

  /**
   * Early stopping with this patience and no minimum improvement.
   *
   * @throws IllegalArgumentException if {@code patience < 1}
   */
  public static EarlyStopping of(int patience) {
    return of(patience, 0);
  }

  /**
   * Early stopping with this patience and minimum improvement.
   *
   * @throws IllegalArgumentException if {@code patience < 1} or {@code minDelta} is negative or NaN
   */
  public static EarlyStopping of(int patience, double minDelta) {
    if (patience < 1) {
      throw new IllegalArgumentException("patience must be >= 1 but was " + patience);
    }
    if (!(minDelta >= 0)) {
      throw new IllegalArgumentException("minDelta must be >= 0 but was " + minDelta);
    }
    return new EarlyStopping(patience, minDelta);
  }

  /**
   * Records one epoch's validation loss.
   *
   * @return whether it is a new best (save a checkpoint now)
   */
  public boolean update(int epoch, double loss) {
    if (loss < best - minDelta) {
      best = loss;
      bestEpoch = epoch;
      epochsWithoutImprovement = 0;
      return true;
    }
    epochsWithoutImprovement++;
    return false;
  }

  /** Whether {@code patience} epochs in a row have passed without improvement. */
  public boolean shouldStop() {
    return epochsWithoutImprovement >= patience;
  }

  /** The best loss so far ({@code +inf} before the first epoch). */
  public double best() {
    return best;
  }

  /** The epoch of the best loss ({@code -1} before the first). */
  public int bestEpoch() {
    return bestEpoch;
  }

  /** The patience. */
  public int patience() {
    return patience;
  }

  /** Epochs since the last improvement. */
  public int epochsWithoutImprovement() {
    return epochsWithoutImprovement;
  }
}
