package vaecourse.grader.integrity;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import vaecourse.grader.notebook.Cell;
import vaecourse.grader.notebook.Notebook;
import vaecourse.grader.pipeline.AssignmentSource;
import vaecourse.grader.pipeline.MalformedSourceException;
import vaecourse.grader.pipeline.Releases;
import vaecourse.grader.testing.Fixtures;

/**
 * A small assignment the attacks are aimed at: a locked check helper, notebook variables, two tasks
 * whose tests use the helper and declare variables of their own, and a task rule.
 */
final class AttackNotebook {
  static final String TWICE_SOLUTION =
      "double twice(double x) {\n  // BEGIN SOLUTION\n  return scale * x;\n  // END SOLUTION\n}";
  static final String HALF_SOLUTION =
      "double half(double x) {\n  // BEGIN SOLUTION\n  return x / scale;\n  // END SOLUTION\n}";

  private AttackNotebook() {}

  /** The instructor notebook. */
  static Notebook solution() {
    Notebook nb = Notebook.empty();
    nb.metadata()
        .add(
            "kernelspec",
            JsonParser.parseString(
                "{\"display_name\":\"Java\",\"language\":\"java\",\"name\":\"java\"}"));
    nb.add(id(Fixtures.locked("setup", "double scale = 2.0;\nint[] counts = {1, 2, 3};"), 1));
    nb.add(
        id(
            Fixtures.locked(
                "helpers",
                "void checkNear(double actual, double expected) {\n"
                    + "  if (Math.abs(actual - expected) > 1e-9) {\n"
                    + "    throw new AssertionError(actual + \" should be \" + expected);\n"
                    + "  }\n}"),
            2));
    Cell twice = Fixtures.answer("twice-impl", TWICE_SOLUTION);
    JsonObject course = new JsonObject();
    course.add("forbid", Fixtures.strings("java.lang.StrictMath", "Math.scalb"));
    twice.metadata().add("course", course);
    nb.add(id(twice, 3));
    nb.add(
        id(
            Fixtures.test(
                "twice-test",
                2,
                "double input = 1.5;\ncheckNear(twice(input), 3.0);\n"
                    + "// BEGIN HIDDEN TESTS\ndouble hiddenInput = -4;\n"
                    + "checkNear(twice(hiddenInput), -8.0);\n// END HIDDEN TESTS\n"
                    + "System.out.println(\"twice: passed\");"),
            4));
    nb.add(id(Fixtures.answer("half-impl", HALF_SOLUTION), 5));
    nb.add(
        id(
            Fixtures.test(
                "half-test", 3, "checkNear(half(3.0), 1.5);\ncheckNear(half(counts[2]), 1.5);"),
            6));
    return nb;
  }

  /** Both releases of the notebook. */
  static AssignmentSource source() {
    try {
      return Releases.fromSolution("attacks.ipynb", solution());
    } catch (MalformedSourceException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The rules of the grading release, with two library classes in the index. */
  static NotebookRules rules() {
    return NotebookRules.of(
        source().gradingRelease(),
        ClassIndex.of(
            List.of(
                "vaecourse.distributions.LogDensities",
                "vaecourse.distributions.KlDivergence",
                "java.lang.StrictMath")));
  }

  private static Cell id(Cell c, int n) {
    c.json().addProperty("id", "a" + n);
    return c;
  }
}
