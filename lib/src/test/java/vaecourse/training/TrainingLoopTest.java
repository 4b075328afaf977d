package vaecourse.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;
import vaecourse.data.ArraySource;
import vaecourse.data.Batches;

class TrainingLoopTest {

  private static final float EXACT = 0f;

  @TempDir Path dir;

  @Test
  void earlyStoppingFollowsAScriptedLossSequence() {
    double[] losses = {5, 4, 3, 3.5, 3.2, 2.9, 3.0, 3.1, 2.95, 1.0};
    EarlyStopping stopping = EarlyStopping.of(3);
    int stoppedAt = -1;
    List<Integer> improvements = new ArrayList<>();
    for (int e = 1; e <= losses.length; e++) {
      if (stopping.update(e, losses[e - 1])) {
        improvements.add(e);
      }
      if (stopping.shouldStop()) {
        stoppedAt = e;
        break;
      }
    }
    assertEquals(List.of(1, 2, 3, 6), improvements);
    assertEquals(9, stoppedAt);
    assertEquals(6, stopping.bestEpoch());
    assertEquals(2.9, stopping.best(), 0);
  }

  @Test
  void earlyStoppingMinDeltaIgnoresTinyImprovements() {
    EarlyStopping stopping = EarlyStopping.of(2, 0.1);
    assertTrue(stopping.update(1, 1.0));
    assertFalse(stopping.update(2, 0.95));
    assertFalse(stopping.update(3, 0.91));
    assertTrue(stopping.shouldStop());
    assertEquals(
        "patience must be >= 1 but was 0",
        assertThrows(IllegalArgumentException.class, () -> EarlyStopping.of(0)).getMessage());
  }

  @Test
  void lossFallsOnALearnableProblem() {
    try (NDManager m = NDManager.newBaseManager()) {
      TinyAutoencoder model = new TinyAutoencoder(m, 1);
      History h =
          TrainingLoop.builder(model)
              .setTrainData(Batches.of(TinyAutoencoder.data(256, 2), 32).shuffled(3))
              .optEpochs(15)
              .optLearningRate(1e-2f)
              .optProgress(false)
              .build()
              .fit();
      assertEquals(15, h.size());
      assertTrue(
          h.last().trainLoss() < 0.3 * h.epochs().get(0).trainLoss(),
          "loss should fall to under 30%: " + h);
      Table table = h.toTable();
      assertEquals(15, table.rowCount());
      assertEquals(List.of("epoch", "train", "validation", "seconds", "best"), table.columnNames());
    }
  }

  @Test
  void seededRunsRepeatExactly() {
    float[] first = trainAndPredict(11);
    float[] second = trainAndPredict(11);
    assertArrayEquals(first, second, EXACT);
  }

  private float[] trainAndPredict(long seed) {
    try (NDManager m = NDManager.newBaseManager()) {
      TinyAutoencoder model = new TinyAutoencoder(m, seed);
      TrainingLoop.builder(model)
          .setTrainData(Batches.of(TinyAutoencoder.data(64, 2), 16).shuffled(seed))
          .optEpochs(3)
          .optProgress(false)
          .build()
          .fit();
      return predict(model.block, m);
    }
  }

  private static float[] predict(Block block, NDManager m) {
    NDArray probe = TinyAutoencoder.data(4, 99).rows(m, new int[] {0, 1, 2, 3});
    return block
        .forward(new ParameterStore(), new NDList(probe), false)
        .singletonOrThrow()
        .toFloatArray();
  }

  /** Training loss is real; validation loss follows a script, one value per epoch. */
  private static final class ScriptedValidation implements Objective {
    final TinyAutoencoder inner;
    final double[] script;
    int epoch;

    ScriptedValidation(TinyAutoencoder inner, double... script) {
      this.inner = inner;
      this.script = script;
    }

    @Override
    public Block block() {
      return inner.block();
    }

    @Override
    public NDArray loss(NDArray x, boolean training) {
      if (training) {
        return inner.loss(x, true);
      }
      return x.getManager().create((float) script[epoch++]);
    }
  }

  @Test
  void earlyStoppingRestoresTheBestEpochsParameters() {
    try (NDManager m = NDManager.newBaseManager()) {
      TinyAutoencoder model = new TinyAutoencoder(m, 4);
      ScriptedValidation objective =
          new ScriptedValidation(model, 9, 8, 7, 7.5, 6.5, 6.6, 6.7, 6.8, 1, 1);
      List<float[]> predictions = new ArrayList<>();
      ArraySource data = TinyAutoencoder.data(64, 5);
      Path checkpoint = dir.resolve("best.params");
      History h =
          TrainingLoop.builder(objective)
              .setTrainData(Batches.of(data, 16).shuffled(1))
              .optValidationData(Batches.of(data, 64))
              .optEpochs(10)
              .optPatience(3)
              .optCheckpoint(checkpoint)
              .optProgress(false)
              .optOnEpoch(e -> predictions.add(predict(model.block, m)))
              .build()
              .fit();
      // Best at epoch 5 (6.5); epochs 6, 7, 8 do not improve: stop after epoch 8.
      assertEquals(8, h.size());
      assertEquals(5, h.best().epoch());
      assertTrue(h.stopReason().startsWith("early stopping"), h.stopReason());
      assertTrue(h.epochs().get(4).best());
      assertFalse(h.epochs().get(5).best());
      assertArrayEquals(predictions.get(4), predict(model.block, m), EXACT);
      assertTrue(java.nio.file.Files.isRegularFile(checkpoint));
    }
  }

