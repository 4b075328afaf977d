package vaecourse.widgets;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** A slider over integers {@code min, min + step, ..., max}. */
public final class IntSlider extends Control<Integer> {
  private final int min;
  private final int max;
  private final int step;

  IntSlider(WidgetManager m, String description, int min, int max, int step, int value) {
    super(m, StyleKind.SLIDER, description, value);
    if (!(min < max) || step <= 0 || value < min || value > max) {
      throw new IllegalArgumentException(
          "intSlider \""
              + description
              + "\": need min < max, step > 0 and min <= value <= max, got"
              + " min "
              + min
              + ", max "
              + max
              + ", step "
              + step
              + ", value "
              + value);
    }
    this.min = min;
    this.max = max;
    this.step = step;
    open();
  }

  @Override
  String modelName() {
    return "IntSliderModel";
  }

  @Override
  String viewName() {
    return "IntSliderView";
  }

  @Override
  void writeControlState(JsonObject s) {
    s.addProperty("min", min);
    s.addProperty("max", max);
    s.addProperty("step", step);
    s.addProperty("orientation", "horizontal");
    s.addProperty("readout", true);
    s.addProperty("readout_format", "d");
    s.addProperty("continuous_update", false);
    if (version() == WidgetProtocol.Version.V1) {
      s.addProperty("_range", false);
    }
  }

  @Override
  void writeValue(JsonObject s) {
    s.addProperty("value", value());
  }

  @Override
  Integer parse(JsonObject patch) {
    JsonElement e = member(patch, "value");
    return e == null ? null : Math.max(min, Math.min(max, e.getAsInt()));
  }

  @Override
  Integer check(Integer v) {
    if (v == null || v < min || v > max) {
      throw new IllegalArgumentException(
          "intSlider \""
              + description()
              + "\": value must lie in ["
              + min
              + ", "
              + max
              + "], got "
              + v);
    }
    return v;
  }
}
