package vaecourse.engine;

import java.util.List;
import java.util.Objects;

/**
 * An error in Jupyter's terms: the error name, its message and the traceback lines a user reads.
 *
 * @param ename the exception class or a short kind such as {@code "CompileError"}
 * @param evalue the one-line message
 * @param traceback the lines shown below the cell, user frames only
 */
public record CellError(String ename, String evalue, List<String> traceback) {
  /** Checks that every part is present and copies the traceback. */
  public CellError {
    Objects.requireNonNull(ename, "ename");
    Objects.requireNonNull(evalue, "evalue");
    traceback = List.copyOf(traceback);
  }
}
