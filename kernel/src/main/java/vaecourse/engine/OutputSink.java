package vaecourse.engine;

import java.util.Map;

/**
 * Receives a cell's output while it runs (the Jupyter kernel forwards it to the notebook). Every
 * method may be called from any thread; the defaults drop the output.
 */
public interface OutputSink {
  /** A sink that drops everything; results still carry the output. */
  OutputSink NONE = new OutputSink() {};

  /** Text the cell wrote to {@code System.out}. */
  default void stdout(String text) {}

  /** Text the cell wrote to {@code System.err}. */
  default void stderr(String text) {}

  /** A rich output from {@code display(...)}. */
  default void display(DisplayOutput output) {}

  /** New data for an output shown earlier with the given display id. */
  default void updateDisplay(String displayId, Map<String, Object> data) {}
}
