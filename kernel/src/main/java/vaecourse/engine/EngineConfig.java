package vaecourse.engine;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of an {@link Engine}.
 *
 * @param classPath jars and folders user code compiles and runs against (besides the engine's own)
 * @param compilerOptions extra javac options, e.g. {@code --enable-preview}
 * @param cellTimeout wall-clock limit per cell; {@link Duration#ZERO} means none
 * @param maxOutputBytes cap on what one cell may print (stdout and stderr together, in UTF-16
 *     characters); 0 means none
 * @param trapExit whether {@code System.exit} in cell code is trapped and reported (otherwise it
 *     ends the process)
 */
public record EngineConfig(
    List<String> classPath,
    List<String> compilerOptions,
    Duration cellTimeout,
    long maxOutputBytes,
    boolean trapExit) {

  /** Checks limits are not negative and copies the lists. */
  public EngineConfig {
    classPath = List.copyOf(classPath);
    compilerOptions = List.copyOf(compilerOptions);
    Objects.requireNonNull(cellTimeout, "cellTimeout");
    if (cellTimeout.isNegative()) {
      throw new IllegalArgumentException("cellTimeout must be >= 0, got " + cellTimeout);
    }
    if (maxOutputBytes < 0) {
      throw new IllegalArgumentException("maxOutputBytes must be >= 0, got " + maxOutputBytes);
    }
  }

  /** No extra class path, no timeout, no output cap, exit trapped. */
  public static EngineConfig defaults() {
    return new EngineConfig(List.of(), List.of(), Duration.ZERO, 0, true);
  }

  /** A copy with another class path. */
  public EngineConfig withClassPath(List<String> newClassPath) {
    return new EngineConfig(newClassPath, compilerOptions, cellTimeout, maxOutputBytes, trapExit);
  }

  /** A copy with another cell timeout (zero for none). */
  public EngineConfig withCellTimeout(Duration timeout) {
    return new EngineConfig(classPath, compilerOptions, timeout, maxOutputBytes, trapExit);
  }

  /** A copy with another output cap (zero for none). */
  public EngineConfig withMaxOutputBytes(long max) {
    return new EngineConfig(classPath, compilerOptions, cellTimeout, max, trapExit);
  }

  /** A copy with other compiler options. */
  public EngineConfig withCompilerOptions(List<String> options) {
    return new EngineConfig(classPath, options, cellTimeout, maxOutputBytes, trapExit);
  }
}
