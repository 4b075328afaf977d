package vaecourse.training;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Picks, early in a training run, the faster of two intra-op thread counts: the configured count
 * and one thread. With waiting threads that sleep soon after an operation (the course runs {@code
 * OMP_WAIT_POLICY=PASSIVE} with a short {@code GOMP_SPINCOUNT}), a small model's short operations
 * can pay to wake the other threads, and on a loaded machine one thread can be faster; a large
 * model's convolutions gain from every core. Which one wins depends on the model and the machine,
 * so it is measured: after at least {@link #WARM_UP} steps on the configured count, and once the
 * JIT compiler has gone quiet (see {@link #QUIET}), the trial runs {@link #BLOCK} steps on one
 * thread, then as many on the configured count, twice (the first {@link #SETTLE} steps of each
 * block, just after a switch, are not timed), and the rest of the run uses one thread only if its
 * median step beat the configured count's by more than 5% in both pairs of blocks; a choice of one
 * thread is tried again {@link #RETRY} steps later. The configured count is back in place when the
 * run ends.
 *
 * <p>Off with {@code -Dvaecourse.threads.choose=false}, on other engines than PyTorch, with one
 * configured thread, and for runs shorter than twice the warm-up and trial.
 */
final class ThreadChoice {

  /**
   * Steps on the configured count before the trial at the earliest: the first steps also pay for
   * first touches of memory, and measured then they mislead.
   */
  static final int WARM_UP = 60;

  /** Steps in each block of the trial: one thread, the configured count, one, the configured. */
  static final int BLOCK = 12;

  /**
   * Steps not timed at the start of each block. After a switch from one thread to two, the MLP
   * VAE's first three steps took 11 to 21 ms and the rest 6 to 7 ms; counted, they made two threads
   * look slower than one (9.4 against 8.7 ms) and a run went on one thread.
   */
  static final int SETTLE = 4;

  static final int TRIAL = 4 * BLOCK;

  /**
   * The trial waits while the JIT compiler took more than this share of the last {@link #WINDOW}
   * steps' time. On 2 cores the compiler shares a core with the second PyTorch thread: measured
   * while it compiles, the configured count looked slower than it is, and a whole run of the MLP
   * VAE went on one thread (0.54 s an epoch instead of 0.46).
   */
  static final double QUIET = 0.05;

  static final int WINDOW = 20;

  /** The step at which the trial starts even if the compiler has not gone quiet. */
  static final int LATEST = 10 * WARM_UP;

  /**
   * Steps after a trial that chose one thread before the next trial (a trial that keeps the
   * configured count is the last). One thread is the riskier choice: in 12 runs of the MLP VAE it
   * was chosen twice, on trials slowed by the machine, and those runs took 0.56 and 0.57 s an epoch
   * where the runs on two threads took 0.46 to 0.53.
   */
  static final int RETRY = 200;

  private final int configured;
  private final long totalSteps;
  private final LongSupplier compileMillis;
  private final long[] stepNanos = new long[WINDOW];
  private final long[] compiledAfter = new long[WINDOW + 1];

  /** The timed steps of each block of the trial, in order: one, configured, one, configured. */
  private final List<List<Long>> blocks =
      List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());

  private long first;
  private long earliest = WARM_UP + 1;
  private int trials;
  private int chosen;

  /**
   * A choice over a run of {@code totalSteps} steps.
   *
   * @param compileMillis the JIT compiler's total time so far, in milliseconds
   */
  ThreadChoice(int configured, long totalSteps, LongSupplier compileMillis) {
    this.configured = configured;
    this.totalSteps = totalSteps;
    this.compileMillis = compileMillis;
    this.chosen = configured;
  }

  /** A choice for a run of {@code steps} steps in all, or null when none is made. */
  static ThreadChoice forRun(long steps) {
    if (steps < 2L * (WARM_UP + TRIAL)
        || !Boolean.parseBoolean(System.getProperty("vaecourse.threads.choose", "true"))
        || !"PyTorch".equals(Engine.getInstance().getEngineName())) {
      return null;
    }
    int configured = JniUtils.getNumThreads();
    return configured > 1 ? new ThreadChoice(configured, steps, jitMillis()) : null;
  }

  /** The JIT compiler's accumulated time, or always 0 where the JVM does not measure it. */
  private static LongSupplier jitMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
      return () -> 0;
    }
    return jit::getTotalCompilationTime;
  }

  /** The first step of the latest trial, or 0 before the first has started. */
  long trialStart() {
    return first;
  }

  private boolean inTrial(long step) {
    return first > 0 && step >= first && step < first + TRIAL;
  }

  /** Whether step {@code step} of the trial runs on one thread. */
  private boolean onOne(long step) {
    return (step - first) / BLOCK % 2 == 0;
  }

  /** Sets the thread count for step {@code step}, counted from 1 over the whole run. */
  void beforeStep(long step) {
    if (step >= earliest
        && step + TRIAL <= totalSteps
        && (step >= Math.max(LATEST, earliest) || compilerQuiet(step - 1))) {
      first = step;
      earliest = Long.MAX_VALUE;
      trials++;
      blocks.forEach(List::clear);
    }
    if (inTrial(step) && (step - first) % BLOCK == 0) {
      JniUtils.setNumThreads(onOne(step) ? 1 : configured);
    } else if (first > 0 && step == first + TRIAL) {
      chosen = oneWins(0) && oneWins(2) ? 1 : configured;
      JniUtils.setNumThreads(chosen);
      if (chosen == 1) {
        earliest = step + RETRY;
      }
    }
  }

  /** Records how long step {@code step} took; the first steps after each switch are not counted. */
  void afterStep(long step, long nanos) {
    stepNanos[(int) ((step - 1) % WINDOW)] = nanos;
    compiledAfter[(int) (step % (WINDOW + 1))] = compileMillis.getAsLong();
    if (inTrial(step) && (step - first) % BLOCK >= SETTLE) {
      blocks.get((int) ((step - first) / BLOCK)).add(nanos);
    }
  }

  /**
   * Whether the compiler took less than {@link #QUIET} of the last {@link #WINDOW} of the {@code
   * done} steps so far.
   */
  private boolean compilerQuiet(long done) {
    if (done < WINDOW) {
      return false;
    }
    long compiled =
        compiledAfter[(int) (done % (WINDOW + 1))]
            - compiledAfter[(int) ((done - WINDOW) % (WINDOW + 1))];
    long nanos = 0;
    for (long n : stepNanos) {
      nanos += n;
    }
    return compiled * 1e6 < QUIET * nanos;
  }

  /**
   * Whether one thread beat the configured count by more than 5% in the pair of blocks starting at
   * {@code block}. One thread is chosen only when it wins both pairs: a stall of the machine during
   * one block does not decide the rest of the run.
   */
  private boolean oneWins(int block) {
    return median(blocks.get(block)) < 0.95 * median(blocks.get(block + 1));
  }

  private List<Long> onCount(boolean one) {
    List<Long> all = new ArrayList<>(blocks.get(one ? 0 : 1));
    all.addAll(blocks.get(one ? 2 : 3));
    return all;
  }

  private static double median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }

  /** The count the run uses after the trial (the configured count before it or without one). */
  int chosen() {
    return chosen;
  }

  /** What the trial measured and chose, in one line, for a benchmark's log. */
  String summary() {
    if (first == 0 || blocks.get(3).isEmpty()) {
      return "no trial (" + configured + " threads throughout)";
    }
    return String.format(
        Locale.ROOT,
        "%strial at steps %d-%d: median step %.2f ms on 1 thread, %.2f ms on %d; chose %d",
        trials > 1 ? "trial " + trials + ", " : "",
        first,
        first + TRIAL - 1,
        median(onCount(true)) / 1e6,
        median(onCount(false)) / 1e6,
        configured,
        chosen);
  }

  /** Puts the configured count back. */
  void restore() {
    JniUtils.setNumThreads(configured);
  }
}
