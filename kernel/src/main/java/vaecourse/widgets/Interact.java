package vaecourse.widgets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Controls above an output area, and a function re-run whenever a control changes; its value (a
 * figure, a table, text) replaces what the area showed. What the function throws is shown in the
 * area; the kernel goes on.
 */
public final class Interact {
  private final WidgetManager manager;
  private final Supplier<?> function;
  private final Output output;
  private final Box box;

  Interact(WidgetManager manager, Supplier<?> function, List<? extends Control<?>> controls) {
    if (controls.isEmpty()) {
      throw new IllegalArgumentException("interact needs at least one control");
    }
    this.manager = manager;
    this.function = function;
    this.output = new Output(manager);
    Box row = new Box(manager, true, controls);
    List<String> settings = new ArrayList<>();
    controls.forEach(c -> settings.add(c.fallbackText()));
    String caption =
        "Interactive in Jupyter (controls: "
            + String.join(", ", settings)
            + "); the output below shows these settings.";
    this.box = new Box(manager, false, List.of(row, output), caption);
    for (Control<?> c : controls) {
      c.onChange(v -> run());
    }
  }

  /** The whole explorer: controls above the output area. */
  public Box box() {
    return box;
  }

  /** The output area. */
  public Output output() {
    return output;
  }

  /** Shows the explorer and runs the function once with the controls' current values. */
  Interact show() {
    manager.show(box);
    run();
    return this;
  }

  /** Runs the function and shows its value (or its error) in the output area. */
  void run() {
    output.capture(
        () -> {
          Object value;
          try {
            value = function.get();
          } catch (RuntimeException | Error e) {
            value = ErrorView.of(e);
          }
          if (value != null) {
            manager.show(value);
          }
        });
  }

  /** An exception shown in an output area, with the frames of notebook code. */
  public static final class ErrorView {
    private final String text;

    private ErrorView(String text) {
      this.text = text;
    }

    static ErrorView of(Throwable t) {
      StringBuilder b = new StringBuilder();
      String prefix = "";
      for (Throwable cur = t; cur != null; cur = cur.getCause() == cur ? null : cur.getCause()) {
        b.append(prefix).append(cur.getClass().getName());
        if (cur.getMessage() != null) {
          b.append(": ").append(cur.getMessage());
        }
        b.append('\n');
        for (StackTraceElement f : cur.getStackTrace()) {
          if (f.getClassName().startsWith("REPL.")) {
            b.append("    at ").append(f.getMethodName()).append('\n');
          }
        }
        prefix = "Caused by: ";
      }
      return new ErrorView(b.toString().stripTrailing());
    }

    /** The error's text. */
    public String text() {
      return text;
    }

    public Map<String, Object> toMimeBundle() {
      String html =
          "<pre style=\"color:#b00020\">"
              + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
              + "</pre>";
      return Map.of("text/plain", text, "text/html", html);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
