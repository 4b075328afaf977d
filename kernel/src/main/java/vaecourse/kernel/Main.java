package vaecourse.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import vaecourse.engine.EngineConfig;

/**
 * Starts the kernel: {@code java ... vaecourse.kernel.Main CONNECTION_FILE}.
 *
 * <p>Reads IJava's environment variables: {@code IJAVA_CLASSPATH} (jars, folders or globs joined by
 * the path separator), {@code IJAVA_STARTUP_SCRIPTS_PATH} (files or globs of code run at start),
 * {@code IJAVA_STARTUP_SCRIPT} (code run at start), {@code IJAVA_TIMEOUT} (per-cell limit in
 * milliseconds; below 1 means none) and {@code IJAVA_COMPILER_OPTS} (extra javac options).
 */
public final class Main {
  /** Kept so the level set on basekernel's loggers is not garbage-collected away. */
  private static final Logger BASEKERNEL_LOG = Logger.getLogger("io.github.spencerpark");

  private static final Logger ROOT_LOG = Logger.getLogger("");

  private Main() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    // basekernel logs ~40 INFO lines per run to stderr; a notebook run keeps stderr clean.
    BASEKERNEL_LOG.setLevel(Level.WARNING);
    ROOT_LOG.setLevel(Level.WARNING); // basekernel names its loggers "ShellChannel", "Loop-..."
    if (args.length != 1) {
      System.err.println("usage: java vaecourse.kernel.Main CONNECTION_FILE");
      System.exit(2);
    }
    String connection = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
    KernelConnectionProperties props = KernelConnectionProperties.parse(connection);
    JupyterConnection conn = new JupyterConnection(props);

    VaeKernel kernel = new VaeKernel(configFromEnvironment(), startupScripts(), System.err);
    kernel.attach(conn);
    conn.connect();
    conn.waitUntilClose();
    System.exit(0);
  }

  static EngineConfig configFromEnvironment() {
    List<String> classPath = new ArrayList<>();
    for (String entry : split(System.getenv("IJAVA_CLASSPATH"))) {
      classPath.addAll(expandGlob(entry));
    }
    List<String> opts = new ArrayList<>();
    String optText = System.getenv("IJAVA_COMPILER_OPTS");
    if (optText != null && !optText.isBlank()) {
      opts.addAll(Arrays.asList(optText.trim().split("\\s+")));
    }
    Duration timeout = Duration.ZERO;
    String t = System.getenv("IJAVA_TIMEOUT");
    if (t != null && !t.isBlank()) {
      try {
        long ms = Long.parseLong(t.trim());
        timeout = ms < 1 ? Duration.ZERO : Duration.ofMillis(ms);
      } catch (NumberFormatException e) {
        System.err.println(
            "[vae-java kernel] IJAVA_TIMEOUT must be milliseconds, got '"
                + t
                + "'; running without a timeout");
      }
    }
    return EngineConfig.defaults()
        .withClassPath(classPath)
        .withCompilerOptions(opts)
        .withCellTimeout(timeout);
  }

  private static List<String> startupScripts() throws IOException {
    List<String> scripts = new ArrayList<>();
    for (String entry : split(System.getenv("IJAVA_STARTUP_SCRIPTS_PATH"))) {
      for (String file : expandGlob(entry)) {
        scripts.add(Files.readString(Path.of(file), StandardCharsets.UTF_8));
      }
    }
    String inline = System.getenv("IJAVA_STARTUP_SCRIPT");
    if (inline != null && !inline.isBlank()) {
      scripts.add(inline);
    }
    return scripts;
  }

  private static List<String> split(String value) {
    List<String> out = new ArrayList<>();
    if (value != null) {
      for (String part : value.split(File.pathSeparator)) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
    }
    return out;
  }

  /** A path, or the files a glob in it matches (missing paths are skipped with a warning). */
  private static List<String> expandGlob(String entry) {
    try {
      List<String> out = new ArrayList<>();
      for (Path p : vaecourse.engine.Globs.expand(entry, false)) {
        out.add(p.toString());
      }
      return out;
    } catch (IllegalArgumentException e) {
      System.err.println("[vae-java kernel] skipping class path entry: " + e.getMessage());
      return List.of();
    }
  }
}
