package vaecourse.widgets;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import vaecourse.widgets.WidgetProtocol.Version;

/**
 * A choice among options of any type, shown by their {@code toString()}.
 *
 * @param <T> the options' type; {@link #value()} is the chosen option itself
 */
public final class Dropdown<T> extends Control<T> {
  private final List<T> options;
  private final List<String> labels = new ArrayList<>();

  Dropdown(WidgetManager m, String description, List<T> options, T value) {
    super(m, StyleKind.DESCRIPTION, description, value);
    if (options.isEmpty() || !options.contains(value)) {
      throw new IllegalArgumentException(
          "dropdown \""
              + description
              + "\": the value must be one of the options, got "
              + value
              + " for options "
              + options);
    }
    this.options = List.copyOf(options);
    for (T o : options) {
      String label = String.valueOf(o);
      if (labels.contains(label)) {
        throw new IllegalArgumentException(
            "dropdown \""
                + description
                + "\": two options read \""
                + label
                + "\"; give options distinct toString() values");
      }
      labels.add(label);
    }
    open();
  }

  /** The options, in order. */
  public List<T> options() {
    return options;
  }

  @Override
  String modelName() {
    return "DropdownModel";
  }

  @Override
  String viewName() {
    return "DropdownView";
  }

  @Override
  void writeControlState(JsonObject s) {
    JsonArray a = new JsonArray();
    labels.forEach(a::add);
    s.add("_options_labels", a);
  }

  @Override
  void writeValue(JsonObject s) {
    int i = options.indexOf(value());
    if (version() == Version.V1) {
      s.addProperty("value", labels.get(i));
    } else {
      s.addProperty("index", i);
    }
  }

  @Override
  T parse(JsonObject patch) {
    if (version() == Version.V1) {
      JsonElement e = member(patch, "value");
      int i = e == null ? -1 : labels.indexOf(e.getAsString());
      return i < 0 ? null : options.get(i);
    }
    JsonElement e = member(patch, "index");
    int i = e == null ? -1 : e.getAsInt();
    return i < 0 || i >= options.size() ? null : options.get(i);
  }

  @Override
  T check(T v) {
    if (!options.contains(v)) {
      throw new IllegalArgumentException(
          "dropdown \"" + description() + "\": " + v + " is not one of " + options);
    }
    return v;
  }
}
