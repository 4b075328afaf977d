package vaecourse.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import vaecourse.flows.Flow;
import vaecourse.flows.FlowSequence;
import vaecourse.flows.NormalizingFlow;
import vaecourse.priors.FlowPrior;
import vaecourse.priors.LaplacePrior;
import vaecourse.priors.MixtureOfGaussiansPrior;
import vaecourse.priors.Prior;

/** Repeated evaluation must not grow the manager that owns the parameters. */
class MemoryTest {

  private static final int STEPS = 30;

  @Test
  void priorsAndFlowsLeaveNothingOnTheParameterManager() {
    Engine.getInstance().setRandomSeed(401);
    try (NDManager params = NDManager.newBaseManager();
        NDManager data = NDManager.newBaseManager()) {
      List<Prior> priors =
          List.of(
              MixtureOfGaussiansPrior.of(2, 3),
              LaplacePrior.learnable(2, 1),
              FlowPrior.realNvp(2, 2, 8));
      for (Prior p : priors) {
        p.block().initialize(params, DataType.FLOAT32, new Shape(1, 2));
      }
      Flow planar = FlowSequence.planar(2, 2).initialize(params, DataType.FLOAT32);
      Flow nice = FlowSequence.nice(2, 2, 8).initialize(params, DataType.FLOAT32);
      int before = params.getManagedArrays().size();
      for (int i = 0; i < STEPS; i++) {
        try (NDManager step = data.newSubManager()) {
          NDArray z = step.randomNormal(new Shape(4, 2));
          for (Prior p : priors) {
            p.logProb(z);
            p.sample(step, 3);
          }
          planar.forward(z);
          nice.inverse(nice.forward(z).value());
          NormalizingFlow.of(planar).rsampleWithLogProb(step, 3);
        }
      }
      assertEquals(before, params.getManagedArrays().size());
      assertEquals(0, data.getManagedArrays().size());
    }
  }
}
