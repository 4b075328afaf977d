package vaecourse.grader.execute;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How to start an engine worker and the limits it runs under.
 *
 * @param javaBin the java launcher
 * @param classPath the worker's class path: the kernel jar (or classes), then the course library
 * @param mainClass {@code vaecourse.engine.Worker} (tests put a fake here)
 * @param jvmOptions extra JVM flags (the course's {@code course_java_opts})
 * @param heapMb {@code -Xmx} in MB
 * @param maxRssMb the watchdog kills the worker when its resident memory (with children) passes
 *     this, in MB; 0 turns the watchdog off
 * @param timeout wall-clock limit for the whole notebook
 * @param cellTimeout per-cell limit passed to the worker
 * @param maxOutputBytes per-cell output cap passed to the worker
 * @param environment variables given to the worker on top of a minimal base (PATH, HOME, LANG,
 *     JAVA_HOME)
 * @param sandbox whether to run it in a mount and network namespace (see {@link Sandbox})
 * @param hiddenPaths folders the sandbox hides from the worker (solutions, submissions, results)
 * @param data the image data the worker gets, pinned and bound read-only; null for none
 * @param limits process, file and disk limits, the runaway grace and the restart budget
 */
public record WorkerConfig(
    Path javaBin,
    List<String> classPath,
    String mainClass,
    List<String> jvmOptions,
    int heapMb,
    int maxRssMb,
    Duration timeout,
    Duration cellTimeout,
    long maxOutputBytes,
    Map<String, String> environment,
    Sandbox.Mode sandbox,
    List<Path> hiddenPaths,
    DataSet data,
    RunLimits limits) {

  /** The engine worker's main class. */
  public static final String WORKER_MAIN = "vaecourse.engine.Worker";

  /** Checks limits and copies collections. */
  public WorkerConfig {
    classPath = List.copyOf(classPath);
    jvmOptions = List.copyOf(jvmOptions);
    environment = Map.copyOf(environment);
    hiddenPaths = List.copyOf(hiddenPaths);
    if (limits == null) {
      limits = RunLimits.defaults();
    }
    if (classPath.isEmpty()) {
      throw new IllegalArgumentException("classPath must name the kernel jar, got an empty list");
    }
    if (heapMb < 64) {
      throw new IllegalArgumentException("heapMb must be >= 64, got " + heapMb);
    }
    if (maxRssMb < 0) {
      throw new IllegalArgumentException("maxRssMb must be >= 0, got " + maxRssMb);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be > 0, got " + timeout);
    }
    if (cellTimeout.isNegative()) {
      throw new IllegalArgumentException("cellTimeout must be >= 0, got " + cellTimeout);
    }
    if (maxOutputBytes < 0) {
      throw new IllegalArgumentException("maxOutputBytes must be >= 0, got " + maxOutputBytes);
    }
  }

  /** A configuration without data and with the default {@link RunLimits}. */
  public WorkerConfig(
      Path javaBin,
      List<String> classPath,
      String mainClass,
      List<String> jvmOptions,
      int heapMb,
      int maxRssMb,
      Duration timeout,
      Duration cellTimeout,
      long maxOutputBytes,
      Map<String, String> environment,
      Sandbox.Mode sandbox,
      List<Path> hiddenPaths) {
    this(
        javaBin,
        classPath,
        mainClass,
        jvmOptions,
        heapMb,
        maxRssMb,
        timeout,
        cellTimeout,
        maxOutputBytes,
        environment,
        sandbox,
        hiddenPaths,
        null,
        RunLimits.defaults());
  }

  /** The java launcher of the running JVM. */
  public static Path currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /** A copy with another main class (tests use a fake worker). */
  public WorkerConfig withMainClass(String main) {
    return new WorkerConfig(
        javaBin,
        classPath,
        main,
        jvmOptions,
        heapMb,
        maxRssMb,
        timeout,
        cellTimeout,
        maxOutputBytes,
        environment,
        sandbox,
        hiddenPaths,
        data,
        limits);
  }

  /** A copy with other hidden paths. */
  public WorkerConfig withHiddenPaths(List<Path> paths) {
    return new WorkerConfig(
        javaBin,
        classPath,
        mainClass,
        jvmOptions,
        heapMb,
        maxRssMb,
        timeout,
        cellTimeout,
        maxOutputBytes,
        environment,
        sandbox,
        paths,
        data,
        limits);
  }

  /** A copy with another notebook timeout. */
  public WorkerConfig withTimeout(Duration t, Duration cell) {
    return new WorkerConfig(
        javaBin,
        classPath,
        mainClass,
        jvmOptions,
        heapMb,
        maxRssMb,
        t,
        cell,
        maxOutputBytes,
        environment,
        sandbox,
        hiddenPaths,
        data,
        limits);
  }

  /** A copy with other data. */
  public WorkerConfig withData(DataSet d) {
    return new WorkerConfig(
        javaBin,
        classPath,
        mainClass,
        jvmOptions,
        heapMb,
        maxRssMb,
        timeout,
        cellTimeout,
        maxOutputBytes,
        environment,
        sandbox,
        hiddenPaths,
        d,
        limits);
  }

  /** A copy with other run limits. */
  public WorkerConfig withLimits(RunLimits l) {
    return new WorkerConfig(
        javaBin,
        classPath,
        mainClass,
        jvmOptions,
        heapMb,
        maxRssMb,
        timeout,
        cellTimeout,
        maxOutputBytes,
        environment,
        sandbox,
        hiddenPaths,
        data,
        l);
  }

  /** A copy with another sandbox mode. */
  public WorkerConfig withSandbox(Sandbox.Mode mode) {
    return new WorkerConfig(
        javaBin,
        classPath,
        mainClass,
        jvmOptions,
        heapMb,
        maxRssMb,
        timeout,
        cellTimeout,
        maxOutputBytes,
        environment,
        mode,
        hiddenPaths,
        data,
        limits);
  }
}
