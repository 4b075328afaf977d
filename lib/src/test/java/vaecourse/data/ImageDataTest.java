package vaecourse.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ImageDataTest {

  /** Binarized means of n Bernoulli(p) pixels are within 4 standard errors of p. */
  private static final double BERNOULLI_SIGMAS = 4;

  private static final float PIXEL_TOL = 1e-6f;

  @TempDir Path dir;

  /** n images of 28x28 whose pixel j of image i is (i + j) mod 256; label i mod 10. */
  public static ImageData ramp(int n) {
    byte[] pixels = new byte[n * 784];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 10;
      for (int j = 0; j < 784; j++) {
        pixels[i * 784 + j] = (byte) (i + j);
      }
    }
    return ImageData.of("ramp", 28, 28, pixels, labels);
  }

  @Test
  void recipeSplitSizesMatchTheAssignment() {
    assertEquals(10_000, Split.recipeValidationSize(60_000));
    assertEquals(1_429, Split.recipeValidationSize(8_576));
    assertEquals(333, Split.recipeValidationSize(2_000));
    Split split = ramp(600).splitRecipe();
    assertEquals(500, split.train().size());
    assertEquals(100, split.validation().size());
  }

  @Test
  void splitIsSeededDisjointAndComplete() {
    ImageData data = ramp(300);
    Split a = data.split(50, 14);
    Split b = data.split(50, 14);
    Split c = data.split(50, 15);
    assertArrayEquals(a.validation().labels(), b.validation().labels());
    assertEquals(a.train().pixel(0, 0), b.train().pixel(0, 0));
    // Pixel 0 of a ramp image identifies it (i mod 256); count distinct keys (i, label).
    Set<String> seen = new HashSet<>();
    for (ImageData part : List.of(a.train(), a.validation())) {
      for (int i = 0; i < part.size(); i++) {
        seen.add(Math.round(part.pixel(i, 0) * 255) + "/" + part.label(i));
      }
    }
    assertEquals(300, seen.size());
    assertNotEquals(
        Arrays.toString(a.validation().labels()), Arrays.toString(c.validation().labels()));
  }

  @Test
  void badSplitSizeIsNamed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ramp(10).split(10, 1));
    assertEquals("validationSize must be in [1, 10) but was 10", e.getMessage());
  }

  @Test
  void continuousPixelsAreScaledToUnitInterval() {
    ImageData data = ramp(3);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = data.rows(m, new int[] {2, 0});
      assertEquals(new Shape(2, 784), x.getShape());
      float[] v = x.toFloatArray();
      assertEquals(2 / 255f, v[0], PIXEL_TOL);
      assertEquals(0f, v[784], PIXEL_TOL);
      assertEquals(255 / 255f, v[784 + 255], PIXEL_TOL);
    }
  }

  @Test
  void staticBinarizationHasTheRightMeanAndIsFixed() {
    // Every pixel grey 64/255: the binary mean should be 64/255 = 0.251.
    int n = 200;
    byte[] grey = new byte[n * 784];
    Arrays.fill(grey, (byte) 64);
    ImageData data = ImageData.of("grey", 28, 28, grey, new int[n]);
    ImageData once = data.binarizeStatic(3);
    ImageData again = data.binarizeStatic(3);
    double p = 64 / 255.0;
    double se = Math.sqrt(p * (1 - p) / (n * 784.0));
    assertEquals(p, once.meanPixel(), BERNOULLI_SIGMAS * se);
    for (int j = 0; j < 784; j++) {
      float v = once.pixel(7, j);
      assertTrue(v == 0f || v == 1f, "binary pixel " + v);
      assertEquals(v, again.pixel(7, j));
    }
  }

  @Test
  void dynamicBinarizationRedrawsEachBatchWithTheRightMean() {
    int n = 100;
    byte[] grey = new byte[n * 784];
    Arrays.fill(grey, (byte) 191);
    ImageData data = ImageData.of("grey", 28, 28, grey, new int[n]);
    ArraySource dynamic = data.withPixels(Pixels.DYNAMIC_BINARY, 5);
    int[] all = new int[n];
    Arrays.setAll(all, i -> i);
    try (NDManager m = NDManager.newBaseManager()) {
      float[] first = dynamic.rows(m, all).toFloatArray();
      float[] second = dynamic.rows(m, all).toFloatArray();
      double p = 191 / 255.0;
      double se = Math.sqrt(p * (1 - p) / first.length);
      double mean = 0;
      int differ = 0;
      for (int k = 0; k < first.length; k++) {
        mean += first[k];
        differ += first[k] != second[k] ? 1 : 0;
      }
      assertEquals(p, mean / first.length, BERNOULLI_SIGMAS * se);
      // Two independent draws differ with probability 2p(1-p) = 0.376 per pixel.
      assertEquals(2 * p * (1 - p), differ / (double) first.length, 0.02);
      float[] repeat = data.withPixels(Pixels.DYNAMIC_BINARY, 5).rows(m, all).toFloatArray();
      assertArrayEquals(first, repeat);
    }
  }

  @Test
  void batchesCoverEveryExampleOncePerEpochAndRepeatBySeed() {
    ImageData data = ramp(103);
    Batches batches = Batches.of(data, 10).shuffled(7);
    assertEquals(11, batches.count());
    List<int[]> e0 = batches.order(0);
    List<int[]> e1 = batches.order(1);
    assertEquals(3, e0.get(10).length);
    boolean[] hit = new boolean[103];
    for (int[] b : e0) {
      for (int i : b) {
        assertTrue(!hit[i], "index " + i + " twice");
        hit[i] = true;
      }
    }
    assertArrayEquals(e0.get(0), Batches.of(data, 10).shuffled(7).order(0).get(0));
    assertNotEquals(Arrays.toString(e0.get(0)), Arrays.toString(e1.get(0)));
    Batches dropped = Batches.of(data, 10).dropLast();
    assertEquals(10, dropped.count());
    assertEquals(100, dropped.examplesPerEpoch());
    assertArrayEquals(
        new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, Batches.of(data, 10).order(3).get(0));
  }

  @Test
  void writeThenReadKeepsPixelsAndLabels() throws IOException {
    ImageData data = ramp(12).shuffled(new Random(1).nextLong());
    data.write(dir.resolve("i.gz"), dir.resolve("l.gz"));
    ImageData back = ImageData.read("back", dir.resolve("i.gz"), dir.resolve("l.gz"));
    assertArrayEquals(data.labels(), back.labels());
    for (int j = 0; j < 784; j += 97) {
      assertEquals(data.pixel(11, j), back.pixel(11, j));
    }
  }

  @Test
  void batchesAreTheirOwnCopiesThoughTheStagingBufferIsReused() {
    ImageData data = ramp(20);
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray first = data.rows(manager, new int[] {3, 5});
      NDArray second = data.rows(manager, new int[] {7});
      // The second batch reuses the staging buffer; the first must keep its own values.
      assertEquals((3 + 10) / 255f, first.getFloat(0, 10), PIXEL_TOL);
      assertEquals((5 + 783) % 256 / 255f, first.getFloat(1, 783), PIXEL_TOL);
      assertEquals((7 + 2) / 255f, second.getFloat(0, 2), PIXEL_TOL);
      first.close();
      assertEquals((7 + 100) / 255f, second.getFloat(0, 100), PIXEL_TOL);
      // A larger batch grows the buffer and still reads back exactly.
      NDArray all = data.rows(manager, java.util.stream.IntStream.range(0, 20).toArray());
      assertEquals(new Shape(20, 784), all.getShape());
      assertEquals((19 + 400) % 256 / 255f, all.getFloat(19, 400), PIXEL_TOL);
      assertEquals((7 + 2) / 255f, second.getFloat(0, 2), PIXEL_TOL);
      // A smaller batch after it reads only its own rows from the longer scratch array.
      NDArray one = data.rows(manager, new int[] {4});
      assertEquals(new Shape(1, 784), one.getShape());
      float[] values = one.toFloatArray();
      assertEquals(784, values.length);
      assertEquals((4 + 783) % 256 / 255f, values[783], PIXEL_TOL);
      assertEquals((19 + 400) % 256 / 255f, all.getFloat(19, 400), PIXEL_TOL);
    }
    float[][] points = {{1f, 2f}, {3f, 4f}, {5f, 6f}};
    ArraySource source = ArraySource.of(points);
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray a = source.rows(manager, new int[] {2, 0});
      NDArray b = source.rows(manager, new int[] {1});
      assertArrayEquals(new float[] {5f, 6f, 1f, 2f}, a.toFloatArray());
      assertArrayEquals(new float[] {3f, 4f}, b.toFloatArray());
    }
  }

  @Test
  void stagingRefusesValuesThatDoNotFitTheShape() {
    try (NDManager manager = NDManager.newBaseManager()) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> Staging.floats(manager, new float[5], new Shape(2, 3)));
      assertEquals("5 values cannot fill an array of shape (2, 3)", e.getMessage());
      e =
          assertThrows(
              IllegalArgumentException.class,
              () -> Staging.floats(manager, new float[4], 6, new Shape(2, 3)));
      assertEquals("6 of 4 values cannot fill an array of shape (2, 3)", e.getMessage());
      NDArray head = Staging.floats(manager, new float[] {1, 2, 3, 4, 5, 6, 7}, 6, new Shape(3, 2));
      assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, head.toFloatArray());
      // Batches share one kept array; a request beyond the kept size gets an array of its own.
      assertSame(Staging.scratch(1000), Staging.scratch(10));
      float[] large = Staging.scratch(Staging.KEPT_FLOATS + 1);
      assertEquals(Staging.KEPT_FLOATS + 1, large.length);
      assertNotSame(large, Staging.scratch(Staging.KEPT_FLOATS + 1));
      assertTrue(Staging.scratch(10).length <= Staging.KEPT_FLOATS);
      // The same for the direct buffer: an array beyond the kept size is staged without it and
      // still reads back exactly, and the kept buffer stays as it was.
      int keptBefore = Staging.keptBufferFloats();
      assertTrue(keptBefore >= 6 && keptBefore <= Staging.KEPT_FLOATS, "kept " + keptBefore);
      for (int i = 0; i < large.length; i++) {
        large[i] = i % 1000;
      }
      NDArray whole = Staging.floats(manager, large, new Shape(large.length));
      float[] back = whole.toFloatArray();
      assertEquals(large.length, back.length);
      assertEquals(large[large.length - 1], back[back.length - 1]);
      assertEquals(large[123_456], back[123_456]);
      assertEquals(keptBefore, Staging.keptBufferFloats());
    }
  }
}
