package vaecourse;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Random;

/**
 * The one call of a notebook's set-up cell: {@code Course.start(42)} reads the run profile, seeds
 * every random number generator the course uses, picks the device and prints one line saying so.
 *
 * <p>After {@link #start(long)}, library code draws its Java-side randomness from {@link #random()}
 * or from {@link #random(String)} (a generator per purpose, so that adding a sample in one cell
 * does not shift the numbers of another), and its tensor randomness from the engine, whose seed is
 * set here too.
 */
public final class Course {

  private static volatile Session session;

  private Course() {}

  /** What {@link #start(long)} chose: the profile, the device and the seed. */
  public record Session(Profile profile, Device device, long seed, Random random) {

    /** The line printed at start, e.g. {@code course: profile full, device cpu(), seed 42}. */
    @Override
    public String toString() {
      return "course: profile " + profile + ", device " + device + ", seed " + seed;
    }
  }

  /**
   * Starts (or restarts) a course session: reads the profile, seeds Java and the engine, selects
   * the CUDA GPU when one is present (else the CPU) and prints one line naming all three.
   *
   * @param seed the seed for {@link #random()} and for the engine's generator
   * @return the session, also available later from {@link #session()}
   */
  public static Session start(long seed) {
    Logging.quiet();
    Profile profile = Profile.fromEnvironment();
    Engine engine = Engine.getInstance();
    // The engine takes an int seed; fold the long so that distinct seeds stay distinct in practice.
    engine.setRandomSeed((int) (seed ^ (seed >>> 32)));
    Device device = engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    Session started = new Session(profile, device, seed, new Random(seed));
    session = started;
    System.out.println(started);
    if (System.getProperty("vaecourse.agent.blobs") == null) {
      System.out.println(
          "course: warning: this JVM runs without the course's engine agent, so a gradient through"
              + " x.mul(0.5) and the like can come out wrong after a garbage collection; start"
              + " Jupyter with ./course jupyter, or add -javaagent:agent/target/vae-agent-1.0.0.jar"
              + " to the JVM's flags");
    }
    return started;
  }

  /** The current session, starting one with seed 0 when no set-up cell ran. */
  public static Session session() {
    Session current = session;
    if (current == null) {
      synchronized (Course.class) {
        current = session;
        if (current == null) {
          current = start(0);
        }
      }
    }
    return current;
  }

  /** The run profile of the current session. */
  public static Profile profile() {
    Session current = session;
    return current == null ? Profile.fromEnvironment() : current.profile();
  }

  /** The device of the current session: the GPU when present, else the CPU. */
  public static Device device() {
    return session().device();
  }

  /** The session's shared generator, seeded by {@link #start(long)}. */
  public static Random random() {
    return session().random();
  }

  /**
   * A fresh generator for one purpose, seeded from the session seed and the purpose's name, so that
   * its numbers do not depend on how many draws other cells made before.
   */
  public static Random random(String purpose) {
    long seed = session().seed();
    return new Random(seed * 0x9E3779B97F4A7C15L + purpose.hashCode());
  }
}
