package vaecourse.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ThreadChoiceTest {

  private int original;

  @BeforeEach
  void remember() {
    Engine.getInstance(); // loads the natives
    original = JniUtils.getNumThreads();
  }

  @AfterEach
  void putBack() {
    JniUtils.setNumThreads(original);
  }

  /** Runs the trial steps with the given step times at 2 threads and at 1 thread. */
  private static ThreadChoice trial(long nanosAtTwo, long nanosAtOne) {
    ThreadChoice choice = new ThreadChoice(2);
    for (long step = 1; step <= ThreadChoice.STEPS; step++) {
      choice.beforeStep(step);
      if (step >= 2) {
        assertEquals(step % 2 == 0 ? 2 : 1, JniUtils.getNumThreads(), "threads at step " + step);
      }
      choice.afterStep(step, step == 1 ? 1 : step % 2 == 0 ? nanosAtTwo : nanosAtOne);
    }
    choice.beforeStep(ThreadChoice.STEPS + 1);
    return choice;
  }

  @Test
  void keepsOneThreadWhenItsStepsAreFaster() {
    ThreadChoice choice = trial(10_000_000, 6_000_000);
    assertEquals(1, choice.chosen());
    assertEquals(1, JniUtils.getNumThreads());
    choice.restore();
    assertEquals(2, JniUtils.getNumThreads());
  }

  @Test
  void keepsTheConfiguredCountWhenItIsFasterOrOneThreadWinsByLessThanFivePercent() {
    assertEquals(2, trial(6_000_000, 10_000_000).chosen());
    assertEquals(2, JniUtils.getNumThreads());
    assertEquals(2, trial(10_000_000, 9_700_000).chosen());
  }

  @Test
  void makesNoChoiceForAFirstEpochShorterThanTheTrial() {
    assertNull(ThreadChoice.forRun(ThreadChoice.STEPS - 1));
  }
}
