package vaecourse.grader.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import vaecourse.grader.notebook.Cell;

/**
 * Every course notebook's cell limits are measured for the current cells: an edit to a notebook
 * that is not followed by a new calibration leaves its changed cells on the uncalibrated limit,
 * which this test refuses.
 */
class CourseCalibrationTest {
  private static final Path SOLUTIONS = Path.of("..", "solutions");
  private static final List<String> PROFILES = List.of("ci", "grade");

  @Test
  void everyCodeCellOfEveryNotebookHasAFreshTimeInEachProfile() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(SOLUTIONS), "no solutions folder");
    Map<String, AssignmentSource> sources = Grader.loadSources(SOLUTIONS);
    assertTrue(sources.size() >= 5, "course notebooks found: " + sources.keySet());
    for (AssignmentSource source : sources.values()) {
      long graded =
          source.gradingRelease().cells().stream()
              .filter(c -> c.type() == Cell.Type.CODE && c.gradeId().isPresent())
              .count();
      for (String profile : PROFILES) {
        List<String> lines = Calibration.apply(source, SOLUTIONS, profile);
        String expected =
            source.name()
                + ": solution times of "
                + graded
                + " cells (profile "
                + profile
                + ") from "
                + Calibration.file(SOLUTIONS, source.name());
        assertEquals(
            List.of(expected),
            lines,
            "recalibrate: java -jar grader/target/vae-grader-1.0.0-all.jar calibrate --source"
                + " solutions/"
                + source.name()
                + ".ipynb --profile "
                + profile
                + " --data datasets");
      }
    }
  }
}
