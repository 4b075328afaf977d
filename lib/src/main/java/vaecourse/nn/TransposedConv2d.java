package vaecourse.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A 2-D transposed convolution with square kernel {@code k}, stride {@code s} and padding {@code
 * p}, mapping {@code [batch, inChannels, h, w]} to {@code [batch, filters, (h-1)s - 2p + k, (w-1)s
 * - 2p + k]} like PyTorch's {@code ConvTranspose2d}.
 *
 * <p>DJL's {@code Conv2dTranspose} has no PyTorch-engine implementation in DJL 0.32, so this block
 * uses the textbook identity: a transposed convolution is an ordinary stride-1 convolution of the
 * input with {@code s - 1} zeros inserted between neighbouring pixels and {@code k - 1 - p} zeros of
 * padding. The learned kernel is stored in convolution layout {@code [filters, inChannels, k, k]}
 * (PyTorch's transposed kernel, flipped and with channel axes swapped), so the set of functions is
 * the same.
 */
public final class TransposedConv2d extends AbstractBlock {

  private final int filters;
  private final int kernel;
  private final int stride;
  private final int padding;
  private final Parameter weight;
  private final Parameter bias;

  private TransposedConv2d(int filters, int kernel, int stride, int padding) {
    super((byte) 1);
    this.filters = filters;
    this.kernel = kernel;
    this.stride = stride;
    this.padding = padding;
    weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
        .build());
    bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
        .optShape(new Shape(filters)).build());
  }

  /**
   * A transposed convolution.
   *
   * @param filters output channels, at least 1
   * @param kernel kernel side, at least 1
   * @param stride stride, at least 1
   * @param padding padding, between 0 and {@code kernel - 1}
   * @throws IllegalArgumentException if a size is out of range
   */
  public static TransposedConv2d of(int filters, int kernel, int stride, int padding) {
    if (filters <= 0 || kernel <= 0 || stride <= 0) {
      throw new IllegalArgumentException("filters, kernel and stride must be > 0, but were "
          + filters + ", " + kernel + ", " + stride);
    }
    if (padding < 0 || padding > kernel - 1) {
      throw new IllegalArgumentException(
          "padding must be in [0, kernel - 1] = [0, " + (kernel - 1) + "], but was " + padding);
    }
    return new TransposedConv2d(filters, kernel, stride, padding);
  }

  @Override
  protected void prepare(Shape[] inputShapes) {
    weight.setShape(new Shape(filters, inputShapes[0].get(1), kernel, kernel));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    Shape s = x.getShape();
    if (s.dimension() != 4) {
      throw new IllegalArgumentException(
          "input must have shape [batch, channels, height, width], but has shape " + s);
    }
    NDArray dilated = stride == 1 ? x : dilate(x, s);
    NDArray w = ps.getValue(weight, x.getDevice(), training);
    NDArray b = ps.getValue(bias, x.getDevice(), training);
    int pad = kernel - 1 - padding;
    return Conv2d.conv2d(dilated, w, b, new Shape(1, 1), new Shape(pad, pad), new Shape(1, 1));
  }

  /** Inserts {@code stride - 1} zeros between neighbouring pixels: h -> (h - 1) s + 1. */
  private NDArray dilate(NDArray x, Shape s) {
    long b = s.get(0);
    long c = s.get(1);
    long h = s.get(2);
    long w = s.get(3);
    NDManager m = x.getManager();
    NDArray y = x.reshape(b, c, h, 1, w, 1);
    y = y.concat(m.zeros(new Shape(b, c, h, 1, w, stride - 1), x.getDataType(), x.getDevice()), 5);
    y = y.concat(m.zeros(new Shape(b, c, h, stride - 1, w, stride), x.getDataType(),
        x.getDevice()), 3);
    NDArray full = y.reshape(b, c, h * stride, w * stride);
    return full.get(":, :, :" + ((h - 1) * stride + 1) + ", :" + ((w - 1) * stride + 1));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    return new Shape[] {
      new Shape(s.get(0), filters, out(s.get(2)), out(s.get(3)))
    };
  }

  private long out(long size) {
    return (size - 1) * stride - 2L * padding + kernel;
  }

  @Override
  protected void initializeChildBlocks(NDManager m, DataType t, Shape... shapes) {}
}
