package vaecourse.training;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Picks, during the first steps of a training run, the faster of two intra-op thread counts: the
 * configured count and one thread. With waiting threads that sleep between operations (the course
 * runs {@code OMP_WAIT_POLICY=PASSIVE}), a small model's many short operations each pay to wake the
 * other threads, and one thread can be faster; a large model's convolutions gain from every core.
 * Which one wins depends on the model and the machine, so it is measured: after {@link #WARM_UP}
 * steps on the configured count, steps {@link #FIRST} to {@link #LAST} run eight on one thread,
 * then eight on the configured count (the first two of each eight, just after a switch, are not
 * timed), and the rest of the run uses the count with the faster best step. The configured count is
 * back in place when the run ends.
 *
 * <p>Off with {@code -Dvaecourse.threads.choose=false}, on other engines than PyTorch, with one
 * configured thread, and for runs shorter than twice the trial.
 */
final class ThreadChoice {

  /**
   * Steps on the configured count before the trial: the first steps also pay for compiling the Java
   * side and for first touches of memory, and measured then they mislead.
   */
  static final int WARM_UP = 30;

  /** The first and last steps of the trial: eight on one thread, then eight on the configured. */
  static final int FIRST = WARM_UP + 1;

  static final int LAST = WARM_UP + 16;

  private static final int BLOCK = 8;
  private static final int SETTLE = 2;

  private final int configured;
  private final long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
  private int chosen;

  ThreadChoice(int configured) {
    this.configured = configured;
    this.chosen = configured;
  }

  /** A choice for a run of {@code steps} steps in all, or null when none is made. */
  static ThreadChoice forRun(long steps) {
    if (steps < 2L * LAST
        || !Boolean.parseBoolean(System.getProperty("vaecourse.threads.choose", "true"))
        || !"PyTorch".equals(Engine.getInstance().getEngineName())) {
      return null;
    }
    int configured = JniUtils.getNumThreads();
    return configured > 1 ? new ThreadChoice(configured) : null;
  }

  /** Sets the thread count for step {@code step}, counted from 1 over the whole run. */
  void beforeStep(long step) {
    if (step == FIRST) {
      JniUtils.setNumThreads(1);
    } else if (step == FIRST + BLOCK) {
      JniUtils.setNumThreads(configured);
    } else if (step == LAST + 1) {
      chosen = best[1] < 0.95 * best[0] ? 1 : configured;
      JniUtils.setNumThreads(chosen);
    }
  }

  /** Records how long step {@code step} took. */
  void afterStep(long step, long nanos) {
    if (step >= FIRST && step <= LAST && (step - FIRST) % BLOCK >= SETTLE) {
      int slot = step < FIRST + BLOCK ? 1 : 0;
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
