package vaecourse.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {

  @TempDir Path dir;

  private static IdxFile.Array randomImages(int n, long seed) {
    byte[] data = new byte[n * 28 * 28];
    new Random(seed).nextBytes(data);
    return new IdxFile.Array(new int[] {n, 28, 28}, data);
  }

  @Test
  void rawAndGzipRoundTripGiveTheSameBytes() throws IOException {
    IdxFile.Array images = randomImages(5, 1);
    for (String name : new String[] {"images-idx3-ubyte", "images-idx3-ubyte.gz"}) {
      Path file = dir.resolve(name);
      IdxFile.write(file, images);
      IdxFile.Array back = IdxFile.read(file);
      assertArrayEquals(new int[] {5, 28, 28}, back.dims());
      assertArrayEquals(images.data(), back.data());
    }
    // Header 16 bytes plus 5 * 784 data bytes when raw.
    assertEquals(16 + 5 * 784, Files.size(dir.resolve("images-idx3-ubyte")));
  }

  @Test
  void gzipIsDetectedByContentNotName() throws IOException {
    IdxFile.Array labels = new IdxFile.Array(new int[] {3}, new byte[] {7, 0, 9});
    Path gz = dir.resolve("labels.gz");
    IdxFile.write(gz, labels);
    Path misnamed = dir.resolve("labels-idx1-ubyte");
    Files.copy(gz, misnamed);
    assertArrayEquals(new byte[] {7, 0, 9}, IdxFile.read(misnamed).data());
  }

  @Test
  void truncatedFileNamesTheFileAndTheMissingBytes() throws IOException {
    Path file = dir.resolve("cut-idx3-ubyte");
    IdxFile.write(file, randomImages(2, 2));
    byte[] all = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(all, all.length - 100));
    IOException e = assertThrows(IOException.class, () -> IdxFile.read(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    assertTrue(e.getMessage().contains("1568"), e.getMessage());
  }

  @Test
  void truncatedGzipIsReportedAsTruncated() throws IOException {
    Path file = dir.resolve("cut.gz");
    IdxFile.write(file, randomImages(20, 3));
    byte[] all = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(all, all.length / 2));
    IOException e = assertThrows(IOException.class, () -> IdxFile.read(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void headerCutShortIsTruncated() throws IOException {
    Path file = dir.resolve("header");
    Files.write(file, new byte[] {0, 0, 8, 3, 0, 0});
    IOException e = assertThrows(IOException.class, () -> IdxFile.read(file));
    assertTrue(e.getMessage().contains("dimension sizes"), e.getMessage());
  }

  @Test
  void wrongMagicNumberIsRejected() throws IOException {
    Path file = dir.resolve("page.html");
    Files.writeString(file, "<html>404 not found</html>");
    IOException e = assertThrows(IOException.class, () -> IdxFile.read(file));
    assertTrue(e.getMessage().contains("not an IDX file"), e.getMessage());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void unsupportedTypeIsNamed() throws IOException {
    Path file = dir.resolve("floats");
    Files.write(file, new byte[] {0, 0, 0x0D, 1, 0, 0, 0, 0});
    IOException e = assertThrows(IOException.class, () -> IdxFile.read(file));
    assertTrue(e.getMessage().contains("0x0d"), e.getMessage());
  }

  @Test
  void missingFileIsNamed() {
    Path file = dir.resolve("absent");
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> IdxFile.read(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void countMismatchBetweenImagesAndLabelsNamesBothFiles() throws IOException {
    Path images = dir.resolve("img");
    Path labels = dir.resolve("lab");
    IdxFile.write(images, randomImages(4, 4));
    IdxFile.write(labels, new IdxFile.Array(new int[] {3}, new byte[] {1, 2, 3}));
    IOException e = assertThrows(IOException.class, () -> ImageData.read("x", images, labels));
    assertTrue(e.getMessage().contains("4 images"), e.getMessage());
    assertTrue(e.getMessage().contains("3 labels"), e.getMessage());
    assertTrue(e.getMessage().contains(images.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(labels.toString()), e.getMessage());
  }

  @Test
  void arrayChecksItsSize() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new IdxFile.Array(new int[] {2, 3}, new byte[5]));
    assertEquals("dims [2, 3] need 6 values but data has 5", e.getMessage());
  }
}
