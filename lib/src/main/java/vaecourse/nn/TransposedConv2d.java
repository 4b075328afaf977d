package vaecourse.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A 2-D transposed convolution with square kernel {@code k}, stride {@code s} and padding {@code
 * p}, mapping {@code [batch, inChannels, h, w]} to {@code [batch, filters, (h-1)s - 2p + k, (w-1)s
 * - 2p + k]} like PyTorch's {@code ConvTranspose2d}.
 *
 * <p>DJL's {@code Conv2dTranspose} has no PyTorch-engine implementation (neither in DJL 0.32 nor in
 * 0.36), so this block uses the textbook identity: a transposed convolution is an ordinary stride-1
 * convolution of the input with {@code s - 1} zeros inserted between neighbouring pixels and {@code
 * k - 1 - p} zeros of padding. At stride 2 and above it computes the same sums without the zeros,
 * as one small convolution per output phase (see {@code phases}). The learned kernel is stored in
 * convolution layout {@code [filters, inChannels, k, k]} (PyTorch's transposed kernel, flipped and
 * with channel axes swapped), so the set of functions is the same.
 */
public final class TransposedConv2d extends CourseBlock {

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
    weight =
        addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
    bias =
        addParameter(
            Parameter.builder()
                .setName("bias")
                .setType(Parameter.Type.BIAS)
                .optShape(new Shape(filters))
                .build());
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
      throw new IllegalArgumentException(
          "filters, kernel and stride must be > 0, but were "
              + filters
              + ", "
              + kernel
              + ", "
              + stride);
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
    NDArray w = ps.getValue(weight, x.getDevice(), training);
    NDArray b = ps.getValue(bias, x.getDevice(), training);
    if (stride == 1 || stride > kernel) {
      NDArray dilated = stride == 1 ? x : dilate(x, s);
      int pad = kernel - 1 - padding;
      return Conv2d.conv2d(dilated, w, b, new Shape(1, 1), new Shape(pad, pad), new Shape(1, 1));
    }
    return new NDList(phases(x, w, b, s));
  }

  /**
   * The stride-{@code s} case as {@code s * s} stride-1 convolutions, one per output phase: output
   * pixel {@code (s q + r)} only meets the kernel taps {@code j = s t + b_r}, so each phase is an
   * ordinary convolution of the undilated input with that sub-kernel, and the phases interleave
   * into the output. It computes what the dilated convolution computes without multiplying the
   * inserted zeros (a quarter of the work at stride 2).
   */
  private NDArray phases(NDArray x, NDArray w, NDArray b, Shape s) {
    Phases rows = new Phases(s.get(2));
    Phases cols = new Phases(s.get(3));
    Shape pad = new Shape(rows.pad, cols.pad);
    Shape one = new Shape(1, 1);
    NDList groups = kernel % stride == 0 ? together(x, w, b, pad) : null;
    NDList stacked = new NDList(stride);
    for (int rh = 0; rh < stride; rh++) {
      NDList row = new NDList(stride);
      for (int rw = 0; rw < stride; rw++) {
        NDArray y;
        if (groups != null) {
          y = groups.get((int) (rows.tap[rh] * stride + cols.tap[rw]));
        } else {
          NDArray sub =
              w.get(":, :, " + rows.tap[rh] + "::" + stride + ", " + cols.tap[rw] + "::" + stride);
          y = Conv2d.conv2d(x, sub, b, one, pad, one).singletonOrThrow();
        }
        long top = rows.pad + rows.offset[rh];
        long left = cols.pad + cols.offset[rw];
        row.add(
            y.get(
                ":, :, "
                    + top
                    + ":"
                    + (top + rows.count)
                    + ", "
                    + left
                    + ":"
                    + (left + cols.count)));
      }
      stacked.add(NDArrays.stack(row, 4)); // [b, F, Qh, Qw, s]
    }
    NDArray all = NDArrays.stack(stacked, 3); // [b, F, Qh, s, Qw, s]
    NDArray full = all.reshape(s.get(0), filters, rows.count * stride, cols.count * stride);
    long oh = out(s.get(2));
    long ow = out(s.get(3));
    return oh == rows.count * stride && ow == cols.count * stride
        ? full
        : full.get(":, :, :" + oh + ", :" + ow);
  }

  /**
   * Every phase's convolution as one: when the stride divides the kernel, every sub-kernel has
   * {@code kernel / stride} taps a side, so the {@code s * s} sub-kernels stack along the output
   * channels and one convolution (one call, channels enough for the CPU kernels to fill their
   * vectors) gives them all. Returns one {@code [batch, filters, ., .]} group per sub-kernel, group
   * {@code s * tapRow + tapCol}.
   */
  private NDList together(NDArray x, NDArray w, NDArray b, Shape pad) {
    long c = w.getShape().get(1);
    long t = kernel / stride;
    // Kernel row j = s * (j / s) + j % s: split j into (j / s, j % s) and bring the two taps
    // (j % s along rows and along columns) to the front.
    NDArray stackedKernels =
        w.reshape(filters, c, t, stride, t, stride)
            .transpose(3, 5, 0, 1, 2, 4)
            .reshape((long) stride * stride * filters, c, t, t);
    NDArray y =
        Conv2d.conv2d(
                x,
                stackedKernels,
                b.tile((long) stride * stride),
                new Shape(1, 1),
                pad,
                new Shape(1, 1))
            .singletonOrThrow();
    return y.split((long) stride * stride, 1);
  }

  /**
   * The phases of one spatial axis of input size {@code n}: output {@code s q + r} is the sum over
   * {@code t} of {@code x[q + t + offset[r]] * kernel[s t + tap[r]]} (convolution layout), for
   * {@code q < count}; {@code pad} is the one symmetric zero padding under which every phase's
   * window stays inside the padded input.
   */
  private final class Phases {
    final long[] tap = new long[stride];
    final long[] offset = new long[stride];
    final long count;
    final long pad;

    Phases(long n) {
      long reach = kernel - 1 - padding;
      count = (out(n) + stride - 1) / stride;
      long need = 0;
      for (int r = 0; r < stride; r++) {
        tap[r] = Math.floorMod(reach - r, stride);
        offset[r] = (r + tap[r] - reach) / stride;
        long taps = (kernel - tap[r] + stride - 1) / stride;
        need = Math.max(need, Math.max(-offset[r], offset[r] + count + taps - 1 - n));
      }
      pad = need;
    }
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
    y =
        y.concat(
            m.zeros(new Shape(b, c, h, stride - 1, w, stride), x.getDataType(), x.getDevice()), 3);
    NDArray full = y.reshape(b, c, h * stride, w * stride);
    return full.get(":, :, :" + ((h - 1) * stride + 1) + ", :" + ((w - 1) * stride + 1));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    return new Shape[] {new Shape(s.get(0), filters, out(s.get(2)), out(s.get(3)))};
  }

  private long out(long size) {
    return (size - 1) * stride - 2L * padding + kernel;
  }

  @Override
  protected void initializeChildBlocks(NDManager m, DataType t, Shape... shapes) {}
}
