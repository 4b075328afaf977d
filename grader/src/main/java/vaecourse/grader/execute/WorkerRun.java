package vaecourse.grader.execute;

import java.util.List;

/**
 * The result of one worker process.
 *
 * @param cells one outcome per cell sent, in order (cells the worker never reported are killed)
 * @param ending how the process ended
 * @param detail a sentence on the ending for reports (empty when it finished normally)
 * @param exitCode the process exit status, or -1 when killed
 * @param stderrTail the last lines the worker process itself wrote to stderr (diagnostics)
 * @param wallMillis how long it ran
 * @param sandboxed whether it ran in the OS sandbox
 */
public record WorkerRun(
    List<CellOutcome> cells,
    Ending ending,
    String detail,
    int exitCode,
    String stderrTail,
    long wallMillis,
    boolean sandboxed) {

  /** How a worker process ended. */
  public enum Ending {
    /** It reported every cell and {@code done}. */
    DONE,
    /** It ran past the notebook's wall-clock limit and was killed. */
    TIMEOUT,
    /** Its resident memory passed the limit and it was killed. */
    MEMORY,
    /** It exited before reporting every cell (crash, halt, native abort, heap exhausted). */
    CRASHED,
    /** It could not be started. */
    START_FAILED
  }

  /** Copies the list. */
  public WorkerRun {
    cells = List.copyOf(cells);
  }
}
