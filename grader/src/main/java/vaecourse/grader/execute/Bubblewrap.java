package vaecourse.grader.execute;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker's sandbox, made of Debian's {@code bubblewrap} ({@code bwrap}) and util-linux's {@code
 * prlimit} and {@code setpriv}: the worker starts in an empty root file system that holds only what
 * is bound into it, in fresh PID, network, IPC and UTS namespaces, and dies with the grader.
 *
 * <p>What the worker sees (an allow-list, everything else does not exist for it):
 *
 * <ul>
 *   <li>read-only: {@code /usr} (the JDK, the shell, the C library), the few {@code /etc} files the
 *       JDK reads, the JDK itself when it lives elsewhere, each class path entry (the engine and
 *       course jars), the PyTorch natives folder ({@code DJL_CACHE_DIR}, else {@code ~/.djl.ai}),
 *       and the one data folder the assignment expects;
 *   <li>read-write: the submission's own working folder, and a private, size-capped {@code /tmp}.
 * </ul>
 *
 * <p>Limits: {@code prlimit} caps the process and thread count ({@code RLIMIT_NPROC}), the size of
 * any file written ({@code RLIMIT_FSIZE}: the write fails with "File too large") and core dumps.
 * The kernel never applies {@code RLIMIT_NPROC} to root, so when the grader runs as root the worker
 * runs as a user of its own, {@value #FIRST_UID} and up (a different one for each process, so a
 * fork bomb only starves itself); that user owns the working folder, and reads the bound files with
 * the single capability {@code CAP_DAC_READ_SEARCH} (read and search only; nothing but the bound
 * files is there to read). As an ordinary user, {@code bwrap} makes a user namespace, and the
 * process count is counted inside it. Memory is limited by the heap flag and the runner's resident
 * memory watchdog: an address-space rlimit would stop the JVM, which reserves far more than it
 * uses.
 *
 * <p>Where {@code bwrap} is missing or cannot make namespaces (macOS, Windows, a container that
 * forbids them), {@link Sandbox} falls back to the older {@code unshare} wrapper that hides the
 * grading folders, and to no sandbox at all where that fails too; each result records which one
 * ran.
 */
public final class Bubblewrap {
  /** The first user id given to workers when the grader runs as root. */
  public static final int FIRST_UID = 61000;

  private static final int UID_RANGE = 4000;
  private static final AtomicInteger NEXT_UID = new AtomicInteger();
  private static final long TMP_BYTES = 256L << 20;
  private static final List<String> ETC_FILES =
      List.of(
          "/etc/alternatives",
          "/etc/ld.so.cache",
          "/etc/localtime",
          "/etc/ssl/certs/java",
          "/etc/fonts");
  private static volatile Boolean available;

  private Bubblewrap() {}

  private static void parents(Path p, Set<Path> made, List<String> cmd) {
    List<Path> chain = new ArrayList<>();
    for (Path a = p.getParent(); a != null && a.getParent() != null; a = a.getParent()) {
      chain.add(0, a);
    }
    for (Path a : chain) {
      if (made.add(a)) {
        cmd.addAll(List.of("--perms", "0755", "--dir", a.toString()));
      }
    }
  }

  /** Whether the grader runs as root (then each worker gets its own user id). */
  public static boolean runningAsRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** A fresh user id for one worker process (root only). */
  public static int nextUid() {
    return FIRST_UID + Math.floorMod(NEXT_UID.getAndIncrement(), UID_RANGE);
  }

  /** Whether {@code bwrap}, {@code prlimit} and (as root) {@code setpriv} run here; probed once. */
  public static boolean available() {
    Boolean a = available;
    if (a == null) {
      a = probe();
      available = a;
    }
    return a;
  }

