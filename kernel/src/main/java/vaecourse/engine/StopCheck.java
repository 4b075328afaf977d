package vaecourse.engine;

import java.util.function.IntConsumer;

/**
 * What the rewritten classes of notebook cells call (see {@link SnippetInstrumenter}): a stop check
 * at every method start and loop back-edge, and stand-ins for {@code System.exit}, {@code
 * Runtime.exit} and {@code Runtime.halt}.
 *
 * <p>A stop is one volatile flag: reading it costs a plain load on x86 and ARM, and the JIT cannot
 * hoist it out of a loop, so a loop sees a stop at its next turn. When the flag is set, every
 * thread running cell code throws {@link CellStopped} at its next check; the engine clears the flag
 * before the next cell. Public because the rewritten classes live in JShell's class loader.
 */
public final class StopCheck {
  private static volatile boolean stopRequested;
  private static volatile IntConsumer exitListener = status -> {};

  private StopCheck() {}

  /**
   * Thrown into cell code that is being stopped. An {@link Error}, so {@code catch (Exception)} in
   * a cell does not swallow it.
   */
  public static final class CellStopped extends Error {
    private static final long serialVersionUID = 1L;

    CellStopped() {
      super("the cell was stopped", null, false, false);
    }
  }

  /** Called by cell code at every method start and loop back-edge. */
  public static void check() {
    if (stopRequested) {
      throw new CellStopped();
    }
  }

  /** Stands in for {@code System.exit(status)} in cell code: reports it and throws instead. */
  public static void exit(int status) {
    exitListener.accept(status);
    throw new ExitTrappedException(status);
  }

  /** Stands in for {@code runtime.exit(status)} in cell code. */
  public static void runtimeExit(Runtime runtime, int status) {
    exit(status);
  }

  /** Stands in for {@code runtime.halt(status)} in cell code. */
  public static void runtimeHalt(Runtime runtime, int status) {
    exit(status);
  }

  /** Makes every thread running cell code stop at its next check. */
  static void requestStop() {
    stopRequested = true;
  }

  /** Lets cell code run again (before a cell starts). */
  static void clear() {
    stopRequested = false;
  }

  static boolean stopRequested() {
    return stopRequested;
  }

  /** Who hears of an exit call in cell code (the engine, which then stops the cell). */
  static void onExit(IntConsumer listener) {
    exitListener = listener;
  }
}
