package vaecourse.engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The result of one cell: its status, its output streams and rich outputs kept apart, and the error
 * when the status is not {@link CellStatus#OK}.
 *
 * @param status how the cell ended
 * @param stdout everything the cell wrote to {@code System.out} (capped)
 * @param stderr everything the cell wrote to {@code System.err} (capped)
 * @param outputs rich outputs in order; the last expression's value is an execute_result
 * @param error the error, present exactly when the status is not OK
 * @param snippets per-snippet record of the same output
 * @param elapsed wall-clock time of the cell
 */
public record CellResult(
    CellStatus status,
    String stdout,
    String stderr,
    List<DisplayOutput> outputs,
    Optional<CellError> error,
    List<SnippetResult> snippets,
    Duration elapsed) {
  /** Checks that an error is present exactly when the status is not OK. */
  public CellResult {
    if ((status == CellStatus.OK) == error.isPresent()) {
      throw new IllegalArgumentException(
          "error must be present exactly when status is not ok; status " + status);
    }
    outputs = List.copyOf(outputs);
    snippets = List.copyOf(snippets);
  }

  /** The value of the cell's last expression, if it had one. */
  public Optional<DisplayOutput> value() {
    return outputs.stream()
        .filter(o -> DisplayOutput.EXECUTE_RESULT.equals(o.outputType()))
        .reduce((a, b) -> b);
  }
}
