package vaecourse.engine;

import java.util.Locale;

/** How a cell ended; {@link #wireName()} is the word used in the worker protocol. */
public enum CellStatus {
  /** Every snippet ran. */
  OK,
  /** A compile error, a runtime exception or a failed magic. */
  ERROR,
  /** The per-cell time limit ran out and the cell was stopped. */
  TIMEOUT,
  /** Someone interrupted the cell (the Jupyter interrupt button). */
  INTERRUPTED,
  /** The cell called {@code System.exit} or {@code Runtime.halt}; the process kept running. */
  EXIT,
  /** The cell ran out of Java heap. */
  OOM,
  /** The cell printed more than the output cap; the rest of its output was dropped. */
  OUTPUT_LIMIT;

  /** The lower-case name used on the wire, e.g. {@code "output_limit"}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
