package vaecourse.grader.pipeline;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.List;
import vaecourse.grader.execute.CellOutcome;
import vaecourse.grader.notebook.Cell;

/**
 * Writes the run's outputs into the rebuilt notebook (kept with the reports for the instructor),
 * each cell's text cut to {@link #MAX_TEXT} characters and each output to {@link #MAX_DATA}
 * characters, so a cell that prints without end cannot make the reports huge.
 */
public final class LimitOutput implements Step<GradingContext> {
  /** Characters of stdout, stderr or error message kept per cell. */
  public static final int MAX_TEXT = 20_000;

  /** Characters of one display's data kept (a base64 PNG of about 1.5 MB). */
  public static final int MAX_DATA = 2_000_000;

  @Override
  public void apply(GradingContext context) {
    if (context.rebuilt() == null || context.run() == null) {
      return;
    }
    List<Cell> cells = context.rebuilt().cells();
    int count = 0;
    for (int i = 0; i < cells.size(); i++) {
      CellOutcome o = context.outcomeOf(i);
      if (o == null) {
        continue;
      }
      Cell cell = cells.get(i);
      cell.json().addProperty("execution_count", ++count);
      JsonArray outputs = new JsonArray();
      addStream(outputs, "stdout", o.stdout());
      for (JsonObject display : o.outputs()) {
        outputs.add(limitDisplay(display));
      }
      addStream(outputs, "stderr", o.stderr());
      if (!o.ok()) {
        JsonObject error = new JsonObject();
        error.addProperty("output_type", "error");
        error.addProperty("ename", o.ename().isEmpty() ? o.status() : o.ename());
        error.addProperty("evalue", CellOutcome.cut(o.evalue(), MAX_TEXT));
        JsonArray tb = new JsonArray();
        o.traceback().stream().limit(50).forEach(tb::add);
        error.add("traceback", tb);
        outputs.add(error);
      }
      cell.json().add("outputs", outputs);
    }
  }

  private static void addStream(JsonArray outputs, String name, String text) {
    if (text.isEmpty()) {
      return;
    }
    JsonObject s = new JsonObject();
    s.addProperty("output_type", "stream");
    s.addProperty("name", name);
    s.addProperty("text", CellOutcome.cut(text, MAX_TEXT));
    outputs.add(s);
  }

  private static JsonObject limitDisplay(JsonObject display) {
    JsonObject copy = display.deepCopy();
    JsonElement data = copy.get("data");
    if (data != null && data.isJsonObject()) {
      JsonObject d = data.getAsJsonObject();
      for (String mime : List.copyOf(d.keySet())) {
        JsonElement v = d.get(mime);
        if (v.isJsonPrimitive() && v.getAsString().length() > MAX_DATA) {
          d.add(
              mime,
              new JsonPrimitive(
                  mime.startsWith("text/") ? CellOutcome.cut(v.getAsString(), MAX_DATA) : ""));
          if (!mime.startsWith("text/")) {
            d.remove(mime);
            d.addProperty(
                "text/plain", "[" + mime + " output over " + MAX_DATA + " characters dropped]");
          }
        }
      }
    }
    if (!copy.has("metadata")) {
      copy.add("metadata", new JsonObject());
    }
    return copy;
  }
}
