package vaecourse.grading;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Locale;

/**
 * Assertions for notebook test cells. Each throws an {@link AssertionError} whose message says what
 * was expected and what was found, e.g. {@code expected shape [32, 2] but got [32, 3]}, so a
 * student reading a failed test knows what to fix. Shapes are checked before values.
 *
 * <pre>{@code
 * Check.assertShape(mu, 32, 2);
 * Check.assertClose(kl, 0.5 * (1 + 4 - 1 - Math.log(4)), 1e-5);
 * Check.assertFinite(loss);
 * }</pre>
 */
public final class Check {

  /** At most this many mismatching entries are listed in a message. */
  private static final int MAX_LISTED = 5;

  private Check() {}

  /**
   * Asserts {@code |actual - expected| <= tol}.
   *
   * @throws AssertionError if not, or if either value is NaN
   */
  public static void assertClose(double actual, double expected, double tol) {
    assertClose("value", actual, expected, tol);
  }

  /** As {@link #assertClose(double, double, double)}, naming the quantity in the message. */
  public static void assertClose(String what, double actual, double expected, double tol) {
    if (Double.isNaN(actual) || Double.isNaN(expected) || !(Math.abs(actual - expected) <= tol)) {
      throw new AssertionError(
          String.format(
              Locale.ROOT,
              "expected %s %s (within %s) but got %s (off by %s)",
              what,
              num(expected),
              num(tol),
              num(actual),
              num(Math.abs(actual - expected))));
    }
  }

  /**
   * Asserts that a scalar array (or a one-element array) is within {@code tol} of a number.
   *
   * @throws AssertionError if the array has more than one element or the value is off
   */
  public static void assertClose(NDArray actual, double expected, double tol) {
    if (actual.size() != 1) {
      throw new AssertionError(
          "expected a single number but got an array of shape " + shape(actual.getShape()));
    }
    assertClose("value", toDoubles(actual)[0], expected, tol);
  }

  /**
   * Asserts that two arrays have the same shape and agree elementwise within {@code tol}.
   *
   * @throws AssertionError naming the shapes if they differ, else the first entries that do not
   *     agree
   */
  public static void assertClose(NDArray actual, NDArray expected, double tol) {
    assertShape(actual, expected.getShape().getShape());
    assertClose(toDoubles(actual), toDoubles(expected), tol, actual.getShape());
  }

  /**
   * Asserts that an array has the expected shape and agrees elementwise with {@code expected}
   * (given flat, row-major).
   */
  public static void assertClose(NDArray actual, double[] expected, double tol) {
    if (actual.size() != expected.length) {
      throw new AssertionError(
          "expected "
              + expected.length
              + " values but got an array of shape "
              + shape(actual.getShape())
              + " ("
              + actual.size()
              + " values)");
    }
    assertClose(toDoubles(actual), expected, tol, actual.getShape());
  }

  /** Asserts elementwise closeness of two Java arrays of equal length. */
  public static void assertClose(double[] actual, double[] expected, double tol) {
    if (actual.length != expected.length) {
      throw new AssertionError("expected " + expected.length + " values but got " + actual.length);
    }
    assertClose(actual, expected, tol, new Shape(actual.length));
  }

  private static void assertClose(double[] a, double[] e, double tol, Shape shape) {
    StringBuilder listed = new StringBuilder();
    int bad = 0;
    double worst = 0;
    for (int i = 0; i < a.length; i++) {
      double diff = Math.abs(a[i] - e[i]);
      if (Double.isNaN(a[i]) || Double.isNaN(e[i]) || !(diff <= tol)) {
        if (bad < MAX_LISTED) {
          listed.append(
              String.format(
                  Locale.ROOT,
                  "%n  at %s: expected %s but got %s",
                  index(i, shape),
                  num(e[i]),
                  num(a[i])));
        }
        bad++;
        worst = Double.isNaN(diff) ? Double.NaN : Math.max(worst, diff);
      }
    }
    if (bad > 0) {
      throw new AssertionError(
          String.format(
              Locale.ROOT,
              "%d of %d values differ by more than %s (largest difference" + " %s):%s%s",
              bad,
              a.length,
              num(tol),
              num(worst),
              listed,
              bad > MAX_LISTED ? String.format("%n  ...") : ""));
    }
  }

  /**
   * Asserts the shape of an array.
   *
   * @throws AssertionError {@code expected shape [32, 2] but got [32, 3]}
   */
  public static void assertShape(NDArray actual, long... expected) {
    if (actual == null) {
      throw new AssertionError(
          "expected an array of shape " + Arrays.toString(expected) + " but got null");
    }
    if (!Arrays.equals(actual.getShape().getShape(), expected)) {
      throw new AssertionError(
          "expected shape " + Arrays.toString(expected) + " but got " + shape(actual.getShape()));
    }
  }

  /**
   * Asserts that every entry is a finite number.
   *
   * @throws AssertionError counting the NaN and infinite entries and naming the first one
   */
  public static void assertFinite(NDArray actual) {
    double[] v = toDoubles(actual);
    int nan = 0;
    int inf = 0;
    int first = -1;
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        if (Double.isNaN(v[i])) {
          nan++;
        } else {
          inf++;
        }
        if (first < 0) {
          first = i;
        }
      }
    }
    if (first >= 0) {
      throw new AssertionError(
          String.format(
              Locale.ROOT,
              "expected finite values but found %d NaN and %d infinite of %d, the first at %s",
              nan,
              inf,
              v.length,
              index(first, actual.getShape())));
    }
  }

  /** Asserts that a number is finite. */
  public static void assertFinite(double actual) {
    if (!Double.isFinite(actual)) {
      throw new AssertionError("expected a finite number but got " + actual);
    }
  }

  /** Asserts {@code lo <= actual <= hi}. */
  public static void assertBetween(double actual, double lo, double hi) {
    if (!(actual >= lo && actual <= hi)) {
      throw new AssertionError(
          "expected a value in [" + num(lo) + ", " + num(hi) + "] but got " + num(actual));
    }
  }

  /** Asserts that every entry lies in {@code [lo, hi]}. */
  public static void assertBetween(NDArray actual, double lo, double hi) {
    double[] v = toDoubles(actual);
    for (int i = 0; i < v.length; i++) {
      if (!(v[i] >= lo && v[i] <= hi)) {
        throw new AssertionError(
            "expected values in ["
                + num(lo)
                + ", "
                + num(hi)
                + "] but got "
                + num(v[i])
                + " at "
                + index(i, actual.getShape()));
      }
    }
  }

  /** Asserts that a condition holds, with the message to show when it does not. */
  public static void assertTrue(boolean condition, String message) {
    if (!condition) {
      throw new AssertionError(message);
    }
  }

  private static double[] toDoubles(NDArray array) {
    if (array.getDataType() == DataType.FLOAT64) {
      return array.toDoubleArray();
    }
    try (NDArray converted = array.toType(DataType.FLOAT64, true)) {
      return converted.toDoubleArray();
    }
  }

  private static String shape(Shape shape) {
    return Arrays.toString(shape.getShape());
  }

  private static String index(int flat, Shape shape) {
    long[] dims = shape.getShape();
    if (dims.length <= 1) {
      return "[" + flat + "]";
    }
    long[] idx = new long[dims.length];
    long rest = flat;
    for (int d = dims.length - 1; d >= 0; d--) {
      idx[d] = rest % dims[d];
      rest /= dims[d];
    }
    return Arrays.toString(idx);
  }

  private static String num(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return String.valueOf(v);
    }
    return String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+(e|$)", "$1");
  }
}
