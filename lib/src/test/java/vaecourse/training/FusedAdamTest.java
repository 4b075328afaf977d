package vaecourse.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.List;
import org.junit.jupiter.api.Test;

class FusedAdamTest {

  /**
   * Three steps on \( f(\theta) = \sum_i c_i \theta_i^2 \) (gradient \( 2 c_i \theta_i \)) against
   * DJL's Adam written out in doubles, with weight decay and a learning rate that changes between
   * steps; the gradients are zero after each step.
   */
  @Test
  void threeStepsMatchAdamWrittenOut() {
    double[] theta = {1.5, -0.25, 3.0, 0.0};
    double[] c = {1.0, 4.0, 0.5, 2.0};
    double[] lrs = {0.1, 0.1, 0.05};
    double decay = 0.01;
    double[] m = new double[theta.length];
    double[] v = new double[theta.length];
    double[] expected = theta.clone();
    for (int t = 1; t <= lrs.length; t++) {
      for (int i = 0; i < theta.length; i++) {
        double g = 2 * c[i] * expected[i] + decay * expected[i];
        m[i] = FusedAdam.BETA1 * m[i] + (1 - FusedAdam.BETA1) * g;
        v[i] = FusedAdam.BETA2 * v[i] + (1 - FusedAdam.BETA2) * g * g;
        // The step takes the rate as a float, as the training loop holds it.
        double lr = (float) lrs[t - 1];
        double rate =
            lr * Math.sqrt(1 - Math.pow(FusedAdam.BETA2, t)) / (1 - Math.pow(FusedAdam.BETA1, t));
        expected[i] -= rate * m[i] / (Math.sqrt(v[i]) + FusedAdam.EPS);
      }
    }
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray w = manager.create(theta);
      NDArray coefficients = manager.create(c);
      w.setRequiresGradient(true);
      Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
      p.setArray(w);
      FusedAdam adam = FusedAdam.tryCreate(List.of(p), decay);
      assertNotNull(adam, "the PyTorch natives have no fused Adam kernel");
      for (double lr : lrs) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          collector.backward(w.square().mul(coefficients).sum());
        }
        adam.step((float) lr);
        assertArrayEquals(new double[theta.length], w.getGradient().toDoubleArray(), 0.0);
      }
      assertEquals(DataType.FLOAT64, w.getDataType());
      assertEquals(new Shape(4), w.getShape());
      assertArrayEquals(expected, w.toDoubleArray(), 1e-12);
      // The first step moves a coordinate by about the learning rate, against its gradient.
      assertEquals(-0.25 + 0.1 + 0.1 + 0.05, expected[1], 0.05);
    }
  }

  /** Five float steps of a 1,000-weight problem agree with DJL's Adam, which it replaces. */
  @Test
  void followsDjlsAdamStepForStep() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(11);
      NDArray start = manager.randomNormal(new Shape(10, 100));
      NDArray c = manager.randomUniform(0f, 3f, new Shape(10, 100));
      NDArray fusedWeights = start.duplicate();
      NDArray djlWeights = start.duplicate();
      Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
      fusedWeights.setRequiresGradient(true);
      djlWeights.setRequiresGradient(true);
      p.setArray(fusedWeights);
      FusedAdam fused = FusedAdam.tryCreate(List.of(p), 0.001);
      Optimizer djl =
          Optimizer.adam()
              .optLearningRateTracker(Tracker.fixed(0.01f))
              .optWeightDecays(0.001f)
              .build();
      for (int step = 0; step < 5; step++) {
        for (NDArray w : new NDArray[] {fusedWeights, djlWeights}) {
          try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(w.square().mul(c).sum());
          }
        }
        fused.step(0.01f);
        try (NDArray g = djlWeights.getGradient()) {
          djl.update("w", djlWeights, g);
        }
        djlWeights.getGradient().subi(djlWeights.getGradient());
      }
      assertEquals(0.05, start.sub(djlWeights).abs().mean().getFloat(), 0.01);
      assertArrayEquals(djlWeights.toFloatArray(), fusedWeights.toFloatArray(), 1e-6f);
    }
  }

  /**
   * A weight whose gradient is 0 after its first step keeps moments that shrink geometrically: 700
   * steps later the first would be 0.2 * 0.9^699, about 2e-33 and on its way below float32's normal
   * range; the flush has set it to 0 instead, while the weight stays where it stopped.
   */
  @Test
  void momentsOfAWeightWithoutGradientAreFlushedToZeroNotLeftDenormal() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray w = manager.create(new float[] {1f, -2f});
      w.setRequiresGradient(true);
      Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
      p.setArray(w);
      FusedAdam adam = FusedAdam.tryCreate(List.of(p), 0);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        collector.backward(w.square().sum());
      }
      adam.step(0.01f);
      float[] afterFirst = w.toFloatArray();
      assertArrayEquals(new float[] {0.99f, -1.99f}, afterFirst, 1e-6f);
      for (int step = 2; step <= 700; step++) {
        adam.step(0.01f);
      }
      double[][] moments = adam.moments(0);
      assertArrayEquals(new double[] {0, 0}, moments[0], 0.0);
      // The second moment shrinks by 0.999 a step: 1e-3 * 4 * 0.999^699 is still 2e-3, kept.
      assertEquals(4e-3 * Math.pow(0.999, 699), moments[1][0], 1e-6);
      // Moving by m / sqrt(v) with m near 0: the weight barely moved after its first step.
      assertArrayEquals(afterFirst, w.toFloatArray(), 0.2f);
    }
  }
}
