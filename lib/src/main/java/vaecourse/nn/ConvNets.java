package vaecourse.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The convolutional networks of the course, for 28x28 single-channel images. Each factory returns a
 * block; {@link GaussianEncoder}, {@link BernoulliDecoder} and {@link GaussianDecoder} wrap them.
 */
public final class ConvNets {

  private ConvNets() {}

  /**
   * Seed 000's encoder network: {@code [batch, 1, 28, 28]} -> conv 4x4/2/1 (32, ReLU) -> 14x14 ->
   * conv 4x4/2/1 (64, ReLU) -> 7x7 -> linear to {@code 2 * latentDim}.
   */
  public static Block seed000Encoder(int latentDim) {
    return new Seed000Encoder(positive("latentDim", latentDim));
  }

  /**
   * Seed 000's decoder network: {@code [batch, P]} -> linear to 64x7x7 -> transposed conv 4x4/2/1
   * (32, ReLU) -> 14x14 -> transposed conv 4x4/2/1 (1) -> {@code [batch, 1, 28, 28]} logits.
   */
  public static Block seed000Decoder(int latentDim) {
    return new Seed000Decoder(positive("latentDim", latentDim));
  }

  /**
   * Seed 002's DCGAN-style encoder network with {@code hidden} base channels (the seed uses 16):
   * conv 4x4/2 (hidden) + batch norm + leaky ReLU 0.2 -> 13x13; conv 4x4/2 (2 hidden) + batch norm
   * + leaky ReLU -> 5x5; conv 4x4/2 (2P) -> 1x1, flattened to {@code [batch, 2P]}.
   */
  public static Block dcganEncoder(int latentDim, int hidden) {
    return new DcganEncoder(positive("latentDim", latentDim), positive("hidden", hidden));
  }

  /**
   * Seed 002's DCGAN-style decoder network with {@code hidden} base channels (the seed uses 64):
   * {@code z} as {@code [batch, P, 1, 1]}; transposed conv 3x3/2 (4 hidden) -> 3x3; 4x4/1 (2
   * hidden) -> 6x6; 3x3/2 (hidden) -> 13x13, each with batch norm and ReLU; then 4x4/2 (1) ->
   * {@code [batch, 1, 28, 28]} logits (the seed applies a sigmoid; the likelihood does it here).
   */
  public static Block dcganDecoder(int latentDim, int hidden) {
    return new DcganDecoder(positive("latentDim", latentDim), positive("hidden", hidden));
  }

