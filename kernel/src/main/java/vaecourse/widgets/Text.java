package vaecourse.widgets;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** A one-line text field. */
public final class Text extends Control<String> {
  Text(WidgetManager m, String description, String value) {
    super(m, StyleKind.DESCRIPTION, description, value);
    if (value == null) {
      throw new IllegalArgumentException("text \"" + description + "\": value is null; use \"\"");
    }
    open();
  }

  @Override
  String modelName() {
    return "TextModel";
  }

  @Override
  String viewName() {
    return "TextView";
  }

  @Override
  void writeControlState(JsonObject s) {
    s.addProperty("placeholder", "\u200b");
    s.addProperty("continuous_update", false);
  }

  @Override
  void writeValue(JsonObject s) {
    s.addProperty("value", value());
  }

  @Override
  String parse(JsonObject patch) {
    JsonElement e = member(patch, "value");
    return e == null ? null : e.getAsString();
  }

  @Override
  String check(String v) {
    if (v == null) {
      throw new IllegalArgumentException("text \"" + description() + "\": value is null");
    }
    return v;
  }
}
