package vaecourse.training;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Picks, during the first epoch, the faster of two intra-op thread counts for one training run: the
 * configured count and one thread. With waiting threads that sleep between operations (the course
 * runs {@code OMP_WAIT_POLICY=PASSIVE}), a small model's many short operations each pay to wake the
 * other threads, and one thread can be faster; a large model's convolutions gain from every core.
 * Which one wins depends on the model and the machine, so it is measured: steps 2 to 7 of the run
 * alternate between the two counts (step 1 pays one-time set-up), and the rest of the run uses the
 * count with the faster best step. The configured count is back in place when the run ends.
 *
 * <p>Off with {@code -Dvaecourse.threads.choose=false}, on other engines than PyTorch, with one
 * configured thread, and when the first epoch has fewer than {@link #STEPS} steps.
 */
final class ThreadChoice {

  /** Steps of the first epoch the choice needs: one to warm up, three at each count. */
  static final int STEPS = 7;

  private final int configured;
  private final long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
  private int chosen;

  ThreadChoice(int configured) {
    this.configured = configured;
    this.chosen = configured;
  }

  /** A choice for a run whose first epoch has {@code steps} steps, or null when none is made. */
  static ThreadChoice forRun(int steps) {
    if (steps < STEPS
        || !Boolean.parseBoolean(System.getProperty("vaecourse.threads.choose", "true"))
        || !"PyTorch".equals(Engine.getInstance().getEngineName())) {
      return null;
    }
    int configured = JniUtils.getNumThreads();
    return configured > 1 ? new ThreadChoice(configured) : null;
  }

  /** Sets the thread count for step {@code step}, counted from 1 over the whole run. */
  void beforeStep(long step) {
    if (step >= 2 && step <= STEPS) {
      JniUtils.setNumThreads(step % 2 == 0 ? configured : 1);
    } else if (step == STEPS + 1) {
      chosen = best[1] < 0.95 * best[0] ? 1 : configured;
      JniUtils.setNumThreads(chosen);
    }
  }

  /** Records how long step {@code step} took. */
  void afterStep(long step, long nanos) {
    if (step >= 2 && step <= STEPS) {
      int slot = step % 2 == 0 ? 0 : 1;
      best[slot] = Math.min(best[slot], nanos);
    }
  }

  /** The count the run uses after the trial steps. */
  int chosen() {
    return chosen;
  }

  /** Puts the configured count back. */
  void restore() {
    JniUtils.setNumThreads(configured);
  }
}
