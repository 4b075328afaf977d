package vaecourse.training;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.util.Pair;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Saves a block's parameters to a file and loads them back into the same architecture. */
public final class Checkpoint {

  private Checkpoint() {}

  /**
   * Writes every parameter of {@code block} to {@code file} (DJL's parameter format), through a
   * temporary file so an interrupted save never leaves half a checkpoint.
   *
   * @throws UncheckedIOException naming the file when writing fails
   */
  public static void save(Block block, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = parent.resolve(file.getFileName() + ".part");
      try (DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
        block.saveParameters(out);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("could not save a checkpoint to " + file, e);
    }
  }

  /**
   * Loads parameters saved by {@link #save} into {@code block}, which must have the same
   * architecture and be initialized. The arrays the parameters held before are closed.
   *
   * @throws UncheckedIOException naming the file when it is missing or does not match the block
   */
  public static void load(Block block, Path file) {
    ParameterList parameters = block.getParameters();
    if (parameters.isEmpty() || !parameters.get(0).getValue().isInitialized()) {
      throw new IllegalStateException(
          "initialize the block before loading " + file + " into it (block.initialize(...))");
    }
    Map<NDArray, Boolean> before = new IdentityHashMap<>();
    for (Pair<String, Parameter> p : parameters) {
      before.put(p.getValue().getArray(), Boolean.TRUE);
    }
    var manager = parameters.get(0).getValue().getArray().getManager();
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      block.loadParameters(manager, in);
    } catch (IOException | MalformedModelException e) {
      throw new UncheckedIOException(
          "could not load the checkpoint " + file + " (saved from a different model?): "
              + e.getMessage(),
          e instanceof IOException ? (IOException) e : new IOException(e));
    }
    List<NDArray> stale = new ArrayList<>();
    for (Pair<String, Parameter> p : parameters) {
      Parameter parameter = p.getValue();
      NDArray now = parameter.getArray();
      if (before.remove(now) == null && parameter.requiresGradient()) {
        now.setRequiresGradient(true);
      }
    }
    stale.addAll(before.keySet());
    stale.forEach(NDArray::close);
  }

  /**
   * A checkpoint path under the course's {@code build/checkpoints/} when {@code COURSE_HOME} is
   * set, else under the system's temporary directory.
   */
  public static Path defaultPath(String name) {
    String home = System.getenv("COURSE_HOME");
    Path dir =
        home != null && !home.isBlank()
            ? Paths.get(home, "build", "checkpoints")
            : Paths.get(System.getProperty("java.io.tmpdir"), "vaecourse-checkpoints");
    return dir.resolve(name + ".params");
  }
}
