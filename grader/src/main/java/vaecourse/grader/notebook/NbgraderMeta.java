package vaecourse.grader.notebook;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * nbgrader's cell metadata, schema version 3: {@code grade}, {@code solution}, {@code locked},
 * {@code task}, {@code grade_id}, {@code points}, {@code schema_version} and the {@code checksum}
 * the generator stores.
 *
 * @param grade the cell is graded (a test cell, or with {@code solution} a manual answer)
 * @param solution the student writes this cell
 * @param locked the student must not change it
 * @param task a manually graded task (markdown)
 * @param gradeId the cell's name, unique in the notebook; empty when missing
 * @param points what the cell is worth; empty when missing or not a number
 * @param pointsText the {@code points} value as written, for error messages
 * @param schemaVersion {@code schema_version}, 0 when missing
 * @param checksum the stored checksum, empty when none
 */
public record NbgraderMeta(
    boolean grade,
    boolean solution,
    boolean locked,
    boolean task,
    String gradeId,
    Optional<BigDecimal> points,
    String pointsText,
    int schemaVersion,
    String checksum) {

  /** The schema version this grader reads and writes. */
  public static final int SCHEMA_VERSION = 3;

  /** Reads the object, tolerating missing or mistyped keys (the validator reports them). */
  public static NbgraderMeta fromJson(JsonObject o) {
    return new NbgraderMeta(
        flag(o, "grade"),
        flag(o, "solution"),
        flag(o, "locked"),
        flag(o, "task"),
        string(o, "grade_id"),
        points(o),
        o.has("points") ? o.get("points").toString() : "",
        o.has("schema_version") && isNumber(o.get("schema_version"))
            ? o.get("schema_version").getAsInt()
            : 0,
        string(o, "checksum"));
  }

  /** The role these flags give a cell. */
  public CellRole role() {
    if (solution) {
      return grade ? CellRole.MANUAL_ANSWER : CellRole.ANSWER;
    }
    if (grade) {
      return CellRole.TEST;
    }
    if (task) {
      return CellRole.TASK;
    }
    return locked ? CellRole.LOCKED : CellRole.PLAIN;
  }

  /** Points as a double, 0 when missing. */
  public double pointsValue() {
    return points.map(BigDecimal::doubleValue).orElse(0.0);
  }

  private static boolean flag(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e != null
        && e.isJsonPrimitive()
        && e.getAsJsonPrimitive().isBoolean()
        && e.getAsBoolean();
  }

  private static String string(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
  }

  private static boolean isNumber(JsonElement e) {
    return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber();
  }

  private static Optional<BigDecimal> points(JsonObject o) {
    JsonElement e = o.get("points");
    if (!isNumber(e)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new BigDecimal(e.getAsString()));
    } catch (NumberFormatException ex) {
      return Optional.empty();
    }
  }
}
