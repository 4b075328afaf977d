package vaecourse.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import vaecourse.engine.CourseJvmOptions;

/**
 * Runs notebooks through the real Jupyter client (nbclient, Debian's python) against kernelspecs
 * written into a temporary JUPYTER_PATH that point at this build's classes.
 */
final class JupyterRun {
  static final String PYTHON = "/usr/bin/python3";
  private static final long LIMIT_SECONDS = 180;

  private final Path jupyterPath;

  JupyterRun(Path dir) {
    this.jupyterPath = dir;
  }

  /** Whether Debian's python has the Jupyter client (nbclient, nbformat). */
  static boolean jupyterAvailable() {
    try {
      Process p =
          new ProcessBuilder(PYTHON, "-c", "import nbclient, nbformat, jupyter_client")
              .redirectErrorStream(true)
              .start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The class path this test runs with (surefire's, not its booter jar). */
  static String testClassPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  /** Writes {@code kernels/NAME/kernel.json} running this build's kernel with extra env. */
  void writeKernelspec(String name, Map<String, String> env) throws IOException {
    writeKernelspec(name, env, List.of());
  }

  /** Writes a kernelspec with extra env and extra JVM options (such as {@code -Dkey=value}). */
  void writeKernelspec(String name, Map<String, String> env, List<String> jvmOptions)
      throws IOException {
    JsonObject spec = new JsonObject();
    JsonArray argv = new JsonArray();
    argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    CourseJvmOptions.withThreads(2).forEach(argv::add);
    jvmOptions.forEach(argv::add);
    argv.add("-Xmx512m");
    argv.add("-cp");
    argv.add(testClassPath());
    argv.add("vaecourse.kernel.Main");
    argv.add("{connection_file}");
    spec.add("argv", argv);
    spec.addProperty("display_name", "Java (VAE course, test)");
    spec.addProperty("language", "java");
    spec.addProperty("interrupt_mode", "message");
    JsonObject envJson = new JsonObject();
    env.forEach(envJson::addProperty);
    spec.add("env", envJson);
    Path dir = jupyterPath.resolve("kernels").resolve(name);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("kernel.json"), spec.toString());
  }

  /** The result of one run: the executed notebook and the client's stderr (kernel's included). */
  record Result(JsonObject notebook, String stderr) {
    JsonArray outputs(int cell) {
      return notebook.getAsJsonArray("cells").get(cell).getAsJsonObject().getAsJsonArray("outputs");
    }

    List<JsonObject> outputs(int cell, String type) {
      List<JsonObject> out = new ArrayList<>();
      for (JsonElement o : outputs(cell)) {
        if (type.equals(o.getAsJsonObject().get("output_type").getAsString())) {
          out.add(o.getAsJsonObject());
        }
      }
      return out;
    }

    /** A MIME type's content in an output (nbformat may store it as a list of lines). */
    static String data(JsonObject output, String mime) {
      JsonElement e = output.getAsJsonObject("data").get(mime);
      if (e == null) {
        return null;
      }
      if (e.isJsonArray()) {
        StringBuilder sb = new StringBuilder();
        e.getAsJsonArray().forEach(x -> sb.append(x.getAsString()));
        return sb.toString();
      }
      return e.getAsString();
    }

    static String text(JsonObject stream) {
      JsonElement e = stream.get("text");
      if (e.isJsonArray()) {
        StringBuilder sb = new StringBuilder();
        e.getAsJsonArray().forEach(x -> sb.append(x.getAsString()));
        return sb.toString();
      }
      return e.getAsString();
    }

    String allErrors() {
      List<String> errs = new ArrayList<>();
      JsonArray cells = notebook.getAsJsonArray("cells");
      for (int i = 0; i < cells.size(); i++) {
        for (JsonObject o : outputs(i, "error")) {
          errs.add(i + ": " + o.get("ename").getAsString() + ": " + o.get("evalue").getAsString());
        }
      }
      return errs.stream().collect(Collectors.joining("\n"));
    }
  }

  /** Copies a fixture folder's notebook into {@code work}, executes it and reads the result. */
  Result run(String kernel, Path notebook, Path work, String... clientArgs) throws Exception {
    Path out = work.resolve("executed-" + notebook.getFileName());
    List<String> cmd =
        new ArrayList<>(
            List.of(
                PYTHON,
                Path.of("src/test/resources/run_notebook.py").toAbsolutePath().toString(),
                kernel,
                notebook.toString(),
                out.toString()));
    cmd.addAll(List.of(clientArgs));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("JUPYTER_PATH", jupyterPath.toString());
    pb.environment().put("JUPYTER_RUNTIME_DIR", jupyterPath.resolve("runtime").toString());
    Path err = work.resolve("stderr-" + notebook.getFileName() + ".txt");
    pb.redirectError(err.toFile());
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    boolean finished = p.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS);
    if (!finished) {
      p.destroyForcibly();
    }
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertTrue(finished, "the Jupyter client hung; stderr:\n" + stderr);
    assertTrue(p.exitValue() == 0, "the Jupyter client failed; stderr:\n" + stderr);
    JsonObject nb =
        JsonParser.parseString(Files.readString(out, StandardCharsets.UTF_8)).getAsJsonObject();
    return new Result(nb, stderr);
  }

  /** Copies the test's fixture notebooks to a work folder (the kernel runs in that folder). */
  static Path fixtures(Path work) throws IOException {
    Path dir = work.resolve("notebooks");
    Files.createDirectories(dir);
    try (var files = Files.list(Path.of("src/test/resources/notebooks"))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    return dir;
  }
}
