package vaecourse.grader.execute;

import java.time.Duration;

/**
 * Limits on what a worker may do besides time and heap, enforced with rlimits inside the sandbox
 * and by the runner's watchdog.
 *
 * @param maxProcesses processes and threads the worker may have at once (RLIMIT_NPROC where the
 *     worker has a user of its own; the watchdog counts them everywhere); 0 = no limit
 * @param maxFileBytes largest file the worker may write (RLIMIT_FSIZE); 0 = no limit
 * @param maxDiskBytes what the worker may store in its working folder in all; 0 = no limit
 * @param cellGrace how long past a cell's limit the runner waits for the worker's own report before
 *     it kills the worker
 * @param startup extra time the first cell of each worker process gets (JVM and engine start)
 * @param maxRestarts workers restarted after a runaway, a crash or a limit before the rest of the
 *     notebook is given up
 * @param timeFloor the shortest limit a calibrated cell gets
 * @param timeFactor a calibrated cell's limit is this many times the solution's time (at least the
 *     floor)
 * @param uncalibrated the limit of a cell with no calibration and no limit of its own
 * @param cellOverride one limit for every cell of this run, replacing the others; zero for none
 */
public record RunLimits(
    int maxProcesses,
    long maxFileBytes,
    long maxDiskBytes,
    Duration cellGrace,
    Duration startup,
    int maxRestarts,
    Duration timeFloor,
    double timeFactor,
    Duration uncalibrated,
    Duration cellOverride) {

  /**
   * 512 processes, 256 MB per file, 1 GB on disk, 5 s grace, 20 s start, 4 restarts; calibrated
   * cells get 5 x the solution's time, at least 10 s; uncalibrated cells 300 s.
   */
  public static RunLimits defaults() {
    return new RunLimits(
        512,
        256L << 20,
        1L << 30,
        Duration.ofSeconds(5),
        Duration.ofSeconds(20),
        4,
        Duration.ofSeconds(10),
        5.0,
        Duration.ofSeconds(300),
        Duration.ZERO);
  }

  /** A copy with other time-limit settings. */
  public RunLimits withTimes(Duration floor, double factor, Duration uncal, Duration override) {
    return new RunLimits(
        maxProcesses,
        maxFileBytes,
        maxDiskBytes,
        cellGrace,
        startup,
        maxRestarts,
        floor,
        factor,
        uncal,
        override);
  }

  /** Checks the values. */
  public RunLimits {
    if (maxProcesses < 0 || maxFileBytes < 0 || maxDiskBytes < 0 || maxRestarts < 0) {
      throw new IllegalArgumentException(
          "limits must be >= 0, got processes "
              + maxProcesses
              + ", file bytes "
              + maxFileBytes
              + ", disk bytes "
              + maxDiskBytes
              + ", restarts "
              + maxRestarts);
    }
    if (!(timeFactor >= 1.0)
        || timeFloor.isNegative()
        || uncalibrated.isNegative()
        || cellOverride.isNegative()) {
      throw new IllegalArgumentException(
          "time factor must be >= 1 and times >= 0, got factor "
              + timeFactor
              + ", floor "
              + timeFloor
              + ", uncalibrated "
              + uncalibrated
              + ", override "
              + cellOverride);
    }
    if (cellGrace.isNegative() || startup.isNegative()) {
      throw new IllegalArgumentException(
          "cellGrace and startup must be >= 0, got " + cellGrace + " and " + startup);
    }
  }
}
