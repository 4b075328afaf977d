package vaecourse.widgets;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/** A button that runs its listeners when clicked. */
public final class Button extends Widget {
  private final String description;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  Button(WidgetManager m, String description) {
    super(m, StyleKind.BUTTON);
    this.description = Objects.requireNonNull(description, "description");
    open();
  }

  /** Runs {@code listener} on each click. */
  public Button onClick(Runnable listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /** Clicks the button from Java (as the front end does). */
  public void click() {
    listeners.forEach(Runnable::run);
  }

  @Override
  String modelName() {
    return "ButtonModel";
  }

  @Override
  String viewName() {
    return "ButtonView";
  }

  @Override
  void writeState(JsonObject s) {
    s.addProperty("description", description);
    s.addProperty("button_style", "");
    s.addProperty("disabled", false);
    s.addProperty("icon", "");
    s.addProperty("tooltip", "");
  }

  @Override
  void custom(JsonObject content) {
    JsonElement e = content.get(WidgetProtocol.EVENT);
    if (e != null && WidgetProtocol.CLICK.equals(e.getAsString())) {
      click();
    }
  }

  @Override
  String fallbackText() {
    return "[" + description + "]";
  }
}
