package vaecourse.widgets;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** A yes/no choice. */
public final class Checkbox extends Control<Boolean> {
  Checkbox(WidgetManager m, String description, boolean value) {
    super(m, StyleKind.DESCRIPTION, description, value);
    open();
  }

  @Override
  String modelName() {
    return "CheckboxModel";
  }

  @Override
  String viewName() {
    return "CheckboxView";
  }

  @Override
  void writeControlState(JsonObject s) {
    if (version() == WidgetProtocol.Version.V2) {
      s.addProperty("indent", true);
    }
  }

  @Override
  void writeValue(JsonObject s) {
    s.addProperty("value", value());
  }

  @Override
  Boolean parse(JsonObject patch) {
    JsonElement e = member(patch, "value");
    return e == null ? null : e.getAsBoolean();
  }

  @Override
  Boolean check(Boolean v) {
    if (v == null) {
      throw new IllegalArgumentException("checkbox \"" + description() + "\": value is null");
    }
    return v;
  }
}
