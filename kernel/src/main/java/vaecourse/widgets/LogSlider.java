package vaecourse.widgets;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Locale;
import vaecourse.widgets.WidgetProtocol.Version;

/**
 * A slider over a geometric grid from {@code min} to {@code max}, {@code stepsPerDecade} values per
 * factor of ten. Version 2 shows ipywidgets' {@code FloatLogSlider}; version 1, which has none,
 * shows a selection slider over the same grid with the values as labels.
 */
public final class LogSlider extends Control<Double> {
  private final double[] grid;

  LogSlider(
      WidgetManager m,
      String description,
      double min,
      double max,
      int stepsPerDecade,
      double value) {
    super(m, StyleKind.SLIDER, description, value);
    if (!(min > 0) || !(min < max) || stepsPerDecade < 1 || !(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          "logSlider \""
              + description
              + "\": need 0 < min < max, stepsPerDecade >= 1 and"
              + " min <= value <= max, got min "
              + min
              + ", max "
              + max
              + ", stepsPerDecade "
              + stepsPerDecade
              + ", value "
              + value);
    }
    // The grid runs through the starting value, so that it is shown exactly.
    int below = (int) Math.floor(Math.log10(value / min) * stepsPerDecade + 1e-9);
    int above = (int) Math.floor(Math.log10(max / value) * stepsPerDecade + 1e-9);
    grid = new double[below + above + 1];
    for (int i = -below; i <= above; i++) {
      grid[i + below] = i == 0 ? value : value * Math.pow(10, (double) i / stepsPerDecade);
    }
    initValue(grid[nearest(value)]);
    open();
  }

  /** The values the slider can take, smallest first. */
  public double[] grid() {
    return grid.clone();
  }

  private int nearest(double v) {
    int best = 0;
    for (int i = 1; i < grid.length; i++) {
      if (Math.abs(Math.log(grid[i] / v)) < Math.abs(Math.log(grid[best] / v))) {
        best = i;
      }
    }
    return best;
  }

  static String label(double v) {
    return String.format(Locale.ROOT, "%.3g", v).replaceAll("\\.?0+($|e)", "$1");
  }

  @Override
  String fallbackText() {
    return description() + " = " + label(value());
  }

  @Override
  String modelName() {
    return version() == Version.V1 ? "SelectionSliderModel" : "FloatLogSliderModel";
  }

  @Override
  String viewName() {
    return version() == Version.V1 ? "SelectionSliderView" : "FloatLogSliderView";
  }

  @Override
  void writeControlState(JsonObject s) {
    s.addProperty("orientation", "horizontal");
    s.addProperty("readout", true);
    s.addProperty("continuous_update", false);
    if (version() == Version.V1) {
      JsonArray labels = new JsonArray();
      for (double g : grid) {
        labels.add(label(g));
      }
      s.add("_options_labels", labels);
    } else {
      s.addProperty("base", 10.0);
      s.addProperty("min", Math.log10(grid[0]));
      s.addProperty("max", Math.log10(grid[grid.length - 1]));
      s.addProperty(
          "step", (Math.log10(grid[grid.length - 1]) - Math.log10(grid[0])) / (grid.length - 1));
      s.addProperty("readout_format", ".3g");
    }
  }

  @Override
  void writeValue(JsonObject s) {
    if (version() == Version.V1) {
      s.addProperty("value", label(value()));
    } else {
      s.addProperty("value", value());
    }
  }

  @Override
  Double parse(JsonObject patch) {
    JsonElement e = member(patch, "value");
    if (e == null) {
      return null;
    }
    if (version() == Version.V1) {
      String chosen = e.getAsString();
      for (double g : grid) {
        if (label(g).equals(chosen)) {
          return g;
        }
      }
      return null;
    }
    return grid[nearest(e.getAsDouble())];
  }

  @Override
  Double check(Double v) {
    if (v == null || !(v >= grid[0] && v <= grid[grid.length - 1])) {
      throw new IllegalArgumentException(
          "logSlider \""
              + description()
              + "\": value must lie in ["
              + grid[0]
              + ", "
              + grid[grid.length - 1]
              + "], got "
              + v);
    }
    return grid[nearest(v)];
  }
}
