package vaecourse.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Mini-batches over an {@link ArraySource}: the order of an epoch (shuffled with a seed, or in data
 * order), and the arrays themselves, created in a manager the caller owns and closes.
 *
 * <pre>{@code
 * Batches batches = Batches.of(data, 32).shuffled(7);
 * for (int[] indices : batches.order(epoch)) {
 *   try (NDManager step = manager.newSubManager()) {
 *     NDArray x = batches.load(step, indices); // [32, 784]
 *     ...
 *   }
 * }
 * }</pre>
 */
public final class Batches {

  private final ArraySource data;
  private final int batchSize;
  private final Long seed;
  private final boolean dropLast;

  private Batches(ArraySource data, int batchSize, Long seed, boolean dropLast) {
    this.data = data;
    this.batchSize = batchSize;
    this.seed = seed;
    this.dropLast = dropLast;
  }

  /**
   * Batches in data order, the last one smaller when the size is not a multiple.
   *
   * @throws IllegalArgumentException if {@code batchSize < 1} or the data set is empty
   */
  public static Batches of(ArraySource data, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1 but was " + batchSize);
    }
    if (data.size() == 0) {
      throw new IllegalArgumentException("data must hold at least one example but is empty");
    }
    return new Batches(data, batchSize, null, false);
  }

  /**
   * The same batches in an order reshuffled every epoch; epoch {@code e} uses the generator {@code
   * new Random(seed + e * 1_000_003)}, so any epoch can be reproduced on its own.
   */
  public Batches shuffled(long seed) {
    return new Batches(data, batchSize, seed, dropLast);
  }

  /** The same batches without the last, smaller one (when the size is not a multiple). */
  public Batches dropLast() {
    if (data.size() < batchSize) {
      throw new IllegalArgumentException(
          "dropLast would leave no batch: " + data.size() + " examples, batch size " + batchSize);
    }
    return new Batches(data, batchSize, seed, true);
  }

  /** The underlying data. */
  public ArraySource data() {
    return data;
  }

  /** The number of examples. */
  public int size() {
    return data.size();
  }

  /** The (largest) batch size. */
  public int batchSize() {
    return batchSize;
  }

  /** Whether epochs are shuffled. */
  public boolean isShuffled() {
    return seed != null;
  }

  /** The number of batches per epoch. */
  public int count() {
    int n = data.size();
    return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
  }

  /** The number of examples one epoch visits (all, or fewer with {@link #dropLast()}). */
  public int examplesPerEpoch() {
    return dropLast ? count() * batchSize : data.size();
  }

  /** The index batches of one epoch. */
  public List<int[]> order(int epoch) {
    int n = data.size();
    int[] all;
    if (seed == null) {
      all = new int[n];
      Arrays.setAll(all, i -> i);
    } else {
      all = ImageData.permutation(n, new Random(seed + epoch * 1_000_003L));
    }
    List<int[]> out = new ArrayList<>(count());
    for (int b = 0; b < count(); b++) {
      int from = b * batchSize;
      out.add(Arrays.copyOfRange(all, from, Math.min(n, from + batchSize)));
    }
    return Collections.unmodifiableList(out);
  }

  /** The rows at these indices, created in {@code manager}. */
  public NDArray load(NDManager manager, int[] indices) {
    return data.rows(manager, indices);
  }

  /**
   * The arrays of one epoch, each created in {@code manager} when the iterator reaches it. Close
   * each batch (or use a sub-manager per step) when iterating a large data set.
   */
  public Iterable<NDArray> epoch(NDManager manager, int epoch) {
    List<int[]> order = order(epoch);
    return () ->
        new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < order.size();
          }

          @Override
          public NDArray next() {
            if (!hasNext()) {
              throw new java.util.NoSuchElementException("epoch has " + order.size() + " batches");
            }
            return load(manager, order.get(next++));
          }
        };
  }

  @Override
  public String toString() {
    return String.format(
        "Batches[%,d examples, batch %d, %d per epoch%s%s]",
        data.size(),
        batchSize,
        count(),
        seed == null ? "" : ", shuffled",
        dropLast ? ", drop last" : "");
  }
}
