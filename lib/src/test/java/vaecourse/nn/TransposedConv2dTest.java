package vaecourse.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class TransposedConv2dTest {

  private static final double DOUBLE_TOL = 1e-12;

  /**
   * Compares with the definition of PyTorch's ConvTranspose2d written as loops: every input pixel
   * (i, j) scatters {@code x[c, i, j] * Wt[c, o, a, b]} to output pixel (i s - p + a, j s - p + b),
   * where {@code Wt[c, o, a, b] = W[o, c, k-1-a, k-1-b]} relates the two kernel layouts.
   */
  @Test
  void matchesTheScatterDefinition() {
    // {kernel, stride, padding, height, width}: the course's layers, odd and even output sizes,
    // a 1x1 input (the DCGAN decoder's first layer), stride 3 and a stride above the kernel.
    int[][] configs = {
      {3, 2, 1, 3, 4}, {4, 2, 1, 3, 4}, {4, 1, 0, 3, 4}, {3, 2, 0, 3, 4}, {4, 2, 0, 3, 4},
      {3, 2, 0, 1, 1}, {4, 2, 1, 1, 2}, {5, 3, 1, 2, 3}, {2, 3, 0, 2, 2}, {4, 2, 3, 4, 3}
    };
    Engine.getInstance().setRandomSeed(77);
    for (int[] cfg : configs) {
      int k = cfg[0];
      int s = cfg[1];
      int p = cfg[2];
      try (NDManager m = NDManager.newBaseManager()) {
        int inC = 2;
        int outC = 3;
        int h = cfg[3];
        int w = cfg[4];
        TransposedConv2d layer = TransposedConv2d.of(outC, k, s, p);
        layer.initialize(m, DataType.FLOAT64, new Shape(1, inC, h, w));
        NDArray bias = layer.getParameters().get("bias").getArray();
        bias.addi(m.randomNormal(0f, 1f, bias.getShape(), DataType.FLOAT64));
        NDArray x = m.randomNormal(0f, 1f, new Shape(1, inC, h, w), DataType.FLOAT64);
        NDArray y =
            layer.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
        int oh = (h - 1) * s - 2 * p + k;
        int ow = (w - 1) * s - 2 * p + k;
        assertEquals(new Shape(1, outC, oh, ow), y.getShape());
        double[] wt = layer.getParameters().get("weight").getArray().toDoubleArray();
        double[] xs = x.toDoubleArray();
        double[] bs = bias.toDoubleArray();
        double[] expected = new double[outC * oh * ow];
        for (int o = 0; o < outC; o++) {
          for (int r = 0; r < oh * ow; r++) {
            expected[o * oh * ow + r] = bs[o];
          }
        }
        for (int c = 0; c < inC; c++) {
          for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
              for (int o = 0; o < outC; o++) {
                for (int a = 0; a < k; a++) {
                  for (int b = 0; b < k; b++) {
                    int yy = i * s - p + a;
                    int xx = j * s - p + b;
                    if (yy < 0 || yy >= oh || xx < 0 || xx >= ow) {
                      continue;
                    }
                    double kernel = wt[((o * inC + c) * k + (k - 1 - a)) * k + (k - 1 - b)];
                    expected[(o * oh + yy) * ow + xx] += xs[(c * h + i) * w + j] * kernel;
                  }
                }
              }
            }
          }
        }
        assertArrayEquals(
            expected, y.toDoubleArray(), DOUBLE_TOL, "k=" + k + " s=" + s + " p=" + p);
      }
    }
  }

  /**
   * The gradient of {@code sum(y * g)} with respect to the input, the kernel and the bias against
   * central finite differences, for a stride-2 layer with an odd output size (one convolution per
   * phase) and for the course's 4x4 stride-2 layer (all phases in one convolution).
   */
  @Test
  void gradientsMatchFiniteDifferences() {
    gradientsMatch(3, 0, 7);
    gradientsMatch(4, 1, 6);
  }

  private static void gradientsMatch(int kernel, int padding, int outSize) {
    Engine.getInstance().setRandomSeed(78);
    try (NDManager m = NDManager.newBaseManager()) {
      TransposedConv2d layer = TransposedConv2d.of(2, kernel, 2, padding);
      layer.initialize(m, DataType.FLOAT64, new Shape(2, 2, 3, 3));
      NDArray x = m.randomNormal(0f, 1f, new Shape(2, 2, 3, 3), DataType.FLOAT64);
      NDArray g = m.randomNormal(0f, 1f, new Shape(2, 2, outSize, outSize), DataType.FLOAT64);
      NDArray weight = layer.getParameters().get("weight").getArray();
      NDArray bias = layer.getParameters().get("bias").getArray();
      x.setRequiresGradient(true);
      try (ai.djl.training.GradientCollector c = Engine.getInstance().newGradientCollector()) {
        NDArray y = layer.forward(new ParameterStore(m, false), new NDList(x), true).head();
        c.backward(y.mul(g).sum());
      }
      for (NDArray a : new NDArray[] {x, weight, bias}) {
        double[] analytic = a.getGradient().toDoubleArray();
        double[] values = a.toDoubleArray();
        for (int i = 0; i < values.length; i += 3) {
          double[] plus = values.clone();
          double[] minus = values.clone();
          plus[i] += 1e-6;
          minus[i] -= 1e-6;
          a.set(plus);
          double up = objective(layer, m, x, g);
          a.set(minus);
          double down = objective(layer, m, x, g);
          a.set(values);
          assertEquals(
              (up - down) / 2e-6, analytic[i], 1e-6, "k=" + kernel + ", gradient entry " + i);
        }
      }
    }
  }

  private static double objective(TransposedConv2d layer, NDManager m, NDArray x, NDArray g) {
    NDArray y = layer.forward(new ParameterStore(m, false), new NDList(x), false).head();
    return y.mul(g).sum().getDouble();
  }

  @Test
  void rejectsPaddingBeyondTheKernel() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TransposedConv2d.of(4, 3, 2, 3));
    assertEquals("padding must be in [0, kernel - 1] = [0, 2], but was 3", e.getMessage());
  }
}
