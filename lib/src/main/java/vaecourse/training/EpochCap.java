package vaecourse.training;

import java.util.Locale;

/**
 * A cap on the epochs of an early-stopping run, and what it leaves of the patience rule: with at
 * most {@code cap} epochs and patience \(k\), early stopping can end a run only when its best
 * validation epoch is epoch {@code cap - k} or earlier; when {@code cap <= k} it cannot fire and
 * the cap ends every run (the best epoch is still restored).
 *
 * @param cap the most epochs this run trains
 * @param patience epochs without improvement before early stopping
 * @param recipeEpochs the most epochs of the uncapped recipe
 */
public record EpochCap(int cap, int patience, int recipeEpochs) {

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if {@code cap} or {@code patience} is below 1, or {@code cap}
   *     exceeds {@code recipeEpochs}
   */
  public EpochCap {
    if (cap < 1 || patience < 1) {
      throw new IllegalArgumentException(
          "cap and patience must be >= 1 epoch, but were " + cap + " and " + patience);
    }
    if (cap > recipeEpochs) {
      throw new IllegalArgumentException(
          "cap " + cap + " exceeds the recipe's " + recipeEpochs + " epochs: use at most that");
    }
  }

  /** A cap on the course recipe (patience 20, at most 1000 epochs). */
  public static EpochCap ofRecipe(int cap) {
    return new EpochCap(cap, TrainingLoop.RECIPE_PATIENCE, TrainingLoop.RECIPE_MAX_EPOCHS);
  }

  /** Whether early stopping can end a run before the cap. */
  public boolean patienceCanStop() {
    return cap > patience;
  }

  /** The latest best epoch after which early stopping still fires within the cap (0: none). */
  public int latestEarlyStopBest() {
    return Math.max(0, cap - patience);
  }

  /** One sentence on the cap and the patience rule under it. */
  public String describe() {
    String head =
        String.format(Locale.ROOT, "at most %d of the recipe's %d epochs", cap, recipeEpochs);
    if (patienceCanStop()) {
      return String.format(
          Locale.ROOT,
          "%s; patience %d ends a run early only if its best epoch is %d or earlier",
          head,
          patience,
          latestEarlyStopBest());
    }
    return String.format(
        Locale.ROOT,
        "%s; patience %d needs %d epochs to fire, so the cap ends the run and the best epoch is"
            + " restored",
        head,
        patience,
        patience + 1);
  }
}