  private static boolean probe() {
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
      return false;
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("vae-bwrap-probe");
      int uid = runningAsRoot() ? nextUid() : -1;
      if (uid >= 0) {
        Files.setAttribute(dir, "unix:uid", uid);
        Files.setAttribute(dir, "unix:gid", uid);
      }
      List<String> cmd = wrap(List.of("/usr/bin/true"), dir, List.of(), RunLimits.defaults(), uid);
      Process p =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException | RuntimeException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return false;
    } finally {
      if (dir != null) {
        try {
          Files.deleteIfExists(dir);
        } catch (IOException ignored) {
          // an empty probe folder left in the temp folder is harmless
        }
      }
    }
  }

  /**
   * The command that runs {@code command} in the sandbox.
   *
   * @param command the worker's command line (absolute java launcher first)
   * @param workDir the submission's working folder, bound read-write at its own path
   * @param readOnly files and folders bound read-only at their own paths (jars, natives, data)
   * @param limits the rlimits
   * @param uid the user id to run as (the grader is root), or -1 to stay the calling user
   */
  public static List<String> wrap(
      List<String> command, Path workDir, List<Path> readOnly, RunLimits limits, int uid) {
    List<String> cmd = new ArrayList<>(List.of("bwrap"));
    // The system: /usr read-only, the merged-/usr links, and the /etc files the JDK reads.
    cmd.addAll(List.of("--ro-bind", "/usr", "/usr"));
    for (String top : List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")) {
      Path p = Path.of(top);
      if (Files.isSymbolicLink(p)) {
        try {
          cmd.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), top));
        } catch (IOException e) {
          // an unreadable link is left out
        }
      } else if (Files.isDirectory(p)) {
        cmd.addAll(List.of("--ro-bind", top, top));
      }
    }
    Set<Path> binds = new LinkedHashSet<>();
    for (String etc : ETC_FILES) {
      binds.add(Path.of(etc));
    }
    try (var s = Files.list(Path.of("/etc"))) {
      s.filter(p -> p.getFileName().toString().startsWith("java")).forEach(binds::add);
    } catch (IOException ignored) {
      // no /etc to read: nothing of it is bound
    }
    for (Path p : readOnly) {
      binds.add(p.toAbsolutePath().normalize());
    }
    // Folders bwrap makes on the way to a bind are open to search: access(2), which the JDK uses
    // to test class path entries, ignores the worker's read capability.
    cmd.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
    cmd.addAll(List.of("--perms", "1777", "--size", Long.toString(TMP_BYTES), "--tmpfs", "/tmp"));
    Set<Path> made = new LinkedHashSet<>(List.of(Path.of("/usr"), Path.of("/tmp")));
    for (Path p : binds) {
      if (Files.exists(p) && !p.startsWith("/usr")) {
        parents(p, made, cmd);
        cmd.addAll(List.of("--ro-bind", p.toString(), p.toString()));
      }
    }
    Path workPath = workDir.toAbsolutePath().normalize();
    parents(workPath, made, cmd);
    String work = workPath.toString();
    cmd.addAll(List.of("--bind", work, work, "--chdir", work));
    cmd.addAll(
        List.of(
            "--unshare-pid",
            "--unshare-net",
            "--unshare-ipc",
            "--unshare-uts",
            "--unshare-cgroup-try",
            "--hostname",
            "grading",
            "--die-with-parent",
            "--new-session"));
    if (uid >= 0) {
      cmd.addAll(
          List.of(
              "--cap-add",
              "CAP_SETUID",
              "--cap-add",
              "CAP_SETGID",
              "--cap-add",
              "CAP_DAC_READ_SEARCH",
              "--",
              "setpriv",
              "--reuid=" + uid,
              "--regid=" + uid,
              "--clear-groups",
              "--inh-caps=-all,+dac_read_search",
              "--ambient-caps=+dac_read_search",
              "--bounding-set=-all,+dac_read_search",
              "--no-new-privs"));
    } else {
      cmd.addAll(List.of("--unshare-user", "--"));
    }
    return withLimits(cmd, command, limits);
  }

  /**
   * A command run as user {@code uid} without any capability, under the process and file-size
   * limits: what a root grader does where no namespace can be made (no sandbox, but not root). The
   * worker reads only world-readable files: the JDK, the jars, the data and the natives.
   */
  public static List<String> asUser(List<String> command, int uid, RunLimits limits) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "setpriv",
                "--reuid=" + uid,
                "--regid=" + uid,
                "--clear-groups",
                "--inh-caps=-all",
                "--bounding-set=-all",
                "--no-new-privs",
                "--"));
    return withLimits(cmd, command, limits);
  }

  /**
   * Appends {@code prlimit} with no core dumps and the process and file-size limits, then the
   * command.
   */
  private static List<String> withLimits(List<String> cmd, List<String> command, RunLimits limits) {
    cmd.add("prlimit");
    cmd.add("--core=0:0");
    if (limits.maxProcesses() > 0) {
      cmd.add("--nproc=" + limits.maxProcesses() + ":" + limits.maxProcesses());
    }
    if (limits.maxFileBytes() > 0) {
      cmd.add("--fsize=" + limits.maxFileBytes() + ":" + limits.maxFileBytes());
    }
    cmd.add("--");
    cmd.addAll(command);
    return cmd;
  }
}