  @Test
  void checkpointRoundTripGivesIdenticalOutputs() {
    try (NDManager m = NDManager.newBaseManager()) {
      TinyAutoencoder model = new TinyAutoencoder(m, 6);
      Path file = dir.resolve("sub/model.params");
      Checkpoint.save(model.block, file);
      float[] before = predict(model.block, m);
      TrainingLoop.builder(model)
          .setTrainData(Batches.of(TinyAutoencoder.data(64, 7), 16))
          .optProgress(false)
          .build()
          .fit();
      float[] trained = predict(model.block, m);
      assertFalse(java.util.Arrays.equals(before, trained), "training should change outputs");
      Checkpoint.load(model.block, file);
      assertArrayEquals(before, predict(model.block, m), EXACT);
      // The loaded values must own their memory: free the buffers they were read from, then
      // let new direct buffers of the same sizes reuse (and overwrite) that memory.
      churnDirectMemory();
      assertArrayEquals(before, predict(model.block, m), EXACT);
      // A fresh model of the same architecture loads the same parameters.
      TinyAutoencoder other = new TinyAutoencoder(m, 123);
      Checkpoint.load(other.block, file);
      assertArrayEquals(before, predict(other.block, m), EXACT);
    }
  }

  private static void churnDirectMemory() {
    List<java.nio.ByteBuffer> keep = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      for (int size = 16; size <= 4096; size += 16) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocateDirect(size);
        while (b.hasRemaining()) {
          b.put((byte) 0x7f);
        }
        keep.add(b);
      }
    }
  }

  @Test
  void checkpointOfAnotherArchitectureIsRejectedWithNames() {
    try (NDManager m = NDManager.newBaseManager()) {
      Path file = dir.resolve("small.params");
      Checkpoint.save(new TinyAutoencoder(m, 1).block, file);
      TinyAutoencoder wider = new TinyAutoencoder(m, 1, TinyAutoencoder.DIM, 5);
      java.io.UncheckedIOException e =
          assertThrows(
              java.io.UncheckedIOException.class, () -> Checkpoint.load(wider.block, file));
      assertTrue(
          e.getMessage().contains("(4, 8)") && e.getMessage().contains("(5, 8)"), e.getMessage());
      assertTrue(e.getMessage().contains("a different model?"), e.getMessage());
    }
  }

  @Test
  void nanLossStopsTrainingWithEpochAndStep() {
    try (NDManager m = NDManager.newBaseManager()) {
      TinyAutoencoder model = new TinyAutoencoder(m, 8);
      int[] calls = {0};
      Objective poisoned =
          new Objective() {
            @Override
            public Block block() {
              return model.block();
            }

            @Override
            public NDArray loss(NDArray x, boolean training) {
              NDArray loss = model.loss(x, training);
              return ++calls[0] == 7 ? loss.mul(Float.NaN) : loss;
            }
          };
      TrainingLoop loop =
          TrainingLoop.builder(poisoned)
              .setTrainData(Batches.of(TinyAutoencoder.data(64, 9), 16))
              .optEpochs(5)
              .optProgress(false)
              .build();
      NonFiniteLossException e = assertThrows(NonFiniteLossException.class, loop::fit);
      // 4 steps per epoch: the 7th call is epoch 2, step 3.
      assertEquals(2, e.epoch());
      assertEquals(3, e.step());
      assertTrue(e.getMessage().startsWith("loss is NaN at epoch 2, step 3 of 4"), e.getMessage());
      assertEquals(1, e.history().size());
      for (float v : predict(model.block, m)) {
        assertTrue(Float.isFinite(v), "parameters must not have been updated with NaN");
      }
    }
  }

  @Test
  void recipeFollowsTheAssignment() {
    try (NDManager m = NDManager.newBaseManager()) {
      TinyAutoencoder model = new TinyAutoencoder(m, 1);
      vaecourse.data.ImageData images = vaecourse.data.ImageDataTest.ramp(120);
      TrainingLoop loop =
          TrainingLoop.recipe(model, images.splitRecipe()).optProgress(false).build();
      assertEquals(1e-3f, loop.learningRate());
      assertTrue(loop.checkpoint() != null, "the recipe keeps a best-model checkpoint");
    }
  }

  @Test
  void builderNamesBadSettings() {
    try (NDManager m = NDManager.newBaseManager()) {
      TinyAutoencoder model = new TinyAutoencoder(m, 1);
      Batches data = Batches.of(TinyAutoencoder.data(8, 1), 4);
      assertEquals(
          "patience 5 needs validation data: call optValidationData(...)",
          assertThrows(
                  IllegalArgumentException.class,
                  () -> TrainingLoop.builder(model).setTrainData(data).optPatience(5).build())
              .getMessage());
      TrainingLoop loop = TrainingLoop.builder(model).setTrainData(data).build();
      assertEquals(
          "learning rate must be a positive finite number but was -1.0",
          assertThrows(IllegalArgumentException.class, () -> loop.setLearningRate(-1f))
              .getMessage());
      loop.setLearningRate(5e-4f);
      assertEquals(5e-4f, loop.learningRate());
    }
  }
}
