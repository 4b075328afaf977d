package vaecourse.widgets;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** A slider over real numbers from {@code min} to {@code max} in steps of {@code step}. */
public final class FloatSlider extends Control<Double> {
  private final double min;
  private final double max;
  private final double step;

  FloatSlider(
      WidgetManager m, String description, double min, double max, double step, double value) {
    super(m, StyleKind.SLIDER, description, value);
    if (!(min < max) || !(step > 0) || !(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          "floatSlider \""
              + description
              + "\": need min < max, step > 0 and min <= value <= max,"
              + " got min "
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
    return "FloatSliderModel";
  }

  @Override
  String viewName() {
    return "FloatSliderView";
  }

  @Override
  void writeControlState(JsonObject s) {
    s.addProperty("min", min);
    s.addProperty("max", max);
    s.addProperty("step", step);
    s.addProperty("orientation", "horizontal");
    s.addProperty("readout", true);
    s.addProperty("readout_format", ".3g");
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
  Double parse(JsonObject patch) {
    JsonElement e = member(patch, "value");
    return e == null ? null : Math.max(min, Math.min(max, e.getAsDouble()));
  }

  @Override
  Double check(Double v) {
    if (v == null || !(v >= min && v <= max)) {
      throw new IllegalArgumentException(
          "floatSlider \""
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
