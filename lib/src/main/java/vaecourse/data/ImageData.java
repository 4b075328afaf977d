package vaecourse.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * An immutable set of grey-scale images with their labels, stored as bytes (one per pixel, 0 to
 * 255) and turned into float arrays only when a batch is drawn.
 *
 * <p>As an {@link ArraySource} it gives continuous pixels in {@code [0, 1]}, flattened to {@code
 * [batch, rows * cols]}; reshape to {@code [batch, 1, rows, cols]} for convolutional models.
 */
public final class ImageData implements ArraySource {

  private final String name;
  private final int rows;
  private final int cols;
  private final byte[] pixels;
  private final int[] labels;

  private ImageData(String name, int rows, int cols, byte[] pixels, int[] labels) {
    this.name = name;
    this.rows = rows;
    this.cols = cols;
    this.pixels = pixels;
    this.labels = labels;
  }

  /**
   * Images from raw bytes.
   *
   * @param name a short description, shown when the data set is printed
   * @param rows image height
   * @param cols image width
   * @param pixels {@code n * rows * cols} grey values, image after image, row-major
   * @param labels {@code n} class labels (use -1 when unknown)
   * @throws IllegalArgumentException if the sizes disagree
   */
  public static ImageData of(String name, int rows, int cols, byte[] pixels, int[] labels) {
    if (rows <= 0 || cols <= 0) {
      throw new IllegalArgumentException(
          "rows and cols must be > 0 but were " + rows + " and " + cols);
    }
    if ((long) labels.length * rows * cols != pixels.length) {
      throw new IllegalArgumentException(
          "pixels has "
              + pixels.length
              + " values but "
              + labels.length
              + " labels of "
              + rows
              + "x"
              + cols
              + " images need "
              + (long) labels.length * rows * cols);
    }
    return new ImageData(name, rows, cols, pixels.clone(), labels.clone());
  }

  /**
   * Reads an IDX image file ({@code [n, rows, cols]}) and its IDX label file ({@code [n]}).
   *
   * @throws IOException naming the file that is missing, truncated or corrupt, or naming both files
   *     when their counts disagree
   */
  public static ImageData read(String name, Path imageFile, Path labelFile) throws IOException {
    IdxFile.Array images = IdxFile.read(imageFile);
    IdxFile.Array labels = IdxFile.read(labelFile);
    int[] imageDims = images.dims();
    if (imageDims.length != 3) {
      throw new IOException(
          imageFile
              + " should hold images of shape [n, rows, cols] but has dimensions "
              + Arrays.toString(imageDims));
    }
    if (labels.dims().length != 1) {
      throw new IOException(
          labelFile
              + " should hold labels of shape [n] but has dimensions "
              + Arrays.toString(labels.dims()));
    }
    if (images.count() != labels.count()) {
      throw new IOException(
          "image and label counts disagree: "
              + imageFile
              + " has "
              + images.count()
              + " images but "
              + labelFile
              + " has "
              + labels.count()
              + " labels");
    }
    byte[] raw = labels.data();
    int[] classes = new int[raw.length];
    for (int i = 0; i < raw.length; i++) {
      classes[i] = raw[i] & 0xff;
    }
    return new ImageData(name, imageDims[1], imageDims[2], images.data(), classes);
  }

  /** Writes the images and labels as two IDX files (gzipped when a name ends in .gz). */
  public void write(Path imageFile, Path labelFile) throws IOException {
    IdxFile.write(imageFile, new IdxFile.Array(new int[] {size(), rows, cols}, pixels));
    byte[] raw = new byte[labels.length];
    for (int i = 0; i < labels.length; i++) {
      raw[i] = (byte) labels[i];
    }
    IdxFile.write(labelFile, new IdxFile.Array(new int[] {labels.length}, raw));
  }

  /** A short description of where the images come from. */
  public String name() {
    return name;
  }

  @Override
  public int size() {
    return labels.length;
  }

  /** Image height in pixels. */
  public int rows() {
    return rows;
  }

  /** Image width in pixels. */
  public int cols() {
    return cols;
  }

  /** Pixels per image, {@code rows * cols}. */
  public int pixelsPerImage() {
    return rows * cols;
  }

  /** The label of image {@code i}. */
  public int label(int i) {
    return labels[checkIndex(i)];
  }

  /** A copy of all labels, in image order. */
  public int[] labels() {
    return labels.clone();
  }

  /** The labels of the images at these indices. */
  public int[] labels(int[] indices) {
    int[] out = new int[indices.length];
    for (int k = 0; k < indices.length; k++) {
      out[k] = labels[checkIndex(indices[k])];
    }
    return out;
  }

  /** The grey value of pixel {@code p} of image {@code i}, in {@code [0, 1]}. */
  public float pixel(int i, int p) {
    checkIndex(i);
    if (p < 0 || p >= pixelsPerImage()) {
      throw new IndexOutOfBoundsException(
          "pixel must be in [0, " + pixelsPerImage() + ") but was " + p);
    }
    return (pixels[i * pixelsPerImage() + p] & 0xff) / 255f;
  }

  /** The mean grey value over all pixels of all images, in {@code [0, 1]}. */
  public double meanPixel() {
    long sum = 0;
    for (byte b : pixels) {
      sum += b & 0xff;
    }
    return pixels.length == 0 ? 0 : sum / (255.0 * pixels.length);
  }

