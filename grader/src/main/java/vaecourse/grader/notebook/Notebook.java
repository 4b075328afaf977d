package vaecourse.grader.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An nbformat 4 notebook: its cells and metadata over the JSON tree, so unknown keys survive a read
 * and write unchanged. Read one with {@link NotebookIo}.
 */
public final class Notebook {
  /** The notebook metadata key of the course's own settings. */
  public static final String COURSE_KEY = "course";

  /** {@code metadata.course.assignment}: which assignment the notebook belongs to. */
  public static final String ASSIGNMENT_KEY = "assignment";

  private final JsonObject json;

  /** Wraps a parsed notebook object (not copied); {@link NotebookIo} checks its shape first. */
  public Notebook(JsonObject json) {
    this.json = json;
  }

  /** An empty nbformat 4.5 notebook, for building fixtures in code. */
  public static Notebook empty() {
    JsonObject o = new JsonObject();
    o.add("cells", new JsonArray());
    o.add("metadata", new JsonObject());
    o.addProperty("nbformat", 4);
    o.addProperty("nbformat_minor", 5);
    return new Notebook(o);
  }

  /** The JSON tree, live. */
  public JsonObject json() {
    return json;
  }

  /** A deep copy. */
  public Notebook copy() {
    return new Notebook(json.deepCopy());
  }

  /** Live views of the cells, in order. */
  public List<Cell> cells() {
    List<Cell> cells = new ArrayList<>();
    for (JsonElement e : cellArray()) {
      cells.add(new Cell(e.getAsJsonObject()));
    }
    return cells;
  }

  /** Replaces all cells. */
  public void setCells(List<Cell> cells) {
    JsonArray array = new JsonArray();
    cells.forEach(c -> array.add(c.json()));
    json.add("cells", array);
  }

  /** Appends a cell and returns it. */
  public Cell add(Cell cell) {
    cellArray().add(cell.json());
    return cell;
  }

  private JsonArray cellArray() {
    JsonElement cells = json.get("cells");
    if (cells == null || !cells.isJsonArray()) {
      JsonArray fresh = new JsonArray();
      json.add("cells", fresh);
      return fresh;
    }
    return cells.getAsJsonArray();
  }

  /** The notebook metadata object, created when missing. */
  public JsonObject metadata() {
    return NotebookJson.objectMember(json, "metadata");
  }

  /** {@code metadata.course.assignment}, if set. */
  public Optional<String> assignment() {
    JsonElement course = metadata().get(COURSE_KEY);
    if (course == null || !course.isJsonObject()) {
      return Optional.empty();
    }
    JsonElement a = course.getAsJsonObject().get(ASSIGNMENT_KEY);
    return a != null && a.isJsonPrimitive() ? Optional.of(a.getAsString()) : Optional.empty();
  }

  /** Sets {@code metadata.course.assignment}. */
  public void setAssignment(String name) {
    NotebookJson.objectMember(metadata(), COURSE_KEY).addProperty(ASSIGNMENT_KEY, name);
  }

  /** The file text, deterministic for a given tree. */
  public String toJsonText() {
    return NotebookJson.write(json);
  }
}
