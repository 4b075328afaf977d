package io.github.spencerpark.ijava.runtime;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import vaecourse.engine.Engine;

/**
 * Shows values below the running cell, with IJava's signatures. Every cell imports these
 * statically.
 */
public final class Display {
  private Display() {}

  /** Renders a value to its MIME bundle without showing it. */
  public static DisplayData render(Object o) {
    return Engine.active().renderData(o);
  }

  /** Renders a value as the given MIME types only, e.g. {@code render(x, "text/html")}. */
  public static DisplayData render(Object o, String... as) {
    return Engine.active().renderData(o, as);
  }

  /**
   * Shows a value below the cell.
   *
   * @return the display id, for {@link #updateDisplay(String, Object)}
   */
  public static String display(Object o) {
    return Engine.active().display(o);
  }

  /** Shows a value as the given MIME types only; returns the display id. */
  public static String display(Object o, String... as) {
    return Engine.active().display(o, as);
  }

  /** Replaces what {@code display} showed under this id. */
  public static void updateDisplay(String id, Object o) {
    Engine.active().updateDisplay(id, o);
  }

  /** Replaces what {@code display} showed under this id, as the given MIME types only. */
  public static void updateDisplay(String id, Object o, String... as) {
    Engine.active().updateDisplay(id, o, as);
  }
}
