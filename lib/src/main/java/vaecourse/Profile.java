package vaecourse;

import java.util.Locale;

/**
 * How large a run should be. Notebooks ask the profile for epoch counts and data sizes, so the same
 * code trains fully on a student's machine and in seconds under CI or the autograder.
 *
 * <p>The profile comes from the environment variable {@code COURSE_PROFILE} or, when that is unset,
 * the system property {@code course.profile}; {@link #FULL} when neither is given.
 */
public enum Profile {
  /** Full-size runs: the numbers the assignments ask for. */
  FULL,
  /** Continuous integration: small data, few epochs, same code paths. */
  CI,
  /** Autograding: small like {@link #CI}, run once per submission. */
  GRADE;

  /** Environment variable that selects the profile. */
  public static final String ENV = "COURSE_PROFILE";

  /** System property that selects the profile when the environment variable is unset. */
  public static final String PROPERTY = "course.profile";

  /**
   * The profile named by {@code COURSE_PROFILE}, else by {@code -Dcourse.profile}, else {@link
   * #FULL}.
   *
   * @throws IllegalArgumentException if the name is not full, ci or grade
   */
  public static Profile fromEnvironment() {
    String name = System.getenv(ENV);
    if (name == null || name.isBlank()) {
      name = System.getProperty(PROPERTY);
    }
    return name == null || name.isBlank() ? FULL : parse(name);
  }

  /**
   * The profile with this name, ignoring case.
   *
   * @throws IllegalArgumentException if the name is not full, ci or grade
   */
  public static Profile parse(String name) {
    switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "full":
        return FULL;
      case "ci":
        return CI;
      case "grade":
        return GRADE;
      default:
        throw new IllegalArgumentException(
            "profile must be full, ci or grade but was '" + name + "' (set " + ENV + ")");
    }
  }

  /** Whether runs are shrunk ({@link #CI} or {@link #GRADE}). */
  public boolean isSmall() {
    return this != FULL;
  }

  /** {@code full} under {@link #FULL}, {@code small} otherwise. */
  public int pick(int full, int small) {
    return isSmall() ? small : full;
  }

  /** {@code full} under {@link #FULL}, {@code small} otherwise. */
  public long pick(long full, long small) {
    return isSmall() ? small : full;
  }

  /** {@code full} under {@link #FULL}, {@code small} otherwise. */
  public double pick(double full, double small) {
    return isSmall() ? small : full;
  }

  /** {@code full} under {@link #FULL}, {@code small} otherwise. */
  public <T> T pick(T full, T small) {
    return isSmall() ? small : full;
  }

  /** The lower-case name, as written in {@code COURSE_PROFILE}. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