  /** The images at these indices, in that order. */
  public ImageData subset(int[] indices) {
    int p = pixelsPerImage();
    byte[] out = new byte[indices.length * p];
    int[] outLabels = new int[indices.length];
    for (int k = 0; k < indices.length; k++) {
      int i = checkIndex(indices[k]);
      System.arraycopy(pixels, i * p, out, k * p, p);
      outLabels[k] = labels[i];
    }
    return new ImageData(name, rows, cols, out, outLabels);
  }

  /** The first {@code n} images (all of them when there are fewer). */
  public ImageData head(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0 but was " + n);
    }
    int[] indices = new int[Math.min(n, size())];
    Arrays.setAll(indices, i -> i);
    return subset(indices);
  }

  /**
   * A seeded random split: a permutation of the indices drawn with {@code new Random(seed)}
   * (Fisher-Yates); its first {@code validationSize} entries form the validation set, the rest the
   * training set, each kept in permutation order.
   *
   * @throws IllegalArgumentException if {@code validationSize} is not in {@code [1, size())}
   */
  public Split split(int validationSize, long seed) {
    if (validationSize < 1 || validationSize >= size()) {
      throw new IllegalArgumentException(
          "validationSize must be in [1, " + size() + ") but was " + validationSize);
    }
    int[] order = permutation(size(), new Random(seed));
    return new Split(
        subset(Arrays.copyOfRange(order, validationSize, order.length)),
        subset(Arrays.copyOf(order, validationSize)));
  }

  /**
   * The course's split recipe: 50,000 training and 10,000 validation images out of MNIST's 60,000
   * with seed 14, and for a smaller set the same one-sixth fraction ({@link
   * Split#recipeValidationSize(int)}) with the same seed.
   */
  public Split splitRecipe() {
    return split(Split.recipeValidationSize(size()), Split.MNIST_SEED);
  }

  /** The images in a seeded random order. */
  public ImageData shuffled(long seed) {
    return subset(permutation(size(), new Random(seed)));
  }

  /**
   * Static binarization: each pixel becomes 1 with probability equal to its grey value, drawn once
   * with this seed, so the data set stays the same binary set in every epoch.
   */
  public ImageData binarizeStatic(long seed) {
    Random random = new Random(seed);
    byte[] out = new byte[pixels.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = random.nextFloat() * 255f < (pixels[i] & 0xff) ? (byte) 255 : 0;
    }
    return new ImageData(name + ", binarized (seed " + seed + ")", rows, cols, out, labels);
  }

  /** Deterministic binarization: a pixel becomes 1 when its grey value exceeds the threshold. */
  public ImageData binarizeThreshold(double threshold) {
    if (!(threshold >= 0 && threshold < 1)) {
      throw new IllegalArgumentException("threshold must be in [0, 1) but was " + threshold);
    }
    byte[] out = new byte[pixels.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (pixels[i] & 0xff) / 255.0 > threshold ? (byte) 255 : 0;
    }
    return new ImageData(name + ", thresholded at " + threshold, rows, cols, out, labels);
  }

  /**
   * This data set with dynamic or continuous pixels. Dynamic binarization draws its Bernoulli
   * pixels from a generator seeded here, so a run repeats exactly.
   */
  public ArraySource withPixels(Pixels mode, long seed) {
    if (mode == Pixels.CONTINUOUS) {
      return this;
    }
    Random random = new Random(seed);
    ImageData data = this;
    return new ArraySource() {
      @Override
      public int size() {
        return data.size();
      }

      @Override
      public NDArray rows(NDManager manager, int[] indices) {
        return data.toNDArray(manager, indices, random);
      }
    };
  }

  @Override
  public NDArray rows(NDManager manager, int[] indices) {
    return toNDArray(manager, indices, null);
  }

  /** All images as one array {@code [n, rows * cols]} with grey values in {@code [0, 1]}. */
  public NDArray toNDArray(NDManager manager) {
    int[] all = new int[size()];
    Arrays.setAll(all, i -> i);
    return rows(manager, all);
  }

  /** All labels as an int32 array {@code [n]}. */
  public NDArray labelsNDArray(NDManager manager) {
    return manager.create(labels);
  }

  private NDArray toNDArray(NDManager manager, int[] indices, Random binarize) {
    int p = pixelsPerImage();
    int count = Math.multiplyExact(indices.length, p);
    float[] out = Staging.scratch(count);
    for (int k = 0; k < indices.length; k++) {
      int base = checkIndex(indices[k]) * p;
      int o = k * p;
      if (binarize == null) {
        for (int j = 0; j < p; j++) {
          out[o + j] = (pixels[base + j] & 0xff) / 255f;
        }
      } else {
        for (int j = 0; j < p; j++) {
          out[o + j] = binarize.nextFloat() * 255f < (pixels[base + j] & 0xff) ? 1f : 0f;
        }
      }
    }
    return Staging.floats(manager, out, count, new Shape(indices.length, p));
  }

  static int[] permutation(int n, Random random) {
    int[] order = new int[n];
    Arrays.setAll(order, i -> i);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  private int checkIndex(int i) {
    if (i < 0 || i >= labels.length) {
      throw new IndexOutOfBoundsException(
          "image index must be in [0, " + labels.length + ") but was " + i);
    }
    return i;
  }

  @Override
  public String toString() {
    return String.format("%s: %,d images of %dx%d", name, size(), rows, cols);
  }
}
