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
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import vaecourse.engine.CellStatus;
import vaecourse.engine.WorkerProtocol;

/**
 * Starts one engine worker process for one notebook, feeds it the cells and collects the protocol
 * lines, enforcing the wall-clock and resident-memory limits from outside the process. Never throws
 * for anything the notebook does: every way a run can go wrong ends as a {@link WorkerRun}.
 */
public final class WorkerRunner {
  /** One cell to run: the protocol id and the Java source. */
  public record WorkerCell(String id, String source) {}

  private static final long POLL_MILLIS = 200;
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
    List<String> cmd = new ArrayList<>();
    cmd.add(config.javaBin().toString());
    cmd.add("-Xmx" + config.heapMb() + "m");
    cmd.add("-XX:-UsePerfData");
    cmd.add("-Djava.io.tmpdir=" + workDir.resolve("tmp"));
    cmd.addAll(config.jvmOptions());
    cmd.add("-cp");
    cmd.add(String.join(java.io.File.pathSeparator, config.classPath()));
    cmd.add(config.mainClass());
    cmd.add(WorkerProtocol.CELL_TIMEOUT_ARG);
    cmd.add(Long.toString(Math.max(0, config.cellTimeout().toSeconds())));
    cmd.add(WorkerProtocol.MAX_OUTPUT_ARG);
    cmd.add(Long.toString(config.maxOutputBytes()));
    return cmd;
  }

  /**
   * Runs the cells in a fresh process whose working folder is {@code workDir}.
   *
   * @param cells the code cells, in order
   * @param workDir an existing folder private to this run
   */
  public WorkerRun run(List<WorkerCell> cells, Path workDir) {
    long start = System.nanoTime();
    boolean sandboxed = useSandbox();
    List<String> cmd = javaCommand(workDir);
    if (sandboxed) {
      List<Path> needed = new ArrayList<>(List.of(workDir, config.javaBin()));
      config.classPath().forEach(p -> needed.add(Path.of(p)));
      cmd = Sandbox.wrap(cmd, Sandbox.hideable(config.hiddenPaths(), needed));
    }
    cmd = diesWithParent(cmd);
    Process process;
    try {
      if (config.javaBin().getParent() != null && !Files.isExecutable(config.javaBin())) {
        throw new IOException("no java launcher at " + config.javaBin());
      }
      Files.createDirectories(workDir.resolve("tmp"));
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
      Map<String, String> env = pb.environment();
      Map<String, String> parent = Map.copyOf(env);
      env.clear();
      for (String key : BASE_ENV) {
        if (parent.containsKey(key)) {
          env.put(key, parent.get(key));
        }
      }
      env.putAll(config.environment());
      env.put("TMPDIR", workDir.resolve("tmp").toString());
      process = pb.start();
    } catch (IOException | RuntimeException e) {
      List<CellOutcome> killed = new ArrayList<>();
      String why = "the worker could not be started: " + e.getMessage();
      cells.forEach(c -> killed.add(CellOutcome.killed(c.id(), why)));
      return new WorkerRun(killed, WorkerRun.Ending.START_FAILED, why, -1, "", 0, sandboxed);
    }

    Map<String, CellOutcome> reported = new ConcurrentHashMap<>();
    AtomicBoolean done = new AtomicBoolean();
    java.util.concurrent.atomic.AtomicReference<String> fatal =
        new java.util.concurrent.atomic.AtomicReference<>();
    Deque<String> stderrTail = new ArrayDeque<>();
    Thread writer = daemon("worker-stdin", () -> writeCells(process.getOutputStream(), cells));
    Thread reader =
        daemon(
            "worker-stdout", () -> readProtocol(process.getInputStream(), reported, done, fatal));
    Thread errors = daemon("worker-stderr", () -> drainTail(process.getErrorStream(), stderrTail));
    writer.start();
    reader.start();
    errors.start();

    WorkerRun.Ending ending = WorkerRun.Ending.DONE;
    String detail = "";
    long deadline = start + config.timeout().toNanos();
    long rssLimitKb = config.maxRssMb() * 1024L;
    try {
      while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        if (System.nanoTime() > deadline) {
          ending = WorkerRun.Ending.TIMEOUT;
          detail =
              "the notebook ran past its "
                  + config.timeout().toSeconds()
                  + " s time limit and its worker was killed";
          break;
        }
        if (rssLimitKb > 0) {
          long rss = residentKb(process.toHandle());
          if (rss > rssLimitKb) {
            ending = WorkerRun.Ending.MEMORY;
            detail =
                "the worker used "
                    + rss / 1024
                    + " MB of memory, over the limit of "
                    + config.maxRssMb()
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
    if (ending == WorkerRun.Ending.DONE && !(done.get() && reported.size() >= distinct(cells))) {
      ending = WorkerRun.Ending.CRASHED;
      detail =
          fatal.get() != null
              ? "the worker refused the notebook: " + fatal.get()
              : sandboxed && exit == Sandbox.MOUNT_FAILED
                  ? "the sandbox could not hide the grading folders (run with --sandbox off?)"
                  : "the worker process ended (exit status " + exit + ") before running every cell";
    }
    List<CellOutcome> outcomes = new ArrayList<>();
    boolean firstMissing = true;
    for (WorkerCell c : cells) {
      CellOutcome o = reported.get(c.id());
      if (o == null) {
        String why = firstMissing ? "this cell was running when " + detail : "not run: " + detail;
        outcomes.add(CellOutcome.killed(c.id(), why));
        firstMissing = false;
      } else {
        outcomes.add(o);
      }
    }
    String tail;
    synchronized (stderrTail) {
      tail = String.join("\n", stderrTail);
    }
    long wall = (System.nanoTime() - start) / 1_000_000;
    return new WorkerRun(outcomes, ending, detail, exit, tail, wall, sandboxed);
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

  private boolean useSandbox() {
    return switch (config.sandbox()) {
      case OFF -> false;
      case AUTO -> Sandbox.available();
      case ON -> {
        if (!Sandbox.available()) {
          throw new IllegalStateException(
              "--sandbox on was asked for but user namespaces (unshare) are not available here;"
                  + " use --sandbox auto or off");
        }
        yield true;
      }
    };
  }

  private static long distinct(List<WorkerCell> cells) {
    return cells.stream().map(WorkerCell::id).distinct().count();
  }

  private static Thread daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    return t;
  }

  private static void writeCells(OutputStream out, List<WorkerCell> cells) {
    JsonObject request =
        WorkerProtocol.request(
            cells.stream().map(c -> new WorkerProtocol.Cell(c.id(), c.source())).toList());
    try (out) {
      out.write(request.toString().getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    } catch (IOException ignored) {
      // the worker died before reading everything; its cells are reported as killed
    }
  }

  private void readProtocol(
      InputStream in,
      Map<String, CellOutcome> reported,
      AtomicBoolean done,
      java.util.concurrent.atomic.AtomicReference<String> fatal) {
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
          CellOutcome outcome = parseCell(o);
          reported.putIfAbsent(outcome.id(), outcome);
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
