package vaecourse.grader.execute;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import vaecourse.engine.CellStatus;
import vaecourse.engine.WorkerProtocol;

/**
 * Runs a notebook's cells in engine worker processes, feeding each the cells and collecting the
 * protocol lines, and enforces from outside the process the limits a hostile cell could escape: the
 * notebook's wall-clock limit, each cell's own limit, resident memory, process count and disk use.
 * When a cell runs past its limit (or the worker dies or hits a limit during it), the worker is
 * killed, the cell is reported with the limit it broke, and a fresh worker replays the cells before
 * it (their outcomes from the first run are kept) and goes on with the cells after it, so later
 * tasks are still graded. Each cell's limit is also sent with the cell ({@code timeout_s}) and the
 * largest as {@code --cell-timeout}, so a worker that stops cells itself reports the runaway
 * without being killed; the outside watch waits {@link RunLimits#cellGrace()} longer. Never throws
 * for anything the notebook does: every way a run can go wrong ends as a {@link WorkerRun}.
 */
public final class WorkerRunner {
  /**
   * One cell to run.
   *
   * @param id the protocol id
   * @param source the Java source
   * @param limit this cell's time limit; zero for the configuration's cell timeout
   * @param limitReason how the limit was set, for reports (e.g. "5 x the solution's 1.2 s")
   */
  public record WorkerCell(String id, String source, Duration limit, String limitReason) {
    /** A cell under the configuration's cell timeout. */
    public WorkerCell(String id, String source) {
      this(id, source, Duration.ZERO, "");
    }
  }

  /** How one worker process ended, and the cell it was on when it did not finish. */
  private record ProcessEnd(
      WorkerRun.Ending ending,
      String detail,
      String culpritStatus,
      int exit,
      String stderrTail,
      Map<Integer, CellOutcome> reported,
      Map<Integer, Long> millis,
      int blamed) {}

  private static final String READY_ID = "worker-ready";
  private static final long POLL_MILLIS = 200;
  private static final int SLOW_POLLS = 5;
  private static final int STDERR_TAIL_LINES = 40;
  private static final List<String> BASE_ENV =
      List.of(
          "PATH",
          "HOME",
          "LANG",
          "LC_ALL",
          "TZ",
          "JAVA_HOME",
          "USER",
          "LOGNAME",
          "MALLOC_MMAP_THRESHOLD_",
          "MALLOC_TRIM_THRESHOLD_",
          "OMP_WAIT_POLICY",
          "GOMP_SPINCOUNT",
          "COURSE_PROFILE",
          "DJL_CACHE_DIR",
          "ENGINE_CACHE_DIR",
          "CUDA_VISIBLE_DEVICES");

  private final WorkerConfig config;

  /** A runner for a configuration. */
  public WorkerRunner(WorkerConfig config) {
    this.config = config;
  }

  /** The configuration. */
  public WorkerConfig config() {
    return config;
  }

  /** The java command line (before any sandbox wrapper) for a working folder. */
  public List<String> javaCommand(Path workDir) {
    return javaCommand(workDir, config.cellTimeout());
  }

  private List<String> javaCommand(Path workDir, Duration cellTimeout) {
    List<String> cmd = new ArrayList<>();
    cmd.add(config.javaBin().toString());
    cmd.add("-Xmx" + config.heapMb() + "m");
    cmd.add("-XX:-UsePerfData");
    cmd.add("-Djava.io.tmpdir=" + workDir.resolve("tmp"));
    cmd.add("-Duser.home=" + workDir);
    if (config.data() != null) {
      cmd.addAll(config.data().jvmOptions());
    }
    cmd.addAll(config.jvmOptions());
    cmd.add("-cp");
    cmd.add(String.join(java.io.File.pathSeparator, config.classPath()));
    cmd.add(config.mainClass());
    cmd.add(WorkerProtocol.CELL_TIMEOUT_ARG);
    cmd.add(Long.toString(Math.max(0, (cellTimeout.toMillis() + 999) / 1000)));
    cmd.add(WorkerProtocol.MAX_OUTPUT_ARG);
    cmd.add(Long.toString(config.maxOutputBytes()));
    return cmd;
  }

