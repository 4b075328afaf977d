package vaecourse.engine.magics;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used by this whole process, split into user and system time where the platform says
 * ({@code /proc/self/stat} on Linux). {@code %time} measures the process rather than one thread: a
 * cell's work runs on its own thread, and tensor libraries do theirs on native worker threads.
 *
 * @param userNanos user-mode CPU time, or -1 when unknown
 * @param systemNanos kernel-mode CPU time, or -1 when unknown
 * @param totalNanos all CPU time, or -1 when unknown
 */
public record CpuTimes(long userNanos, long systemNanos, long totalNanos) {
  /** Linux reports {@code /proc} times in clock ticks of 1/100 s (USER_HZ) on every platform. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  /** The process's CPU times now. */
  public static CpuTimes now() {
    Path stat = Path.of("/proc/self/stat");
    if (Files.isReadable(stat)) {
      try {
        String s = Files.readString(stat);
        // Fields after the command name (which may hold spaces) start at field 3 (state).
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        long user = Long.parseLong(f[11]) * NANOS_PER_TICK;
        long sys = Long.parseLong(f[12]) * NANOS_PER_TICK;
        return new CpuTimes(user, sys, user + sys);
      } catch (IOException | RuntimeException e) {
        // fall back to the JVM's figure
      }
    }
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return new CpuTimes(-1, -1, os.getProcessCpuTime());
    }
    return new CpuTimes(-1, -1, -1);
  }

  /** The CPU time used between {@code start} and this reading. */
  public CpuTimes since(CpuTimes start) {
    return new CpuTimes(
        diff(userNanos, start.userNanos),
        diff(systemNanos, start.systemNanos),
        diff(totalNanos, start.totalNanos));
  }

  private static long diff(long end, long start) {
    return end < 0 || start < 0 ? -1 : end - start;
  }
}
