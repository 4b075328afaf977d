package vaecourse.data;

/**
 * A training set and a held-out validation set drawn from one {@link ImageData}.
 *
 * @param train the examples to train on
 * @param validation the examples for early stopping and model selection
 */
public record Split(ImageData train, ImageData validation) {

  /** The size of the training part in the full-MNIST recipe: 50,000 of 60,000. */
  public static final int MNIST_TRAIN = 50_000;

  /** The size of the validation part in the full-MNIST recipe: 10,000 of 60,000. */
  public static final int MNIST_VALIDATION = 10_000;

  /** The seed of the full-MNIST recipe. */
  public static final long MNIST_SEED = 14;

  /** Checks that neither part is missing. */
  public Split {
    if (train == null || validation == null) {
      throw new IllegalArgumentException("train and validation must both be given");
    }
  }

  /**
   * The number of validation examples the recipe takes from {@code n} training images: 10,000 when
   * {@code n} is 60,000, and the same fraction, one sixth, rounded, otherwise.
   */
  public static int recipeValidationSize(int n) {
    return (int) Math.round(n * (double) MNIST_VALIDATION / (MNIST_TRAIN + MNIST_VALIDATION));
  }

  @Override
  public String toString() {
    return "Split[train " + train.size() + ", validation " + validation.size() + "]";
  }
}
