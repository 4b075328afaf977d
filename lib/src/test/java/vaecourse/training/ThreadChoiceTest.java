package vaecourse.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.function.LongUnaryOperator;
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

  /** How long a timed trial step takes, by its place in the trial and its thread count. */
  private interface StepTime {
    long nanos(long inTrial, boolean onOne);
  }

  /**
   * Runs steps with the given trial step times until the trial has decided, the compiler's total
   * time after each step given by {@code compiled} (of the step count).
   */
  private static ThreadChoice trial(StepTime time, long totalSteps, LongUnaryOperator compiled) {
    long[] now = {0};
    ThreadChoice choice = new ThreadChoice(2, totalSteps, () -> compiled.applyAsLong(now[0]));
    JniUtils.setNumThreads(2);
    for (long step = 1; step <= totalSteps; step++) {
      choice.beforeStep(step);
      long first = choice.trialStart();
      long inTrial = first == 0 ? -1 : step - first;
      if (inTrial >= ThreadChoice.TRIAL) {
        return choice;
      }
      boolean onOne = inTrial >= 0 && inTrial / ThreadChoice.BLOCK % 2 == 0;
      assertEquals(onOne ? 1 : 2, JniUtils.getNumThreads(), "threads at step " + step);
      // Steps outside the trial, and the first few after each switch, are timed as 10 ms on either
      // count: counted, they would decide the choice.
      boolean timed = inTrial >= 0 && inTrial % ThreadChoice.BLOCK >= ThreadChoice.SETTLE;
      now[0] = step;
      choice.afterStep(step, !timed ? 10_000_000 : time.nanos(inTrial, onOne));
    }
    return choice;
  }

  /** A trial with these step times and one slow outlier per count, the compiler quiet. */
  private static ThreadChoice trial(long nanosAtTwo, long nanosAtOne) {
    return trial(steady(nanosAtTwo, nanosAtOne), 10_000, step -> 0);
  }

  private static StepTime steady(long nanosAtTwo, long nanosAtOne) {
    return (inTrial, onOne) -> {
      // One slow outlier per count must not decide it.
      long outlier = inTrial == 5 || inTrial == ThreadChoice.BLOCK + 5 ? 100 : 1;
      return outlier * (onOne ? nanosAtOne : nanosAtTwo);
    };
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
  void keepsTheConfiguredCountWhenOneThreadWinsOnlyOneOfThePairs() {
    // The configured count's first block ran during a stall of the machine: 2 threads looked
    // slower there only.
    StepTime stall =
        (inTrial, onOne) ->
            onOne ? 8_000_000 : inTrial < 2 * ThreadChoice.BLOCK ? 12_000_000 : 6_000_000;
    assertEquals(2, trial(stall, 10_000, step -> 0).chosen());
    StepTime second =
        (inTrial, onOne) ->
            onOne ? 8_000_000 : inTrial >= 3 * ThreadChoice.BLOCK ? 12_000_000 : 6_000_000;
    assertEquals(2, trial(second, 10_000, step -> 0).chosen());
  }

  @Test
  void triesAgainAfterChoosingOneThreadAndKeepsTheConfiguredCountOnceItWins() {
    ThreadChoice choice = new ThreadChoice(2, 1000, () -> 0);
    JniUtils.setNumThreads(2);
    int secondTrialEnd = ThreadChoice.WARM_UP + 1 + 2 * ThreadChoice.TRIAL + ThreadChoice.RETRY;
    for (long step = 1; step <= 1000; step++) {
      choice.beforeStep(step);
      boolean one = JniUtils.getNumThreads() == 1;
      if (step > secondTrialEnd) {
        assertEquals(2, JniUtils.getNumThreads(), "threads at step " + step);
      }
      // One thread is faster until step 250, two threads after.
      boolean oneFaster = step < 250;
      choice.afterStep(step, one == oneFaster ? 6_000_000 : 10_000_000);
      if (step == ThreadChoice.WARM_UP + 1 + ThreadChoice.TRIAL) {
        assertEquals(1, choice.chosen());
      }
    }
    assertEquals(secondTrialEnd - ThreadChoice.TRIAL, choice.trialStart());
    assertEquals(2, choice.chosen());
    assertTrue(choice.summary().startsWith("trial 2, trial at steps 309-356"), choice.summary());
  }

  @Test
  void startsTheTrialAfterTheWarmUpWhenTheCompilerIsQuiet() {
    assertEquals(ThreadChoice.WARM_UP + 1, trial(10_000_000, 6_000_000).trialStart());
  }

  @Test
  void waitsWhileTheCompilerTakesMoreThanFivePercentOfTheSteps() {
    // 1 ms of compiling per 10 ms step until step 200, then none: over the last 20 steps the
    // compiler's share falls below 5% (under 10 ms) once step 212 is about to run.
    ThreadChoice choice = trial(steady(10_000_000, 6_000_000), 10_000, step -> Math.min(step, 200));
    assertEquals(212, choice.trialStart());
    assertEquals(1, choice.chosen());
    // A compiler that never goes quiet delays the trial to the latest start, not for ever.
    assertEquals(
        ThreadChoice.LATEST,
        trial(steady(10_000_000, 6_000_000), 10_000, step -> step).trialStart());
  }

  @Test
  void noTrialWhenTooFewStepsRemainAndTheCountStaysAsConfigured() {
    ThreadChoice choice = trial(steady(10_000_000, 6_000_000), 300, step -> step);
    assertEquals(0, choice.trialStart());
    assertEquals(2, choice.chosen());
    assertEquals(2, JniUtils.getNumThreads());
  }

  @Test
  void makesNoChoiceForARunShorterThanTwiceTheWarmUpAndTrial() {
    assertNull(ThreadChoice.forRun(2L * (ThreadChoice.WARM_UP + ThreadChoice.TRIAL) - 1));
  }
}