  private static int positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, but was " + value);
    }
    return value;
  }

  private static Conv2d conv(int filters, int kernel, int stride, int pad) {
    return Conv2d.builder()
        .setFilters(filters)
        .setKernelShape(new Shape(kernel, kernel))
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(pad, pad))
        .build();
  }

  private static TransposedConv2d deconv(int filters, int kernel, int stride, int pad) {
    return TransposedConv2d.of(filters, kernel, stride, pad);
  }

  private static NDArray images(NDArray x) {
    Shape s = x.getShape();
    if (s.size() != s.get(0) * 28 * 28) {
      throw new IllegalArgumentException(
          "x must hold 784 = 1 x 28 x 28 pixels per example, but has shape " + s);
    }
    return s.dimension() == 4 ? x : x.reshape(s.get(0), 1, 28, 28);
  }

  private static NDArray run(Block b, ParameterStore ps, NDArray x, boolean training) {
    return b.forward(ps, new NDList(x), training).singletonOrThrow();
  }

  private static final class Seed000Encoder extends CourseBlock {
    private final Conv2d conv1;
    private final Conv2d conv2;
    private final Linear head;

    Seed000Encoder(int latentDim) {
      super((byte) 1);
      conv1 = addChildBlock("conv1", conv(32, 4, 2, 1));
      conv2 = addChildBlock("conv2", conv(64, 4, 2, 1));
      head = addChildBlock("head", Linear.builder().setUnits(2L * latentDim).build());
    }

    @Override
    protected NDList forwardInternal(
        ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
      NDArray x = images(in.singletonOrThrow());
      NDArray h = Nonlinearity.RELU.apply(run(conv1, ps, x, training)); // [b, 32, 14, 14]
      h = Nonlinearity.RELU.apply(run(conv2, ps, h, training)); // [b, 64, 7, 7]
      return new NDList(run(head, ps, h.reshape(h.getShape().get(0), 64 * 7 * 7), training));
    }

    @Override
    protected void initializeChildBlocks(NDManager m, DataType t, Shape... shapes) {
      long b = shapes[0].get(0);
      conv1.initialize(m, t, new Shape(b, 1, 28, 28));
      conv2.initialize(m, t, new Shape(b, 32, 14, 14));
      head.initialize(m, t, new Shape(b, 64 * 7 * 7));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] shapes) {
      return head.getOutputShapes(new Shape[] {new Shape(shapes[0].get(0), 64 * 7 * 7)});
    }
  }

  private static final class Seed000Decoder extends CourseBlock {
    private final Linear fc;
    private final TransposedConv2d deconv1;
    private final TransposedConv2d deconv2;

    Seed000Decoder(int latentDim) {
      super((byte) 1);
      fc = addChildBlock("fc", Linear.builder().setUnits(64 * 7 * 7).build());
      deconv1 = addChildBlock("deconv1", deconv(32, 4, 2, 1));
      deconv2 = addChildBlock("deconv2", deconv(1, 4, 2, 1));
    }

    @Override
    protected NDList forwardInternal(
        ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
      NDArray z = in.singletonOrThrow();
      NDArray h = run(fc, ps, z, training).reshape(z.getShape().get(0), 64, 7, 7);
      h = Nonlinearity.RELU.apply(run(deconv1, ps, h, training)); // [b, 32, 14, 14]
      return new NDList(run(deconv2, ps, h, training)); // [b, 1, 28, 28]
    }

    @Override
    protected void initializeChildBlocks(NDManager m, DataType t, Shape... shapes) {
      long b = shapes[0].get(0);
      fc.initialize(m, t, shapes[0]);
      deconv1.initialize(m, t, new Shape(b, 64, 7, 7));
      deconv2.initialize(m, t, new Shape(b, 32, 14, 14));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] shapes) {
      return new Shape[] {new Shape(shapes[0].get(0), 1, 28, 28)};
    }
  }

  private static final class DcganEncoder extends CourseBlock {
    private final List<Conv2d> convs = new ArrayList<>();
    private final List<BatchNorm> norms = new ArrayList<>();
    private final int latentDim;
    private final int hidden;

    DcganEncoder(int latentDim, int hidden) {
      super((byte) 1);
      this.latentDim = latentDim;
      this.hidden = hidden;
      int[] channels = {hidden, 2 * hidden, 2 * latentDim};
      for (int i = 0; i < channels.length; i++) {
        convs.add(addChildBlock("conv" + i, conv(channels[i], 4, 2, 0)));
        if (i + 1 < channels.length) {
          norms.add(addChildBlock("norm" + i, BatchNorm.builder().build()));
        }
      }
    }

    @Override
    protected NDList forwardInternal(
        ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
      NDArray h = images(in.singletonOrThrow());
      for (int i = 0; i < convs.size(); i++) {
        h = run(convs.get(i), ps, h, training);
        if (i < norms.size()) {
          // Convolution, batch norm, leaky ReLU: 28 -> 13 -> 5 -> 1 pixels.
          h = Nonlinearity.LEAKY_RELU.apply(run(norms.get(i), ps, h, training));
        }
      }
      return new NDList(h.reshape(h.getShape().get(0), 2L * latentDim));
    }

    @Override
    protected void initializeChildBlocks(NDManager m, DataType t, Shape... shapes) {
      Shape s = new Shape(shapes[0].get(0), 1, 28, 28);
      for (int i = 0; i < convs.size(); i++) {
        convs.get(i).initialize(m, t, s);
        s = convs.get(i).getOutputShapes(new Shape[] {s})[0];
        if (i < norms.size()) {
          norms.get(i).initialize(m, t, s);
        }
      }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] shapes) {
      return new Shape[] {new Shape(shapes[0].get(0), 2L * latentDim)};
    }

    @Override
    public String toString() {
      return "DcganEncoder(hidden=" + hidden + ", latentDim=" + latentDim + ")";
    }
  }

  private static final class DcganDecoder extends CourseBlock {
    private final List<TransposedConv2d> deconvs = new ArrayList<>();
    private final List<BatchNorm> norms = new ArrayList<>();
    private final int latentDim;

    DcganDecoder(int latentDim, int hidden) {
      super((byte) 1);
      this.latentDim = latentDim;
      int[][] layers = {{4 * hidden, 3, 2}, {2 * hidden, 4, 1}, {hidden, 3, 2}, {1, 4, 2}};
      for (int i = 0; i < layers.length; i++) {
        deconvs.add(
            addChildBlock("deconv" + i, deconv(layers[i][0], layers[i][1], layers[i][2], 0)));
        if (i + 1 < layers.length) {
          norms.add(addChildBlock("norm" + i, BatchNorm.builder().build()));
        }
      }
    }

    @Override
    protected NDList forwardInternal(
        ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
      NDArray z = in.singletonOrThrow();
      NDArray h = z.reshape(z.getShape().get(0), latentDim, 1, 1);
      for (int i = 0; i < deconvs.size(); i++) {
        h = run(deconvs.get(i), ps, h, training);
        if (i < norms.size()) {
          // 1 -> 3 -> 6 -> 13 -> 28 pixels.
          h = Nonlinearity.RELU.apply(run(norms.get(i), ps, h, training));
        }
      }
      return new NDList(h);
    }

    @Override
    protected void initializeChildBlocks(NDManager m, DataType t, Shape... shapes) {
      Shape s = new Shape(shapes[0].get(0), latentDim, 1, 1);
      for (int i = 0; i < deconvs.size(); i++) {
        deconvs.get(i).initialize(m, t, s);
        s = deconvs.get(i).getOutputShapes(new Shape[] {s})[0];
        if (i < norms.size()) {
          norms.get(i).initialize(m, t, s);
        }
      }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] shapes) {
      return new Shape[] {new Shape(shapes[0].get(0), 1, 28, 28)};
    }
  }
}
