package vaecourse.widgets;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import vaecourse.widgets.WidgetProtocol.ModuleKind;
import vaecourse.widgets.WidgetProtocol.Version;

/**
 * An area that shows what code run through {@link #capture} prints and displays, replacing what it
 * showed before. The front end routes a message's outputs into the area while the area's {@code
 * msg_id} names that message (as ipywidgets' {@code with out:} does); without a live front end the
 * outputs stay in the cell, so a saved notebook shows them.
 */
public final class Output extends Widget {
  private volatile String msgId = "";

  Output(WidgetManager m) {
    super(m, StyleKind.NONE);
    open();
  }

  @Override
  String modelName() {
    return "OutputModel";
  }

  @Override
  String viewName() {
    return "OutputView";
  }

  @Override
  ModuleKind module() {
    return ModuleKind.OUTPUT;
  }

  @Override
  void writeState(JsonObject s) {
    s.addProperty("msg_id", msgId);
    if (version() == Version.V2) {
      s.add("outputs", new JsonArray());
    }
  }

  /** Clears the area and runs {@code body} with its output shown in the area. */
  public void capture(Runnable body) {
    WidgetManager m = manager();
    String parent = m.capturesOutput() ? m.channel().parentMessageId() : null;
    if (parent == null) {
      body.run();
      return;
    }
    msgId = parent;
    sync();
    try {
      m.channel().clearOutput();
      body.run();
    } finally {
      msgId = "";
      sync();
    }
  }

  /** Replaces what the area shows by {@code value}, rendered as {@code display} renders it. */
  public void show(Object value) {
    capture(() -> manager().show(value));
  }

  @Override
  String fallbackText() {
    return "";
  }
}
