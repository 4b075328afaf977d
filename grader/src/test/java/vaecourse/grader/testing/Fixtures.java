package vaecourse.grader.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import vaecourse.grader.execute.Sandbox;
import vaecourse.grader.execute.WorkerConfig;
import vaecourse.grader.notebook.Cell;
import vaecourse.grader.notebook.Notebook;
import vaecourse.grader.notebook.NotebookIo;

/**
 * Small notebooks made in code for the tests, and worker configurations for the fake and the real
 * engine. The {@code //fake:} comments steer {@link FakeWorker}; the real engine ignores them.
 */
public final class Fixtures {
  /** The stub a cleared code region becomes. */
  public static final String STUB = "throw new UnsupportedOperationException(\"your code here\");";

  private Fixtures() {}

  /** A cell with nbgrader metadata. */
  public static Cell graded(
      Cell.Type type,
      String source,
      String gradeId,
      boolean grade,
      boolean solution,
      boolean locked,
      Double points) {
    Cell cell = Cell.of(type, source);
    JsonObject nb = new JsonObject();
    nb.addProperty("grade", grade);
    nb.addProperty("solution", solution);
    nb.addProperty("locked", locked);
    nb.addProperty("grade_id", gradeId);
    if (points != null) {
      nb.add(
          "points",
          JsonParser.parseString(
              points == Math.rint(points) ? Long.toString(points.longValue()) : points.toString()));
    }
    nb.addProperty("schema_version", 3);
    cell.metadata().add("nbgrader", nb);
    return cell;
  }

  /** An autograded answer cell. */
  public static Cell answer(String gradeId, String source) {
    return graded(Cell.Type.CODE, source, gradeId, false, true, false, null);
  }

  /** An autograder test cell. */
  public static Cell test(String gradeId, double points, String source) {
    return graded(Cell.Type.CODE, source, gradeId, true, false, true, points);
  }

  /** A locked instructor cell. */
  public static Cell locked(String gradeId, String source) {
    return graded(Cell.Type.CODE, source, gradeId, false, false, true, null);
  }

  /** A manually graded written answer. */
  public static Cell written(String gradeId, double points, String source) {
    return graded(Cell.Type.MARKDOWN, source, gradeId, true, true, false, points);
  }

  /**
   * The instructor notebook of the fixture assignment {@code adder}: two coded tasks (add with a
   * hidden test, 2 points; mul with an output check, 3 points), a written answer (1 point).
   */
  public static Notebook solution() {
    Notebook nb = Notebook.empty();
    nb.metadata()
        .add(
            "kernelspec",
            JsonParser.parseString(
                "{\"display_name\":\"Java\",\"language\":\"java\",\"name\":\"java\"}"));
    int id = 0;
    nb.add(withId(Cell.of(Cell.Type.MARKDOWN, "# Adding numbers\n\nFill in the functions."), ++id));
    nb.add(withId(locked("setup", "int base = 10;\nSystem.out.println(\"base \" + base);"), ++id));
    nb.add(
        withId(
            answer(
                "add-impl",
                "int add(int a, int b) {\n  // BEGIN SOLUTION\n"
                    + "  return a + b;\n  // END SOLUTION\n}"),
            ++id));
    nb.add(
        withId(
            test(
                "add-test",
                2,
                "if (add(2, 3) != 5) throw new AssertionError(\"add(2, 3)"
                    + " should be 5\");\n// BEGIN HIDDEN TESTS\nif (add(-1, 1) != 0) throw new"
                    + " AssertionError(\"add(-1, 1) should be 0\");\n// END HIDDEN TESTS"),
            ++id));
    nb.add(
        withId(
            answer(
                "mul-impl",
                "int mul(int a, int b) {\n  // BEGIN SOLUTION\n"
                    + "  return a * b;\n  // END SOLUTION\n}"),
            ++id));
    Cell mulTest =
        test(
            "mul-test",
            3,
            "System.out.println(\"6 * 7 = \" + mul(6, 7)); //fake:stdout 6 * 7 = 42");
    JsonObject course = new JsonObject();
    course.add("check", JsonParser.parseString("{\"kind\": \"numbers\", \"expected\": [42]}"));
    mulTest.metadata().add("course", course);
    nb.add(withId(mulTest, ++id));
    nb.add(
        withId(
            written(
                "why",
                1,
                "Why is add symmetric?\n\n<!-- BEGIN SOLUTION -->\n"
                    + "Because integer addition commutes.\n<!-- END SOLUTION -->"),
            ++id));
    nb.add(withId(Cell.of(Cell.Type.CODE, "System.out.println(\"the end\");"), ++id));
    return nb;
  }

  private static Cell withId(Cell cell, int n) {
    cell.json().addProperty("id", "c" + n);
    return cell;
  }

  /** Writes the fixture solution into {@code dir/adder.ipynb} and returns the folder. */
  public static Path writeSolution(Path dir) throws IOException {
    Files.createDirectories(dir);
    NotebookIo.write(solution(), dir.resolve("adder.ipynb"));
    return dir;
  }

  /** A configuration running {@link FakeWorker} on this JVM's class path. */
  public static WorkerConfig fakeWorker(Duration timeout) {
    List<String> cp =
        Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
    return new WorkerConfig(
        WorkerConfig.currentJava(),
        cp,
        FakeWorker.class.getName(),
        List.of("-XX:TieredStopAtLevel=1", "-Xshare:auto"),
        128,
        0,
        timeout,
        timeout,
        100_000,
        Map.of("COURSE_PROFILE", "ci"),
        Sandbox.Mode.OFF,
        List.of());
  }

  /** The real engine worker on this JVM's class path (kernel classes and their dependencies). */
  public static WorkerConfig realWorker(Duration timeout, int heapMb) {
    List<String> cp =
        Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
    return new WorkerConfig(
        WorkerConfig.currentJava(),
        cp,
        WorkerConfig.WORKER_MAIN,
        List.of("-XX:TieredStopAtLevel=1"),
        heapMb,
        heapMb + 1024,
        timeout,
        Duration.ofSeconds(Math.max(5, timeout.toSeconds() / 2)),
        200_000,
        Map.of("COURSE_PROFILE", "ci"),
        Sandbox.Mode.AUTO,
        List.of());
  }

  /** Whether the real engine worker is on the class path. */
  public static boolean realWorkerPresent() {
    try {
      Class.forName(WorkerConfig.WORKER_MAIN);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** A JSON array of strings. */
  public static JsonArray strings(String... values) {
    JsonArray a = new JsonArray();
    for (String v : values) {
      a.add(v);
    }
    return a;
  }
}