  /** The folder of the PyTorch natives the worker reads: DJL_CACHE_DIR, else ~/.djl.ai. */
  public static Path nativesDir() {
    String env = System.getenv("DJL_CACHE_DIR");
    return env != null && !env.isBlank()
        ? Path.of(env)
        : Path.of(System.getProperty("user.home"), ".djl.ai");
  }

  /** The sandbox this configuration runs workers in: bwrap, unshare, user or none. */
  public String sandboxKind() {
    return switch (config.sandbox()) {
      case OFF -> "none";
      case USER -> userKind();
      case AUTO -> Bubblewrap.available() ? "bwrap" : Sandbox.available() ? "unshare" : userKind();
      case ON -> {
        if (Bubblewrap.available()) {
          yield "bwrap";
        }
        if (Sandbox.available()) {
          yield "unshare";
        }
        throw new IllegalStateException(
            "--sandbox on was asked for but neither bwrap nor user namespaces (unshare) work"
                + " here; install the Debian package bubblewrap, or use --sandbox auto or off");
      }
    };
  }

  /**
   * Runs the cells with a fresh process whose working folder is {@code workDir}, and more processes
   * when one has to be killed (see the class comment).
   *
   * @param cells the code cells, in order
   * @param workDir an existing folder private to this run
   */
  public WorkerRun run(List<WorkerCell> cells, Path workDir) {
    long start = System.nanoTime();
    long deadline = start + config.timeout().toNanos();
    String kind = sandboxKind();
    boolean sandboxed = !kind.equals("none") && !kind.equals("user");
    int n = cells.size();
    CellOutcome[] outcomes = new CellOutcome[n];
    Map<String, Long> cellMillis = new HashMap<>();
    Set<Integer> skipped = new HashSet<>();
    List<String> incidents = new ArrayList<>();
    int next = 0;
    int restarts = 0;
    ProcessEnd last = null;
    boolean culpritMarked = false;
    WorkerRun.Ending ending = WorkerRun.Ending.DONE;
    String detail = "";
    while (next < n) {
      List<Integer> plan = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (i >= next || !skipped.contains(i)) {
          plan.add(i);
        }
      }
      last = runProcess(cells, plan, workDir, deadline, kind);
      for (Map.Entry<Integer, CellOutcome> e : last.reported().entrySet()) {
        if (e.getKey() >= next) {
          outcomes[e.getKey()] = e.getValue();
          cellMillis.put(cells.get(e.getKey()).id(), last.millis().get(e.getKey()));
        }
      }
      if (last.ending() == WorkerRun.Ending.DONE) {
        break;
      }
      int culprit = -1;
      for (int i : plan) {
        if (!last.reported().containsKey(i)) {
          culprit = i;
          break;
        }
      }
      if (last.blamed() >= next && last.blamed() != culprit) {
        // An earlier cell started the processes: it takes the blame, and the cells after it (which
        // ran beside the processes, short of threads) run again in the next worker.
        culprit = last.blamed();
        outcomes[culprit] =
            killed(cells.get(culprit), last, CellOutcome.STARTED_PROCESSES + last.detail());
        for (int i = culprit + 1; i < n; i++) {
          outcomes[i] = null;
        }
      }
      culpritMarked = false;
      if (last.ending() == WorkerRun.Ending.START_FAILED || culprit < 0) {
        ending = last.ending();
        detail = last.detail();
        break;
      }
      if (outcomes[culprit] == null) {
        outcomes[culprit] =
            killed(cells.get(culprit), last, CellOutcome.RUNNING_WHEN + last.detail());
      }
      skipped.add(culprit);
      next = Math.max(next, culprit + 1);
      incidents.add(last.detail());
      culpritMarked = true;
      // The notebook's own deadline ends everything; a cell past its own limit does not.
      boolean timeUp =
          last.ending() == WorkerRun.Ending.TIMEOUT
              && CellOutcome.KILLED.equals(last.culpritStatus());
      if (timeUp || restarts >= config.limits().maxRestarts() || System.nanoTime() > deadline) {
        ending = timeUp ? WorkerRun.Ending.TIMEOUT : last.ending();
        detail =
            timeUp
                ? last.detail()
                : last.detail() + " (" + restarts + " restarts used, the most allowed)";
        break;
      }
      if (next < n) {
        restarts++;
      }
    }
    boolean firstMissing = !culpritMarked;
    List<CellOutcome> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (outcomes[i] == null) {
        String why = firstMissing ? CellOutcome.RUNNING_WHEN + detail : "not run: " + detail;
        outcomes[i] = CellOutcome.killed(cells.get(i).id(), why);
        firstMissing = false;
      }
      list.add(outcomes[i]);
    }
    if (ending == WorkerRun.Ending.DONE && !incidents.isEmpty()) {
      detail =
          restarts + " worker restart(s), earlier cells replayed: " + String.join("; ", incidents);
    }
    long wall = (System.nanoTime() - start) / 1_000_000;
    return new WorkerRun(
        list,
        ending,
        detail,
        last == null ? 0 : last.exit(),
        last == null ? "" : last.stderrTail(),
        wall,
        sandboxed,
        kind,
        restarts,
        cellMillis);
  }

  /** Runs the planned cells (indices into {@code cells}) in one process. */
  private ProcessEnd runProcess(
      List<WorkerCell> cells, List<Integer> plan, Path workDir, long deadline, String kind) {
    long start = System.nanoTime();
    Duration maxLimit = Duration.ZERO;
    for (int i : plan) {
      Duration l = limitOf(cells.get(i));
      if (l.compareTo(maxLimit) > 0) {
        maxLimit = l;
      }
    }
    List<String> cmd = javaCommand(workDir, maxLimit);
    int uid = -1;
    Process process;
    try {
      if (config.javaBin().getParent() != null && !Files.isExecutable(config.javaBin())) {
        throw new IOException("no java launcher at " + config.javaBin());
      }
      Files.createDirectories(workDir.resolve("tmp"));
      if (kind.equals("bwrap")) {
        if (Bubblewrap.runningAsRoot()) {
          uid = Bubblewrap.nextUid();
          chownTree(workDir, uid);
          openNatives();
        }
        cmd = Bubblewrap.wrap(cmd, workDir, readOnlyPaths(), config.limits(), uid);
      } else if (kind.equals("user")) {
        // No namespaces (a container that forbids them, e.g. Gradescope's): student code still
        // never runs as root, but as a user of its own that owns only its working folder.
        uid = Bubblewrap.nextUid();
        chownTree(workDir, uid);
        openNatives();
        cmd = Bubblewrap.asUser(cmd, uid, config.limits());
      } else if (kind.equals("unshare")) {
        List<Path> needed = new ArrayList<>(List.of(workDir, config.javaBin()));
        config.classPath().forEach(p -> needed.add(Path.of(p)));
        needed.addAll(agentJars());
        cmd = Sandbox.wrap(cmd, Sandbox.hideable(config.hiddenPaths(), needed));
      }
      cmd = diesWithParent(cmd);
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
      Map<String, String> env = pb.environment();
      Map<String, String> parent = Map.copyOf(env);
      env.clear();
      for (String key : BASE_ENV) {
        if (parent.containsKey(key)) {
          env.put(key, parent.get(key));
        }
      }
      env.put("DJL_CACHE_DIR", nativesDir().toString());
      env.putAll(config.environment());
      env.put("TMPDIR", workDir.resolve("tmp").toString());
      process = pb.start();
    } catch (IOException | RuntimeException e) {
      String why = "the worker could not be started: " + e.getMessage();
      return new ProcessEnd(
          WorkerRun.Ending.START_FAILED, why, CellOutcome.KILLED, -1, "", Map.of(), Map.of(), -1);
    }

    Map<String, Integer> indexOfId = new HashMap<>();
    for (int i : plan) {
      indexOfId.putIfAbsent(cells.get(i).id(), i);
    }
    Map<Integer, CellOutcome> reported = new ConcurrentHashMap<>();
    Map<Integer, Long> millis = new ConcurrentHashMap<>();
    AtomicLong lastReport = new AtomicLong(start);
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<String> fatal = new AtomicReference<>();
    Deque<String> stderrTail = new ArrayDeque<>();
    // A no-op cell first: the JVM's and the engine's start end when it is reported, so no cell's
    // limit or measured time includes them.
    AtomicBoolean ready = new AtomicBoolean();
    int blamed = -1;
    RunLimits limits = config.limits();
    int maxChildren = limits.maxProcesses() > 0 ? Math.max(8, limits.maxProcesses() / 8) : 0;
    // Processes are also counted as each cell is reported: a fork bomb can starve the worker of
    // threads so that its cells fail, and the worker ends, between two polls of the watch below.
    // The cell to blame is the one just reported when a report's count sees the swarm (it was
    // running when the processes started), else the one running at the poll. Process start times
    // cannot tell: the JDK derives them from the boot time in whole seconds.
    AtomicReference<Swarm> swarm = new AtomicReference<>();
    IntConsumer countProcesses =
        cell -> {
          if (maxChildren > 0 && swarm.get() == null) {
            long children = process.descendants().count();
            if (children > maxChildren) {
              swarm.compareAndSet(null, new Swarm(children, cell));
            }
          }
        };
    List<WorkerCell> sent = new ArrayList<>(List.of(new WorkerCell(READY_ID, "0")));
    plan.forEach(i -> sent.add(cells.get(i)));
    Thread writer = daemon("worker-stdin", () -> writeCells(process.getOutputStream(), sent));
    Thread reader =
        daemon(
            "worker-stdout",
            () ->
                readProtocol(
                    process.getInputStream(),
                    o -> {
                      if (o.id().equals(READY_ID)) {
                        lastReport.set(System.nanoTime());
                        ready.set(true);
                        return;
                      }
                      Integer index = indexOfId.get(o.id());
                      if (index != null && reported.putIfAbsent(index, o) == null) {
                        long t = System.nanoTime();
                        millis.put(index, (t - lastReport.getAndSet(t)) / 1_000_000);
                        countProcesses.accept(index);
                      }
                    },
                    done,
                    fatal));
    Thread errors = daemon("worker-stderr", () -> drainTail(process.getErrorStream(), stderrTail));
    writer.start();
    reader.start();
    errors.start();

    WorkerRun.Ending ending = WorkerRun.Ending.DONE;
    String detail = "";
    String culpritStatus = CellOutcome.KILLED;
    long rssLimitKb = config.maxRssMb() * 1024L;
    long polls = 0;
    try {
      while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        long now = System.nanoTime();
        if (swarm.get() != null) {
          break;
        }
        if (now > deadline) {
          ending = WorkerRun.Ending.TIMEOUT;
          detail =
              "the notebook ran past its "
                  + config.timeout().toSeconds()
                  + " s time limit and its worker was killed";
          break;
        }
        Integer current = null;
        for (int i : plan) {
          if (!reported.containsKey(i)) {
            current = i;
            break;
          }
        }
        if (current != null) {
          WorkerCell cell = cells.get(current);
          Duration limit = limitOf(cell);
          boolean first = !ready.get();
          long allowed =
              limit.toNanos()
                  + limits.cellGrace().toNanos()
                  + (first ? limits.startup().toNanos() : 0);
          if (!limit.isZero() && now - lastReport.get() > allowed) {
            ending = WorkerRun.Ending.TIMEOUT;
            culpritStatus = "timeout";
            detail =
                "the cell ran past its time limit of "
                    + seconds(limit)
                    + (cell.limitReason().isEmpty() ? "" : " (" + cell.limitReason() + ")")
                    + " and its worker was stopped";
            break;
          }
        }
        if (rssLimitKb > 0) {
          long rss = residentKb(process.toHandle());
          if (rss > rssLimitKb) {
            ending = WorkerRun.Ending.MEMORY;
            culpritStatus = "oom";
            detail =
                "the worker used "
                    + rss / 1024
                    + " MB of memory, over the limit of "
                    + config.maxRssMb()
                    + " MB, and was killed";
            break;
          }
        }
        if (++polls % SLOW_POLLS == 0) {
          countProcesses.accept(current != null ? current : plan.get(plan.size() - 1));
          if (swarm.get() != null) {
            break;
          }
          long disk = limits.maxDiskBytes() > 0 ? diskBytes(workDir) : 0;
          if (limits.maxDiskBytes() > 0 && disk > limits.maxDiskBytes()) {
            ending = WorkerRun.Ending.DISK;
            culpritStatus = "disk";
            detail =
                "the worker stored "
                    + (disk >> 20)
                    + " MB in its working folder, over the limit of "
                    + (limits.maxDiskBytes() >> 20)
                    + " MB, and was killed";
            break;
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ending = WorkerRun.Ending.CRASHED;
      detail = "grading was interrupted";
    }
    if (process.isAlive()) {
      killTree(process);
    }
    int exit = -1;
    try {
      process.waitFor(10, TimeUnit.SECONDS);
      exit = process.isAlive() ? -1 : process.exitValue();
      reader.join(5000);
      errors.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Swarm seen = swarm.get();
    if (seen != null && ending == WorkerRun.Ending.DONE) {
      blamed = seen.blamed();
      ending = WorkerRun.Ending.PROCESSES;
      culpritStatus = "processes";
      detail =
          "the worker started "
              + seen.children()
              + " processes, over the limit of "
              + maxChildren
              + " (a fork bomb?), and was killed";
    }
    if (ending == WorkerRun.Ending.DONE && !(done.get() && reported.size() >= plan.size())) {
      ending = WorkerRun.Ending.CRASHED;
      detail =
          fatal.get() != null
              ? "the worker refused the notebook: " + fatal.get()
              : kind.equals("unshare") && exit == Sandbox.MOUNT_FAILED
                  ? "the sandbox could not hide the grading folders (run with --sandbox off?)"
                  : "the worker process ended (exit status " + exit + ") before running every cell";
      if (fatal.get() != null) {
        // A refused request would be refused again: no restart.
        return new ProcessEnd(
            WorkerRun.Ending.START_FAILED,
            detail,
            CellOutcome.KILLED,
            exit,
            tail(stderrTail),
            Map.copyOf(reported),
            Map.copyOf(millis),
            -1);
      }
    }
    return new ProcessEnd(
        ending,
        detail,
        culpritStatus,
        exit,
        tail(stderrTail),
        Map.copyOf(reported),
        Map.copyOf(millis),
        blamed);
  }

  /** Too many processes seen at once, and the planned cell that started them (-1 if unknown). */
  private record Swarm(long children, int blamed) {}

  /** The outcome of a cell its worker was killed for, with the reason of the kill. */
  private static CellOutcome killed(WorkerCell cell, ProcessEnd end, String why) {
    return new CellOutcome(
        cell.id(), end.culpritStatus(), "", "", List.of(), "Killed", why, List.of());
  }

  private Duration limitOf(WorkerCell cell) {
    Duration override = config.limits().cellOverride();
    if (!override.isZero()) {
      return override;
    }
    Duration cap = config.cellTimeout().isZero() ? config.timeout() : config.cellTimeout();
    return cell.limit().isZero() || cell.limit().compareTo(cap) > 0 ? cap : cell.limit();
  }

  private static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0
        ? ms / 1000 + " s"
        : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1e3);
  }

  private static String tail(Deque<String> stderrTail) {
    synchronized (stderrTail) {
      return String.join("\n", stderrTail);
    }
  }

  /** The jars of the {@code -javaagent:} flags: the worker reads them as it starts. */
  private List<Path> agentJars() {
    List<Path> out = new ArrayList<>();
    for (String option : config.jvmOptions()) {
      if (option.startsWith("-javaagent:")) {
        String jar = option.substring("-javaagent:".length());
        int args = jar.indexOf('=');
        out.add(Path.of(args < 0 ? jar : jar.substring(0, args)));
      }
    }
    return out;
  }

  /** What the sandbox binds read-only: the JDK, the class path, the agents, natives and data. */
  private List<Path> readOnlyPaths() {
    List<Path> out = new ArrayList<>();
    Path javaHome = config.javaBin().toAbsolutePath().getParent();
    if (javaHome != null && javaHome.getParent() != null) {
      out.add(realPath(javaHome.getParent()));
    }
    config.classPath().forEach(p -> out.add(realPath(Path.of(p))));
    agentJars().forEach(p -> out.add(realPath(p)));
    out.add(nativesDir());
    String engineCache = System.getenv("ENGINE_CACHE_DIR");
    if (engineCache != null && !engineCache.isBlank()) {
      out.add(Path.of(engineCache));
    }
    if (config.data() != null) {
      out.add(config.data().directory());
    }
    return out;
  }

  private static Path realPath(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath();
    }
  }

  private static volatile boolean nativesOpened;

  /** {@code user} when the grader is root and can change users, else {@code none}. */
  private static String userKind() {
    return Bubblewrap.runningAsRoot() && onPath("setpriv") && onPath("prlimit") ? "user" : "none";
  }

  /** Whether a program is on the PATH. */
  static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Makes the PyTorch natives cache readable by the worker's own user (DJL creates its folders
   * owner-only, and the JDK's access(2) checks ignore the worker's read capability). It holds only
   * the public PyTorch libraries; done once per grader process.
   */
  private static synchronized void openNatives() {
    if (nativesOpened) {
      return;
    }
    nativesOpened = true;
    Path root = nativesDir();
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        if (Files.isSymbolicLink(p)) {
          continue;
        }
        var perms = new HashSet<>(Files.getPosixFilePermissions(p));
        boolean changed = perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
        if (Files.isDirectory(p)) {
          changed |= perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
        }
        if (changed) {
          Files.setPosixFilePermissions(p, perms);
        }
      }
    } catch (IOException | UnsupportedOperationException ignored) {
      // left as is: the notebook's set-up cell then names the natives it cannot read
    }
  }

  private static void chownTree(Path root, int uid) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
      }
    }
  }

  /** Bytes stored under a folder (links not followed). */
  static long diskBytes(Path root) {
    long[] total = {0};
    try (Stream<Path> s = Files.walk(root)) {
      s.forEach(
          p -> {
            try {
              BasicFileAttributes a =
                  Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
              if (a.isRegularFile()) {
                total[0] += a.size();
              }
            } catch (IOException ignored) {
              // deleted while walking
            }
          });
    } catch (IOException | java.io.UncheckedIOException ignored) {
      // the folder changed while walking: what was counted stands
    }
    return total[0];
  }

  /**
   * On Linux, asks the kernel to kill the worker when the grader dies ({@code setpriv --pdeathsig
   * KILL}), so a grader killed mid-run leaves no worker behind.
   */
  static List<String> diesWithParent(List<String> cmd) {
    if (!SETPRIV_AVAILABLE) {
      return cmd;
    }
    List<String> wrapped = new ArrayList<>(List.of("setpriv", "--pdeathsig", "KILL", "--"));
    wrapped.addAll(cmd);
    return wrapped;
  }

  private static final boolean SETPRIV_AVAILABLE = findSetpriv();

  private static boolean findSetpriv() {
    if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
      return false;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "setpriv"))) {
        return true;
      }
    }
    return false;
  }

  private static Thread daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    return t;
  }

  private void writeCells(OutputStream out, List<WorkerCell> cells) {
    JsonObject request =
        WorkerProtocol.request(
            cells.stream()
                .map(c -> new WorkerProtocol.Cell(c.id(), c.source(), limitOf(c)))
                .toList());
    try (out) {
      out.write(request.toString().getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    } catch (IOException ignored) {
      // the worker died before reading everything; its cells are reported as killed
    }
  }

  private void readProtocol(
      InputStream in,
      java.util.function.Consumer<CellOutcome> reported,
      AtomicBoolean done,
      AtomicReference<String> fatal) {
    // A protocol line carries at most the capped output (UTF-8, JSON-escaped) plus images.
    long maxLine = Math.max(64L << 20, config.maxOutputBytes() * 8 + (16L << 20));
    try (in) {
      String line;
      while ((line = readLine(in, maxLine)) != null) {
        JsonObject o;
        try {
          JsonElement e = JsonParser.parseString(line);
          if (!e.isJsonObject()) {
            continue;
          }
          o = e.getAsJsonObject();
        } catch (RuntimeException e) {
          continue;
        }
        WorkerProtocol.LineType type = WorkerProtocol.LineType.of(o).orElse(null);
        if (type == WorkerProtocol.LineType.DONE) {
          done.set(true);
        } else if (type == WorkerProtocol.LineType.FATAL) {
          fatal.compareAndSet(null, string(o, WorkerProtocol.MESSAGE));
        } else if (type == WorkerProtocol.LineType.CELL) {
          reported.accept(parseCell(o));
        }
      }
    } catch (IOException ignored) {
      // the stream closed when the process was killed
    }
  }

  /** One protocol {@code cell} line as an outcome. */
  static CellOutcome parseCell(JsonObject o) {
    List<JsonObject> outputs = new ArrayList<>();
    JsonElement outs = o.get(WorkerProtocol.OUTPUTS);
    if (outs != null && outs.isJsonArray()) {
      for (JsonElement e : outs.getAsJsonArray()) {
        if (e.isJsonObject()) {
          outputs.add(e.getAsJsonObject());
        }
      }
    }
    String ename = "";
    String evalue = "";
    List<String> traceback = new ArrayList<>();
    JsonElement err = o.get(WorkerProtocol.ERROR);
    if (err != null && err.isJsonObject()) {
      JsonObject eo = err.getAsJsonObject();
      ename = string(eo, WorkerProtocol.ENAME);
      evalue = string(eo, WorkerProtocol.EVALUE);
      JsonElement tb = eo.get(WorkerProtocol.TRACEBACK);
      if (tb != null && tb.isJsonArray()) {
        tb.getAsJsonArray()
            .forEach(t -> traceback.add(t.isJsonPrimitive() ? t.getAsString() : t.toString()));
      }
    }
    String status = string(o, WorkerProtocol.STATUS);
    return new CellOutcome(
        string(o, WorkerProtocol.ID),
        status.isEmpty() ? CellStatus.ERROR.wireName() : status,
        string(o, WorkerProtocol.STDOUT),
        string(o, WorkerProtocol.STDERR),
        outputs,
        ename,
        evalue,
        traceback);
  }

  private static String string(JsonObject o, String key) {
    return WorkerProtocol.string(o, key);
  }

  /** Reads one line of at most {@code max} bytes; longer lines are skipped whole. */
  static String readLine(InputStream in, long max) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
    boolean overflow = false;
    int b;
    boolean any = false;
    while ((b = in.read()) != -1) {
      any = true;
      if (b == '\n') {
        if (overflow) {
          overflow = false;
          buf.reset();
          continue;
        }
        return buf.toString(StandardCharsets.UTF_8);
      }
      if (!overflow) {
        if (buf.size() >= max) {
          overflow = true;
          buf.reset();
        } else {
          buf.write(b);
        }
      }
    }
    return any && !overflow && buf.size() > 0 ? buf.toString(StandardCharsets.UTF_8) : null;
  }

  private static void drainTail(InputStream in, Deque<String> tail) {
    try (in) {
      String line;
      while ((line = readLine(in, 4096)) != null) {
        synchronized (tail) {
          tail.addLast(line);
          if (tail.size() > STDERR_TAIL_LINES) {
            tail.removeFirst();
          }
        }
      }
    } catch (IOException ignored) {
      // closed on kill
    }
  }

  /** Resident memory of a process and its descendants in kB (Linux /proc; 0 elsewhere). */
  static long residentKb(ProcessHandle root) {
    long total = rssKb(root.pid());
    for (ProcessHandle h : root.descendants().toList()) {
      total += rssKb(h.pid());
    }
    return total;
  }

  private static long rssKb(long pid) {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException ignored) {
      // gone or not Linux
    }
    return 0;
  }

  private static void killTree(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
