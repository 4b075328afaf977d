package vaecourse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ProfileTest {

  @Test
  void parsesNamesAndPicksSizes() {
    assertEquals(Profile.CI, Profile.parse(" CI "));
    assertEquals(Profile.GRADE, Profile.parse("grade"));
    assertEquals(1000, Profile.FULL.pick(1000, 3));
    assertEquals(3, Profile.GRADE.pick(1000, 3));
    assertEquals("full", Profile.FULL.toString());
    assertEquals(
        "profile must be full, ci or grade but was 'fast' (set COURSE_PROFILE)",
        assertThrows(IllegalArgumentException.class, () -> Profile.parse("fast")).getMessage());
  }

  @Test
  void startSeedsJavaAndTheEngineReproducibly() {
    Course.Session a = Course.start(42);
    double first = a.random().nextDouble();
    float engineFirst;
    try (var m = ai.djl.ndarray.NDManager.newBaseManager()) {
      engineFirst = m.randomNormal(new ai.djl.ndarray.types.Shape(1)).getFloat();
    }
    Course.Session b = Course.start(42);
    assertEquals(first, b.random().nextDouble());
    try (var m = ai.djl.ndarray.NDManager.newBaseManager()) {
      assertEquals(engineFirst, m.randomNormal(new ai.djl.ndarray.types.Shape(1)).getFloat());
    }
    assertEquals(new Random(42).nextDouble(), first);
    assertEquals(Course.random("a").nextLong(), Course.random("a").nextLong());
    assertEquals(
        "course: profile " + Course.profile() + ", device " + b.device() + ", seed 42",
        b.toString());
  }
}
