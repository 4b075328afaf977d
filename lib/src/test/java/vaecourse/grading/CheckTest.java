package vaecourse.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class CheckTest {

  @Test
  void shapeMismatchIsReportedBeforeValues() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.zeros(new Shape(32, 3));
      NDArray b = m.zeros(new Shape(32, 2));
      AssertionError e = assertThrows(AssertionError.class, () -> Check.assertClose(a, b, 1e-6));
      assertEquals("expected shape [32, 2] but got [32, 3]", e.getMessage());
      assertEquals(
          "expected shape [32, 2] but got [32, 3]",
          assertThrows(AssertionError.class, () -> Check.assertShape(a, 32, 2)).getMessage());
      Check.assertShape(a, 32, 3);
    }
  }

  @Test
  void valueMismatchNamesTheEntries() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.create(new float[] {1f, 2f, 3f, 4f}, new Shape(2, 2));
      NDArray b = m.create(new float[] {1f, 2f, 3.5f, 4f}, new Shape(2, 2));
      AssertionError e = assertThrows(AssertionError.class, () -> Check.assertClose(a, b, 0.1));
      assertEquals(
          String.format(
              "1 of 4 values differ by more than 0.1 (largest difference 0.5):%n"
                  + "  at [1, 0]: expected 3.5 but got 3"),
          e.getMessage());
      Check.assertClose(a, b, 0.6);
      Check.assertClose(a, new double[] {1, 2, 3, 4}, 1e-6);
    }
  }

  @Test
  void numbersAndScalars() {
    Check.assertClose(Math.PI, 3.14159, 1e-5);
    assertEquals(
        "expected value 1 (within 0.001) but got 1.01 (off by 0.01)",
        assertThrows(AssertionError.class, () -> Check.assertClose(1.01, 1.0, 1e-3)).getMessage());
    assertThrows(AssertionError.class, () -> Check.assertClose(Double.NaN, 1.0, 1e9));
    try (NDManager m = NDManager.newBaseManager()) {
      Check.assertClose(m.create(2.5f), 2.5, 0);
      assertEquals(
          "expected a single number but got an array of shape [3]",
          assertThrows(AssertionError.class, () -> Check.assertClose(m.zeros(new Shape(3)), 0, 1))
              .getMessage());
    }
  }

  @Test
  void finiteAndRange() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray bad = m.create(new float[] {0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NaN});
      assertEquals(
          "expected finite values but found 2 NaN and 1 infinite of 4, the first at [1]",
          assertThrows(AssertionError.class, () -> Check.assertFinite(bad)).getMessage());
      Check.assertFinite(m.ones(new Shape(2, 2)));
      assertEquals(
          "expected values in [0, 1] but got 1.5 at [1]",
          assertThrows(
                  AssertionError.class,
                  () -> Check.assertBetween(m.create(new float[] {0.5f, 1.5f}), 0, 1))
              .getMessage());
    }
  }
}
