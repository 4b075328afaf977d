package vaecourse.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;

/** Seed 004's Gaussian likelihood: sigmoid or identity mean, learned variance, N(0, 0.01) init. */
class GaussianDecoderTest {

  @Test
  void logLikelihoodIsTheDiagonalGaussianWithTheChosenMean() {
    try (NDManager m = NDManager.newBaseManager()) {
      for (Nonlinearity f : new Nonlinearity[] {Nonlinearity.SIGMOID, Nonlinearity.IDENTITY}) {
        GaussianDecoder dec =
            GaussianDecoder.builder()
                .setNetwork(Mlp.builder().setInputDim(1).setOutputDim(2).build())
                .setLatentDim(1)
                .setDataShape(2)
                .optMeanActivation(f)
                .optInitialLogVar(Math.log(0.25))
                .build();
        dec.initialize(m, DataType.FLOAT32, new Shape(1, 1));
        for (Pair<String, Parameter> p : dec.getParameters()) {
          if (p.getKey().endsWith("weight")) {
            p.getValue().getArray().set(new float[] {1, -2});
          } else if (p.getKey().endsWith("bias")) {
            p.getValue().getArray().set(new float[] {0, 1});
          }
        }
        // z = 0.5: network output (0.5, 0); mean = f(.); sigma^2 = 0.25 in both pixels.
        NDList params =
            dec.decode(
                new ParameterStore(m, false), m.create(new float[] {0.5f}, new Shape(1, 1)), false);
        double a0 = f == Nonlinearity.SIGMOID ? 1 / (1 + Math.exp(-0.5)) : 0.5;
        double a1 = f == Nonlinearity.SIGMOID ? 0.5 : 0;
        double x0 = 0.9;
        double x1 = 0.2;
        double want =
            -Math.log(2 * Math.PI * 0.25)
                - ((x0 - a0) * (x0 - a0) + (x1 - a1) * (x1 - a1)) / (2 * 0.25);
        NDArray x = m.create(new float[] {(float) x0, (float) x1}, new Shape(1, 2));
        assertEquals(want, dec.logLikelihood(x, params).getFloat(0), 1e-5, f.toString());
      }
    }
  }

  @Test
  void seed004InitializationDrawsWeightsWithStandardDeviationPointOneAndZeroBiases() {
    Engine.getInstance().setRandomSeed(801);
    try (NDManager m = NDManager.newBaseManager()) {
      GaussianDecoder dec = GaussianDecoder.mlp(2, 512, 784, GaussianDecoder.SEED_004_WEIGHT_STD);
      dec.initialize(m, DataType.FLOAT32, new Shape(1, 2));
      for (Pair<String, Parameter> p : dec.getParameters()) {
        NDArray a = p.getValue().getArray();
        if (p.getKey().endsWith("weight")) {
          double sd = Math.sqrt(a.square().mean().getFloat());
          // 401,408 and 1,024 draws: the sample std is within 3% of 0.1 for both.
          assertEquals(0.1, sd, 0.003, p.getKey());
        } else if (p.getKey().endsWith("bias")) {
          assertEquals(0, a.abs().max().getFloat(), 0, p.getKey());
        } else {
          // The learned log-variance starts at 0 (sigma_x = 1).
          assertEquals(0, a.abs().max().getFloat(), 0, p.getKey());
        }
      }
      assertThrows(
          IllegalArgumentException.class,
          () ->
              GaussianDecoder.builder()
                  .setNetwork(Mlp.builder().setInputDim(1).setOutputDim(2).build())
                  .setLatentDim(1)
                  .setDataShape(2)
                  .optMeanActivation(null)
                  .build());
    }
  }
}
