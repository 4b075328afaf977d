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
    int[][] configs = {{3, 2, 1}, {4, 2, 1}, {4, 1, 0}, {3, 2, 0}, {4, 2, 0}};
    Engine.getInstance().setRandomSeed(77);
    for (int[] cfg : configs) {
      int k = cfg[0];
      int s = cfg[1];
      int p = cfg[2];
      try (NDManager m = NDManager.newBaseManager()) {
        int inC = 2;
        int outC = 3;
        int h = 3;
        int w = 4;
        TransposedConv2d layer = TransposedConv2d.of(outC, k, s, p);
        layer.initialize(m, DataType.FLOAT64, new Shape(1, inC, h, w));
        NDArray bias = layer.getParameters().get("bias").getArray();
        bias.addi(m.randomNormal(0f, 1f, bias.getShape(), DataType.FLOAT64));
        NDArray x = m.randomNormal(0f, 1f, new Shape(1, inC, h, w), DataType.FLOAT64);
        NDArray y = layer.forward(new ParameterStore(m, false), new NDList(x), false)
            .singletonOrThrow();
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
        assertArrayEquals(expected, y.toDoubleArray(), DOUBLE_TOL, "k=" + k + " s=" + s
            + " p=" + p);
      }
    }
  }

  @Test
  void rejectsPaddingBeyondTheKernel() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TransposedConv2d.of(4, 3, 2, 3));
    assertEquals("padding must be in [0, kernel - 1] = [0, 2], but was 3", e.getMessage());
  }
}
