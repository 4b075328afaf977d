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
 * @param sandboxKind which sandbox: {@code bwrap}, {@code unshare} or {@code none}
 * @param restarts how many times a worker was killed (runaway, memory, processes, disk, crash) and
 *     a fresh one replayed the earlier cells to go on with the later ones
 * @param cellMillis how long each reported cell took, by cell id, from the first run of it (the
 *     first cell of a process includes the worker's start)
 */
public record WorkerRun(
    List<CellOutcome> cells,
    Ending ending,
    String detail,
    int exitCode,
    String stderrTail,
    long wallMillis,
    boolean sandboxed,
    String sandboxKind,
    int restarts,
    java.util.Map<String, Long> cellMillis) {

  /** How a worker process ended. */
  public enum Ending {
    /** It reported every cell and {@code done}. */
    DONE,
    /** It ran past the notebook's wall-clock limit, or a cell past its own, and was killed. */
    TIMEOUT,
    /** Its resident memory passed the limit and it was killed. */
    MEMORY,
    /** It started more processes than allowed (a fork bomb) and was killed. */
    PROCESSES,
    /** It stored more than allowed in its working folder and was killed. */
    DISK,
    /** It exited before reporting every cell (crash, halt, native abort, heap exhausted). */
    CRASHED,
    /** It could not be started. */
    START_FAILED
  }

  /** Copies the list. */
  public WorkerRun {
    cells = List.copyOf(cells);
    cellMillis = cellMillis == null ? java.util.Map.of() : java.util.Map.copyOf(cellMillis);
    if (sandboxKind == null) {
      sandboxKind = sandboxed ? "unshare" : "none";
    }
  }

  /** A run of one worker process that was never restarted. */
  public WorkerRun(
      List<CellOutcome> cells,
      Ending ending,
      String detail,
      int exitCode,
      String stderrTail,
      long wallMillis,
      boolean sandboxed) {
    this(cells, ending, detail, exitCode, stderrTail, wallMillis, sandboxed, null, 0, null);
  }
}
