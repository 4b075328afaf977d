package vaecourse.training;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Two measures of memory held by the process: live engine arrays and resident set size. */
public final class Memory {

  private static final Path STATUS = Paths.get("/proc/self/status");

  private Memory() {}

  /**
   * The number of NDArrays alive in the whole manager tree (every manager descends from the
   * engine's system manager). A loop that leaks arrays makes this number grow step after step.
   */
  public static int liveArrays() {
    try (NDManager probe = NDManager.newBaseManager()) {
      return probe.getParentManager().getManagedArrays().size();
    }
  }

  /**
   * The resident set size in KiB from {@code /proc/self/status} ({@code VmRSS}), or -1 where that
   * file does not exist (not Linux).
   */
  public static long rssKiB() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
