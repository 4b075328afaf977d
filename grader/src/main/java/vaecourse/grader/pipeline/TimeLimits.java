package vaecourse.grader.pipeline;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.Locale;
import vaecourse.grader.execute.RunLimits;
import vaecourse.grader.notebook.Cell;

/**
 * Each cell's time limit in grading, first rule that applies:
 *
 * <ol>
 *   <li>the run's override ({@code --cell-timeout}), for every cell;
 *   <li>the author's limit on the cell in the instructor notebook ({@code
 *       metadata.course.time_limit}, seconds);
 *   <li>from the solution's measured time \(t\) ({@code metadata.course.solution_seconds}, filled
 *       in from {@link Calibration}): \(\max(\text{floor}, k\,t)\), by default \(\max(10\,\text{s},
 *       5t)\);
 *   <li>the uncalibrated limit (300 s by default).
 * </ol>
 *
 * The locked cell of the instructor notebook with the same {@code grade_id} holds the metadata, so
 * a submission cannot change its own limits.
 */
public final class TimeLimits {
  /**
   * A cell's limit and the reason, for reports.
   *
   * @param limit the limit
   * @param reason how it was set
   */
  public record Limit(Duration limit, String reason) {}

  private TimeLimits() {}

  /** The limit of a rebuilt cell, read from the source cell with the same grade_id. */
  public static Limit of(Cell cell, AssignmentSource source, RunLimits limits) {
    if (!limits.cellOverride().isZero()) {
      return new Limit(limits.cellOverride(), "set for this run with --cell-timeout");
    }
    JsonObject course = null;
    String id = cell.gradeId().orElse(null);
    if (id != null && source != null) {
      for (Cell c : source.gradingRelease().cells()) {
        if (id.equals(c.gradeId().orElse(null))) {
          JsonElement e = c.metadata().get("course");
          course = e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
          break;
        }
      }
    }
    Double own = number(course, Calibration.TIME_LIMIT);
    if (own != null && own > 0) {
      return new Limit(millis(own), "set on the cell by the instructor");
    }
    Double measured = number(course, Calibration.SOLUTION_SECONDS);
    if (measured != null) {
      return derived(measured, limits);
    }
    return new Limit(limits.uncalibrated(), "no measured solution time for this cell");
  }

  /** \(\max(\text{floor}, k\,t)\) for a measured time of {@code seconds}. */
  public static Limit derived(double seconds, RunLimits limits) {
    Duration scaled = millis(seconds * limits.timeFactor());
    Duration limit = scaled.compareTo(limits.timeFloor()) > 0 ? scaled : limits.timeFloor();
    return new Limit(
        limit,
        String.format(
            Locale.ROOT,
            "%s x the solution's %.1f s, at least %d s",
            trim(limits.timeFactor()),
            seconds,
            limits.timeFloor().toSeconds()));
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static Duration millis(double seconds) {
    return Duration.ofMillis(Math.round(seconds * 1000));
  }

  private static Double number(JsonObject o, String key) {
    if (o == null) {
      return null;
    }
    JsonElement e = o.get(key);
    if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      return null;
    }
    return e.getAsDouble();
  }
}
