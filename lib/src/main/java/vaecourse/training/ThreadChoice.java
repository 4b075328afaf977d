package vaecourse.training;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

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
   * side (on a core the trial needs) and for first touches of memory, and measured then they
   * mislead.
   */
  static final int WARM_UP = 60;

  /** Steps in each block of the trial: one thread, the configured count, one, the configured. */
  static final int BLOCK = 6;

  /** The first and last steps of the trial. */
  static final int FIRST = WARM_UP + 1;

  static final int LAST = WARM_UP + 4 * BLOCK;

  private final int configured;
  private final List<List<Long>> times = List.of(new ArrayList<>(), new ArrayList<>());
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

  /** Whether step {@code step} of the trial runs on one thread. */
  private static boolean onOne(long step) {
    return (step - FIRST) / BLOCK % 2 == 0;
  }

  /** Sets the thread count for step {@code step}, counted from 1 over the whole run. */
  void beforeStep(long step) {
    if (step >= FIRST && step <= LAST && (step - FIRST) % BLOCK == 0) {
      JniUtils.setNumThreads(onOne(step) ? 1 : configured);
    } else if (step == LAST + 1) {
      chosen = median(times.get(1)) < 0.95 * median(times.get(0)) ? 1 : configured;
      JniUtils.setNumThreads(chosen);
    }
  }

  /** Records how long step {@code step} took; the first step after each switch is not counted. */
  void afterStep(long step, long nanos) {
    if (step >= FIRST && step <= LAST && (step - FIRST) % BLOCK != 0) {
      times.get(onOne(step) ? 1 : 0).add(nanos);
    }
  }

  private static double median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
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
