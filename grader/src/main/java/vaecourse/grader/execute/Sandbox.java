package vaecourse.grader.execute;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An OS sandbox for the worker on Linux, built from util-linux tools: {@code unshare} gives the
 * worker its own user, mount, PID and network namespaces (it sees no other process); inside, an
 * empty read-protected tmpfs is mounted over each hidden folder (solutions, submissions, results),
 * then {@code setpriv} drops every capability and sets no-new-privileges before starting Java, so
 * the mounts cannot be undone.
 *
 * <p>What this stops: reading or writing the solutions, other students' submissions and the results
 * folder by path; seeing or signalling other processes (another worker's memory or stdin); any
 * network access (only a loopback that is down). What it does not stop: reading other files the
 * grading user can read (the home folder, the course sources, {@code /etc}, another worker's
 * temporary folder), spawning processes, using CPU up to the time limit. Without user namespaces
 * (macOS, Windows, locked-down Linux) none of this applies and the worker runs as the grading user;
 * the time, heap and resident-memory limits still hold everywhere.
 */
public final class Sandbox {
  /** When to sandbox. */
  public enum Mode {
    /** Sandbox when the OS allows it, else run plainly and say so. */
    AUTO,
    /** Sandbox or refuse to run. */
    ON,
    /**
     * No namespaces, but a grader running as root runs each worker as a user of its own, without
     * capabilities, under the process and file-size limits (what auto falls back to as root).
     */
    USER,
    /** Never sandbox. */
    OFF
  }

  /** Exit status of the wrapper when a hiding mount fails. */
  public static final int MOUNT_FAILED = 97;

  private static final String SCRIPT =
      "while [ \"$#\" -gt 0 ] && [ \"$1\" != \"--\" ]; do"
          + " mount -t tmpfs -o size=4k,mode=000 none \"$1\" || exit "
          + MOUNT_FAILED
          + "; shift;"
          + " done; shift;"
          + " exec setpriv --no-new-privs --bounding-set=-all --inh-caps=-all -- \"$@\"";

  private static volatile Boolean available;

  private Sandbox() {}

  /** Whether namespaces, tmpfs mounts and setpriv work here (probed once). */
  public static boolean available() {
    Boolean a = available;
    if (a == null) {
      a = probe();
      available = a;
    }
    return a;
  }

  private static boolean probe() {
    if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
      return false;
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("vae-sandbox-probe");
      List<String> cmd = wrap(List.of("true"), List.of(dir));
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
    } catch (IOException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return false;
    } finally {
      if (dir != null) {
        try {
          Files.deleteIfExists(dir);
        } catch (IOException ignored) {
          // a leftover empty temp folder is harmless
        }
      }
    }
  }

  /** The command run inside the sandbox with the given folders hidden. */
  public static List<String> wrap(List<String> command, List<Path> hidden) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "unshare",
                "--user",
                "--map-root-user",
                "--mount",
                "--net",
                "--pid",
                "--fork",
                "--kill-child",
                "--mount-proc",
                "--",
                "sh",
                "-c",
                SCRIPT,
                "sandbox"));
    for (Path p : hidden) {
      cmd.add(p.toAbsolutePath().normalize().toString());
    }
    cmd.add("--");
    cmd.addAll(command);
    return cmd;
  }

  /**
   * The folders among {@code candidates} that can be hidden: existing folders (a file stands for
   * its folder) that contain none of the paths the worker needs, outermost only.
   */
  public static List<Path> hideable(List<Path> candidates, List<Path> needed) {
    List<Path> out = new ArrayList<>();
    for (Path c : candidates) {
      Path dir = c.toAbsolutePath().normalize();
      if (Files.isRegularFile(dir)) {
        dir = dir.getParent();
      }
      if (dir == null || dir.getParent() == null || !Files.isDirectory(dir) || out.contains(dir)) {
        continue;
      }
      boolean holdsNeeded = false;
      for (Path n : needed) {
        if (n.toAbsolutePath().normalize().startsWith(dir)) {
          holdsNeeded = true;
          break;
        }
      }
      if (!holdsNeeded) {
        out.add(dir);
      }
    }
    // A folder inside another hidden one is hidden already, and once the outer mount is in place
    // the inner one can no longer be reached to mount over (results written under submissions).
    List<Path> outermost = new ArrayList<>();
    for (Path d : out) {
      boolean nested = false;
      for (Path other : out) {
        if (!other.equals(d) && d.startsWith(other)) {
          nested = true;
          break;
        }
      }
      if (!nested) {
        outermost.add(d);
      }
    }
    return outermost;
  }
}
