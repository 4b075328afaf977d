package vaecourse.distributions;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;

/** Argument checks shared by the probability code; every message names parameter, rule, value. */
public final class Checks {

  private Checks() {}

  /**
   * Requires two arrays to have identical shapes.
   *
   * @throws NullPointerException if either array is null
   * @throws IllegalArgumentException if the shapes differ
   */
  public static void sameShape(String name, NDArray array, String otherName, NDArray other) {
    Objects.requireNonNull(array, name);
    Objects.requireNonNull(other, otherName);
    if (!array.getShape().equals(other.getShape())) {
      throw new IllegalArgumentException(
          name
              + " shape "
              + array.getShape()
              + " does not match "
              + otherName
              + " shape "
              + other.getShape());
    }
  }

  /**
   * Requires that two shapes can be broadcast against each other (numpy rules).
   *
   * @throws IllegalArgumentException if they cannot
   */
  public static void broadcastable(String name, NDArray array, String otherName, NDArray other) {
    Objects.requireNonNull(array, name);
    Objects.requireNonNull(other, otherName);
    Shape a = array.getShape();
    Shape b = other.getShape();
    int n = Math.max(a.dimension(), b.dimension());
    for (int i = 1; i <= n; i++) {
      long da = i <= a.dimension() ? a.get(a.dimension() - i) : 1;
      long db = i <= b.dimension() ? b.get(b.dimension() - i) : 1;
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException(
            name
                + " shape "
                + a
                + " cannot be broadcast against "
                + otherName
                + " shape "
                + b
                + " (axis -"
                + i
                + ": "
                + da
                + " vs "
                + db
                + ")");
      }
    }
  }

  /**
   * Requires an array to contain no NaN. This copies one boolean to the host, so it is meant for
   * user-facing entry points, not inner loops.
   *
   * @throws IllegalArgumentException naming the array and the first NaN position
   */
  public static void noNaN(String name, NDArray array) {
    Objects.requireNonNull(array, name);
    if (!array.getDataType().isFloating()) {
      return;
    }
    try (NDArray nan = array.isNaN()) {
      boolean any;
      try (NDArray flag = nan.any()) {
        any = flag.getBoolean();
      }
      if (any) {
        long count;
        try (NDArray c = nan.toType(ai.djl.ndarray.types.DataType.INT64, false).sum()) {
          count = c.getLong();
        }
        throw new IllegalArgumentException(
            name
                + " must not contain NaN, but "
                + count
                + " of its "
                + array.size()
                + " values (shape "
                + array.getShape()
                + ") are NaN; check the data or the network output that produced it");
      }
    }
  }

  /**
   * Requires a finite, strictly positive number.
   *
   * @throws IllegalArgumentException otherwise, naming the value
   */
  public static double positive(String name, double value) {
    if (value > 0 && Double.isFinite(value)) {
      return value;
    }
    throw new IllegalArgumentException(name + " must be finite and > 0, but was " + value);
  }

  /**
   * Requires a strictly positive integer.
   *
   * @throws IllegalArgumentException otherwise, naming the value
   */
  public static int positive(String name, int value) {
    if (value > 0) {
      return value;
    }
    throw new IllegalArgumentException(name + " must be > 0, but was " + value);
  }

  /**
   * Requires an array to have a given number of axes.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static void rank(String name, NDArray array, int rank, String layout) {
    Objects.requireNonNull(array, name);
    if (array.getShape().dimension() != rank) {
      throw new IllegalArgumentException(
          name + " must have shape " + layout + " (" + rank + " axes), but has shape "
              + array.getShape());
    }
  }
}
