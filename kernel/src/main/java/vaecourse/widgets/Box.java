package vaecourse.widgets;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/** Widgets side by side ({@link Widgets#hbox}) or one above the other ({@link Widgets#vbox}). */
public final class Box extends Widget {
  private final boolean horizontal;
  private final List<Widget> children;
  private final String caption;

  Box(WidgetManager m, boolean horizontal, List<? extends Widget> children) {
    this(m, horizontal, children, null);
  }

  /** A box whose fallback is {@code caption} instead of its children's. */
  Box(WidgetManager m, boolean horizontal, List<? extends Widget> children, String caption) {
    super(m, StyleKind.NONE);
    this.horizontal = horizontal;
    this.children = List.copyOf(children);
    this.caption = caption;
    open();
  }

  /** The widgets in the box, in order. */
  public List<Widget> children() {
    return children;
  }

  @Override
  String modelName() {
    return horizontal ? "HBoxModel" : "VBoxModel";
  }

  @Override
  String viewName() {
    return horizontal ? "HBoxView" : "VBoxView";
  }

  @Override
  void writeState(JsonObject s) {
    JsonArray refs = new JsonArray();
    children.forEach(c -> refs.add(reference(c)));
    s.add("children", refs);
    s.addProperty("box_style", "");
  }

  @Override
  String fallbackText() {
    if (caption != null) {
      return caption;
    }
    StringBuilder b = new StringBuilder();
    for (Widget c : children) {
      String t = c.fallbackText();
      if (!t.isEmpty()) {
        b.append(b.length() == 0 ? "" : horizontal ? ", " : "\n").append(t);
      }
    }
    return b.toString();
  }
}
