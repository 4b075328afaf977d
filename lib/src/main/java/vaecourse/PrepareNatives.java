package vaecourse;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.util.Utils;

/**
 * Unpacks the PyTorch natives into DJL's cache ({@code DJL_CACHE_DIR}, else {@code ~/.djl.ai}) and
 * runs one tensor operation on them, so that the first notebook cell and every grading worker find
 * them ready. Set-up runs it once; grading workers only read that folder (the sandbox mounts it
 * read-only), so they could not unpack it themselves.
 *
 * <p>Usage: {@code java -cp vae-lib-all.jar vaecourse.PrepareNatives}; exits non-zero with the
 * engine's reason when the natives cannot be loaded.
 */
public final class PrepareNatives {
  private PrepareNatives() {}

  /** Command-line entry point; see the class comment. */
  public static void main(String[] args) {
    try {
      Engine engine = Engine.getEngine("PyTorch");
      try (NDManager m = NDManager.newBaseManager()) {
        float sum = m.create(new float[] {1f, 2f, 3f}).sum().getFloat();
        if (sum != 6f) {
          throw new IllegalStateException("1 + 2 + 3 gave " + sum);
        }
      }
      System.out.println(
          "PyTorch "
              + engine.getVersion()
              + " natives ready in "
              + Utils.getEngineCacheDir()
              + " (device "
              + engine.defaultDevice()
              + ")");
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      System.err.println("error: the PyTorch natives could not be loaded: " + e.getMessage());
      System.exit(1);
    }
  }
}
