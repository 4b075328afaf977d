package vaecourse.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;
import vaecourse.vae.Vae;

class CourseBlockTest {

  private static final double FLOAT_TOL = 1e-5;

  /** DJL's own rule: every parameter of the subtree holds an array. */
  private static boolean djlInitialized(Block block) {
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (!p.getValue().isInitialized()) {
        return false;
      }
    }
    return true;
  }

  @Test
  void initializedAgreesWithDjlBeforeAfterAndWhenOneDeepParameterIsClosed() {
    try (NDManager m = NDManager.newBaseManager()) {
      GaussianEncoder encoder = GaussianEncoder.mlp(6, 5, 2);
      GaussianEncoder conv = GaussianEncoder.conv(3);
      assertFalse(encoder.isInitialized());
      assertFalse(djlInitialized(encoder));
      assertFalse(conv.isInitialized());
      conv.initialize(m, DataType.FLOAT32, new Shape(2, 1, 28, 28));
      assertTrue(conv.isInitialized());

      // The builder initializes the whole model.
      Vae vae = Vae.builder().setEncoder(encoder).setDecoder(BernoulliDecoder.mlp(2, 5, 6)).build();
      assertTrue(vae.isInitialized());
      assertTrue(djlInitialized(vae));

      // The decoder network's last bias, three levels down.
      var params = vae.getParameters();
      Parameter last = params.valueAt(params.size() - 1);
      assertEquals(Parameter.Type.BIAS, last.getType(), params.keyAt(params.size() - 1));
      last.close();
      assertFalse(vae.isInitialized());
      assertFalse(djlInitialized(vae));
      vae.close();
    }
  }

  @Test
  void mlpForwardIsReluOfTheLinearLayersInBothModes() {
    Engine.getInstance().setRandomSeed(11);
    try (NDManager m = NDManager.newBaseManager()) {
      Mlp mlp = Mlp.builder().setInputDim(3).optHiddenDims(4).setOutputDim(2).build();
      mlp.initialize(m, DataType.FLOAT32, new Shape(5, 3));
      NDArray x = m.randomNormal(new Shape(5, 3));
      var p = mlp.getParameters();
      // In order: the first layer's weight and bias, then the second's.
      assertEquals(4, p.size());
      NDArray w0 = p.valueAt(0).getArray();
      NDArray b0 = p.valueAt(1).getArray();
      NDArray w1 = p.valueAt(2).getArray();
      NDArray b1 = p.valueAt(3).getArray();
      float[] expected =
          x.matMul(w0.transpose()).add(b0).maximum(0).matMul(w1.transpose()).add(b1).toFloatArray();
      for (boolean training : new boolean[] {false, true}) {
        NDArray y =
            mlp.forward(new ParameterStore(m, false), new NDList(x), training).singletonOrThrow();
        assertEquals(new Shape(5, 2), y.getShape());
        assertArrayEquals(expected, y.toFloatArray(), (float) FLOAT_TOL, "training " + training);
      }
    }
  }

  @Test
  void aTrainingForwardStillInitializesAnUninitializedMlp() {
    try (NDManager m = NDManager.newBaseManager()) {
      Mlp mlp = Mlp.builder().setInputDim(3).optHiddenDims(4).setOutputDim(2).build();
      NDArray y =
          mlp.forward(new ParameterStore(m, false), new NDList(m.ones(new Shape(5, 3))), true)
              .singletonOrThrow();
      assertTrue(mlp.isInitialized());
      assertEquals(new Shape(5, 2), y.getShape());
    }
  }
}
