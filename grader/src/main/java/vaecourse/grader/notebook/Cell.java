package vaecourse.grader.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Optional;

/**
 * One notebook cell, a view over its JSON object: every key the grader does not touch (attachments,
 * tags, editor settings) stays as it was.
 */
public final class Cell {
  /** The cell kinds of nbformat 4. */
  public enum Type {
    CODE,
    MARKDOWN,
    RAW;

    /** The nbformat name, e.g. {@code "code"}. */
    public String jsonName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final JsonObject json;

  /** Wraps an existing cell object (not copied). */
  public Cell(JsonObject json) {
    this.json = json;
  }

  /** A new cell of a type with a source; code cells get empty outputs. */
  public static Cell of(Type type, String source) {
    JsonObject o = new JsonObject();
    o.addProperty("cell_type", type.jsonName());
    o.add("metadata", new JsonObject());
    Cell cell = new Cell(o);
    cell.setSource(source);
    if (type == Type.CODE) {
      o.add("execution_count", JsonNull.INSTANCE);
      o.add("outputs", new JsonArray());
    }
    return cell;
  }

  /** The underlying JSON, live. */
  public JsonObject json() {
    return json;
  }

  /** A deep copy. */
  public Cell copy() {
    return new Cell(json.deepCopy());
  }

  /** The cell type; unknown names read as {@link Type#RAW}. */
  public Type type() {
    String t = typeName();
    return switch (t) {
      case "code" -> Type.CODE;
      case "markdown" -> Type.MARKDOWN;
      default -> Type.RAW;
    };
  }

  /** The {@code cell_type} string as written. */
  public String typeName() {
    JsonElement t = json.get("cell_type");
    return t != null && t.isJsonPrimitive() ? t.getAsString() : "";
  }

  /** The nbformat 4.5 cell id, if any. */
  public Optional<String> id() {
    JsonElement id = json.get("id");
    return id != null && id.isJsonPrimitive() ? Optional.of(id.getAsString()) : Optional.empty();
  }

  /** The source text, joined when stored as a list of lines. */
  public String source() {
    JsonElement s = json.get("source");
    if (s == null || s.isJsonNull()) {
      return "";
    }
    if (s.isJsonPrimitive()) {
      return s.getAsString();
    }
    StringBuilder b = new StringBuilder();
    if (s.isJsonArray()) {
      for (JsonElement line : s.getAsJsonArray()) {
        if (line.isJsonPrimitive()) {
          b.append(line.getAsString());
        }
      }
    }
    return b.toString();
  }

  /** Replaces the source, stored as a list of lines each keeping its newline, as Jupyter does. */
  public void setSource(String source) {
    JsonArray lines = new JsonArray();
    int start = 0;
    for (int i = 0; i < source.length(); i++) {
      if (source.charAt(i) == '\n') {
        lines.add(source.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < source.length()) {
      lines.add(source.substring(start));
    }
    json.add("source", lines);
  }

  /** The cell's {@code metadata} object, created when missing. */
  public JsonObject metadata() {
    return NotebookJson.objectMember(json, "metadata");
  }

  /** The nbgrader metadata, or none when the cell has no {@code metadata.nbgrader} object. */
  public Optional<NbgraderMeta> nbgrader() {
    JsonElement m = json.get("metadata");
    if (m == null || !m.isJsonObject()) {
      return Optional.empty();
    }
    JsonElement nb = m.getAsJsonObject().get("nbgrader");
    return nb != null && nb.isJsonObject()
        ? Optional.of(NbgraderMeta.fromJson(nb.getAsJsonObject()))
        : Optional.empty();
  }

  /** The grader's role for this cell, from its nbgrader metadata. */
  public CellRole role() {
    return nbgrader().map(NbgraderMeta::role).orElse(CellRole.PLAIN);
  }

  /** The nbgrader {@code grade_id}, if the cell has one. */
  public Optional<String> gradeId() {
    return nbgrader().map(NbgraderMeta::gradeId).filter(s -> !s.isEmpty());
  }

  /** The raw {@code metadata.course.check} value, if any (an object or an array of objects). */
  public Optional<JsonElement> checkJson() {
    JsonElement course = metadata().get("course");
    if (course == null || !course.isJsonObject()) {
      return Optional.empty();
    }
    return Optional.ofNullable(course.getAsJsonObject().get("check"));
  }

  /** The stored outputs (code cells), possibly empty. */
  public JsonArray outputs() {
    JsonElement o = json.get("outputs");
    return o != null && o.isJsonArray() ? o.getAsJsonArray() : new JsonArray();
  }

  /** Empties the outputs and the execution count of a code cell; other cells are unchanged. */
  public void clearOutputs() {
    if (type() == Type.CODE) {
      json.add("outputs", new JsonArray());
      json.add("execution_count", JsonNull.INSTANCE);
    }
  }

  /** Sets one nbgrader metadata key, creating the object when needed. */
  public void setNbgrader(String key, JsonElement value) {
    NotebookJson.objectMember(metadata(), "nbgrader").add(key, value);
  }

  /** Sets one nbgrader string key. */
  public void setNbgrader(String key, String value) {
    setNbgrader(key, new JsonPrimitive(value));
  }
}
