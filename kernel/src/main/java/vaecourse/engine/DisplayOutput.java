package vaecourse.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One rich output of a cell: a MIME bundle shown by {@code display(...)} or the value of the cell's
 * last expression.
 *
 * @param outputType {@code "display_data"} or {@code "execute_result"}
 * @param data MIME type to content (strings; {@code image/png} is base64 without a data: prefix)
 * @param displayId the id that {@code updateDisplay} refers to, or null
 */
public record DisplayOutput(String outputType, Map<String, Object> data, String displayId) {
  /** Output type of an explicit {@code display(...)} call. */
  public static final String DISPLAY_DATA = "display_data";

  /** Output type of a cell's value. */
  public static final String EXECUTE_RESULT = "execute_result";

  /** Checks the output type and keeps the bundle's order. */
  public DisplayOutput {
    if (!DISPLAY_DATA.equals(outputType) && !EXECUTE_RESULT.equals(outputType)) {
      throw new IllegalArgumentException(
          "outputType must be display_data or execute_result, got " + outputType);
    }
    Objects.requireNonNull(data, "data");
    data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
  }

  /** The same output with other data, as {@code updateDisplay} produces. */
  public DisplayOutput withData(Map<String, Object> newData) {
    return new DisplayOutput(outputType, newData, displayId);
  }
}
