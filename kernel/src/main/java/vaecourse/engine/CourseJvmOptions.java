package vaecourse.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags every course process starts with, read from the one file that also feeds the
 * scripts ({@code kernel/src/main/resources/vaecourse/engine/course-jvm.options}, read there by
 * {@code scripts/common.sh}), so that the kernelspec, the grader's workers and the scripts cannot
 * drift apart.
 */
public final class CourseJvmOptions {
  /** The resource holding the flags, one a line. */
  static final String RESOURCE = "course-jvm.options";

  private CourseJvmOptions() {}

  /**
   * The course's flags plus the PyTorch intra-op thread count.
   *
   * @param threads {@code -Dai.djl.pytorch.num_threads}, at least 1
   * @throws IllegalArgumentException when {@code threads < 1}
   */
  public static List<String> withThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    List<String> out = new ArrayList<>(fixed());
    out.add("-Dai.djl.pytorch.num_threads=" + threads);
    return out;
  }

  /** The flags of the file, without comments and blank lines. */
  public static List<String> fixed() {
    try (InputStream in = CourseJvmOptions.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the kernel jar lacks vaecourse/engine/" + RESOURCE + "; rebuild it (./course setup)");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read vaecourse/engine/" + RESOURCE, e);
    }
  }

  static List<String> parse(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String flag = line.strip();
      if (!flag.isEmpty() && !flag.startsWith("#")) {
        out.add(flag);
      }
    }
    return List.copyOf(out);
  }
}
