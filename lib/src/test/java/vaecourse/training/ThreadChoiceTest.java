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
    JniUtils.setNumThreads(2);
    for (long step = 1; step <= ThreadChoice.LAST; step++) {
      choice.beforeStep(step);
      long inTrial = step - ThreadChoice.FIRST;
      boolean onOne = inTrial >= 0 && inTrial / ThreadChoice.BLOCK % 2 == 0;
      assertEquals(onOne ? 1 : 2, JniUtils.getNumThreads(), "threads at step " + step);
      // Warm-up steps, and the first after each switch, are timed as instant: counted, they would
      // decide the choice.
      boolean timed = inTrial >= 0 && inTrial % ThreadChoice.BLOCK != 0;
      // One slow outlier per count must not decide it either.
      long outlier = inTrial == 2 || inTrial == 8 ? 100 : 1;
      choice.afterStep(step, !timed ? 1 : outlier * (onOne ? nanosAtOne : nanosAtTwo));
    }
    choice.beforeStep(ThreadChoice.LAST + 1);
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
  void makesNoChoiceForARunShorterThanTwiceTheTrial() {
    assertNull(ThreadChoice.forRun(2L * ThreadChoice.LAST - 1));
  }
}
