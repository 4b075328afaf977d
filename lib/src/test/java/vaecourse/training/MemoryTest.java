package vaecourse.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vaecourse.data.Batches;

/** 2,000 training steps must not leave arrays or resident memory behind. */
class MemoryTest {

  private static final int DIM = 784;
  private static final int BATCH = 64;
  private static final int STEPS_PER_EPOCH = 20;
  private static final int EPOCHS = 100;

  /** Epochs before the first measurement: the allocator and the JIT settle in. */
  private static final int WARM_UP_EPOCHS = 25;

  /** Epochs between two measurements (every 100 steps from step 500 to step 2,000). */
  private static final int SAMPLE_EVERY = 5;

  /** Live arrays may not change at all after warm-up (each leaked step would add several). */
  private static final int ARRAY_TOLERANCE = 0;

  /**
   * Resident memory may grow by at most this much, comparing the median of the last four samples
   * with that of the first four (heap and allocator noise is a few tens of MiB). One leaked [64,
   * 784] float batch per step alone would add 290 MiB.
   */
  private static final long RSS_TOLERANCE_KIB = 64 * 1024;

  @Test
  void liveArraysAndRssStayFlatOver2000Steps() {
    List<Integer> arrays = new ArrayList<>();
    List<Long> rss = new ArrayList<>();
    try (NDManager m = NDManager.newBaseManager()) {
      TinyAutoencoder model = new TinyAutoencoder(m, 3, DIM, 16);
      TrainingLoop.builder(model)
          .setTrainData(
              Batches.of(TinyAutoencoder.data(BATCH * STEPS_PER_EPOCH, 4, DIM), BATCH).shuffled(5))
          .optEpochs(EPOCHS)
          .optProgress(false)
          .optOnEpoch(
              e -> {
                if (e.epoch() >= WARM_UP_EPOCHS && e.epoch() % SAMPLE_EVERY == 0) {
                  System.gc();
                  arrays.add(Memory.liveArrays());
                  rss.add(Memory.rssKiB());
                }
              })
          .build()
          .fit();
    }
    System.out.println("live arrays every 100 steps from step 500 to 2000: " + arrays);
    System.out.println("RSS KiB at the same points: " + rss);
    int warm = arrays.get(0);
    for (int count : arrays) {
      assertEquals(warm, count, ARRAY_TOLERANCE, "live arrays grew: " + arrays);
    }
    if (rss.get(0) > 0) {
      // Medians of the first and last four samples: robust to one-off heap or allocator spikes.
      long growth = median(rss.subList(rss.size() - 4, rss.size())) - median(rss.subList(0, 4));
      assertTrue(growth <= RSS_TOLERANCE_KIB, "RSS grew by " + growth + " KiB: " + rss);
    }
  }

  private static long median(List<Long> four) {
    List<Long> sorted = new ArrayList<>(four);
    sorted.sort(null);
    return (sorted.get(1) + sorted.get(2)) / 2;
  }

  @Test
  void theCounterSeesArraysThatAreNotClosed() {
    try (NDManager m = NDManager.newBaseManager()) {
      int before = Memory.liveArrays();
      NDManager leaky = m.newSubManager();
      for (int i = 0; i < 10; i++) {
        leaky.zeros(new Shape(4));
      }
      assertEquals(before + 10, Memory.liveArrays());
      leaky.close();
      assertEquals(before, Memory.liveArrays());
    }
  }
}
