package vaecourse.widgets;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A widget with a value of Java type {@code T} that the user changes in the front end.
 *
 * @param <T> the value's type: {@code Integer}, {@code Double}, {@code Boolean}, {@code String} or
 *     a dropdown's option type
 */
public abstract class Control<T> extends Widget {
  private final String description;
  private final List<Consumer<? super T>> listeners = new CopyOnWriteArrayList<>();
  private volatile T value;

  Control(WidgetManager manager, StyleKind style, String description, T value) {
    super(manager, style);
    this.description = Objects.requireNonNull(description, "description");
    this.value = value;
  }

  /** The current value. */
  public T value() {
    return value;
  }

  /** Sets the starting value before the widget is opened (a value the constructor adjusted). */
  final void initValue(T v) {
    value = v;
  }

  /** The label shown beside the control. */
  public String description() {
    return description;
  }

  /** Sets the value from Java: the front end shows it and the listeners run. */
  public void setValue(T newValue) {
    T checked = check(newValue);
    if (Objects.equals(checked, value)) {
      return;
    }
    value = checked;
    sync();
    fire();
  }

  /** Runs {@code listener} with the new value after each change. */
  public Control<T> onChange(Consumer<? super T> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /** The value a front end's state stands for, or null when the patch does not hold it. */
  abstract T parse(JsonObject patch);

  /** Checks a value set from Java; throws naming the rule. */
  abstract T check(T value);

  /** Writes the value into the state. */
  abstract void writeValue(JsonObject state);

  @Override
  final void writeState(JsonObject state) {
    state.addProperty("description", description);
    state.addProperty("disabled", false);
    if (version() == WidgetProtocol.Version.V2) {
      state.add("description_tooltip", com.google.gson.JsonNull.INSTANCE);
    }
    writeControlState(state);
    writeValue(state);
  }

  /** Writes what the control shows besides its value (bounds, options). */
  void writeControlState(JsonObject state) {}

  @Override
  final void fromFrontEnd(JsonObject patch) {
    T parsed;
    try {
      parsed = parse(patch);
    } catch (RuntimeException e) {
      return; // a value this control cannot hold: keep the last good one
    }
    if (parsed == null || Objects.equals(parsed, value)) {
      return;
    }
    value = parsed;
    fire();
  }

  private void fire() {
    for (Consumer<? super T> l : listeners) {
      l.accept(value);
    }
  }

  @Override
  String fallbackText() {
    return description + " = " + value;
  }

  static JsonElement member(JsonObject patch, String key) {
    JsonElement e = patch.get(key);
    return e == null || e.isJsonNull() ? null : e;
  }
}
