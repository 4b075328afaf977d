package vaecourse.grader.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A check on what a graded cell printed or displayed, written in {@code metadata.course.check} (one
 * object, or an array of them). nbgrader has no such checks; the course adds four kinds:
 *
 * <ul>
 *   <li>{@code {"kind": "numbers", "expected": [0.5, 1.25], "atol": 1e-3, "rtol": 0}}: the last
 *       {@code expected.length} numbers in the cell's text output match, each within {@code atol +
 *       rtol * |expected|} ({@code atol} defaults to 1e-6, {@code rtol} to 0);
 *   <li>{@code {"kind": "shape", "expected": [32, 2]}}: the text output shows that shape, written
 *       {@code (32, 2)} or {@code [32, 2]} (DJL prints {@code ND: (32, 2) cpu() float32});
 *   <li>{@code {"kind": "regex", "pattern": "ELBO = -?\\d+"}}: the pattern occurs in the text
 *       output (Java syntax, multi-line mode);
 *   <li>{@code {"kind": "image", "width": 280, "height": 280}}: some {@code image/png} output has
 *       that size in pixels (either may be left out).
 * </ul>
 *
 * <p>The text output is the cell's stdout followed by the {@code text/plain} of each display and
 * result. A cell with checks passes only when it runs cleanly and every check passes.
 *
 * @param kind one of {@code numbers}, {@code shape}, {@code regex}, {@code image}
 * @param numbers expected numbers or shape dimensions
 * @param atol absolute tolerance (numbers)
 * @param rtol relative tolerance (numbers)
 * @param pattern the regular expression (regex)
 * @param width expected image width, or -1
 * @param height expected image height, or -1
 */
public record OutputCheck(
    String kind,
    List<Double> numbers,
    double atol,
    double rtol,
    String pattern,
    int width,
    int height) {

  /** Default absolute tolerance of a numbers check. */
  public static final double DEFAULT_ATOL = 1e-6;

  private static final Pattern NUMBER =
      Pattern.compile("[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?|[-+]?(?:NaN|Infinity)");

  /** Checks the fields the kind needs. */
  public OutputCheck {
    numbers = List.copyOf(numbers);
    switch (kind) {
      case "numbers", "shape" -> {
        if (numbers.isEmpty()) {
          throw new IllegalArgumentException(
              "check kind \"" + kind + "\" needs a non-empty \"expected\" array of numbers");
        }
      }
      case "regex" -> {
        try {
          Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException(
              "check \"pattern\" is not a valid regular expression: " + e.getDescription());
        }
      }
      case "image" -> {
        if (width < -1 || height < -1) {
          throw new IllegalArgumentException("check image width/height must be >= 0");
        }
      }
      default ->
          throw new IllegalArgumentException(
              "check \"kind\" must be numbers, shape, regex or image, got \"" + kind + "\"");
    }
    if (!(atol >= 0) || !(rtol >= 0)) {
      throw new IllegalArgumentException(
          "check tolerances atol and rtol must be >= 0, got " + atol + " and " + rtol);
    }
  }

  /**
   * Parses {@code metadata.course.check}.
   *
   * @throws IllegalArgumentException naming the key and the rule when malformed
   */
  public static List<OutputCheck> parseAll(JsonElement e) {
    List<OutputCheck> checks = new ArrayList<>();
    if (e.isJsonArray()) {
      for (JsonElement item : e.getAsJsonArray()) {
        checks.add(parse(item));
      }
    } else {
      checks.add(parse(e));
    }
    return checks;
  }

  private static OutputCheck parse(JsonElement e) {
    if (!e.isJsonObject()) {
      throw new IllegalArgumentException("a check must be a JSON object, got " + e);
    }
    JsonObject o = e.getAsJsonObject();
    String kind =
        o.has("kind") && o.get("kind").isJsonPrimitive() ? o.get("kind").getAsString() : "";
    List<Double> numbers = new ArrayList<>();
    JsonElement expected = o.get("expected");
    if (expected != null && expected.isJsonArray()) {
      for (JsonElement n : expected.getAsJsonArray()) {
        if (!n.isJsonPrimitive() || !n.getAsJsonPrimitive().isNumber()) {
          throw new IllegalArgumentException("check \"expected\" must hold numbers only, got " + n);
        }
        numbers.add(n.getAsDouble());
      }
    } else if (expected != null
        && expected.isJsonPrimitive()
        && expected.getAsJsonPrimitive().isNumber()) {
      numbers.add(expected.getAsDouble());
    }
    return new OutputCheck(
        kind,
        numbers,
        number(o, "atol", DEFAULT_ATOL),
        number(o, "rtol", 0),
        o.has("pattern") && o.get("pattern").isJsonPrimitive()
            ? o.get("pattern").getAsString()
            : "",
        (int) number(o, "width", -1),
        (int) number(o, "height", -1));
  }

  private static double number(JsonObject o, String key, double fallback) {
    JsonElement v = o.get(key);
    if (v == null) {
      return fallback;
    }
    if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
      throw new IllegalArgumentException("check \"" + key + "\" must be a number, got " + v);
    }
    return v.getAsDouble();
  }

  /**
   * Applies the check.
   *
   * @param text the cell's text output (stdout and text/plain results)
   * @param pngs base64 PNG images the cell displayed
   * @return empty when it passes, else a sentence saying what was expected and what was found
   */
  public Optional<String> failure(String text, List<String> pngs) {
    return switch (kind) {
      case "numbers" -> checkNumbers(text);
      case "shape" -> checkShape(text);
      case "regex" ->
          Pattern.compile(pattern, Pattern.MULTILINE).matcher(text).find()
              ? Optional.empty()
              : Optional.of("the output does not match /" + pattern + "/");
      case "image" -> checkImage(pngs);
      default -> Optional.of("unknown check kind " + kind);
    };
  }

  private Optional<String> checkNumbers(String text) {
    List<Double> found = new ArrayList<>();
    Matcher m = NUMBER.matcher(text);
    while (m.find()) {
      try {
        found.add(Double.parseDouble(m.group()));
      } catch (NumberFormatException ignored) {
        // a lone sign or dot is not a number
      }
    }
    if (found.size() < numbers.size()) {
      return Optional.of(
          "expected "
              + numbers.size()
              + " number(s) "
              + numbers
              + " in the output, found "
              + found.size());
    }
    List<Double> tail = found.subList(found.size() - numbers.size(), found.size());
    for (int i = 0; i < numbers.size(); i++) {
      double want = numbers.get(i);
      double got = tail.get(i);
      if (!(Math.abs(got - want) <= atol + rtol * Math.abs(want))) {
        return Optional.of(
            "number "
                + (i + 1)
                + " is "
                + got
                + " but should be "
                + want
                + " (tolerance "
                + (atol + rtol * Math.abs(want))
                + ")");
      }
    }
    return Optional.empty();
  }

  private Optional<String> checkShape(String text) {
    StringBuilder re = new StringBuilder("[(\\[]\\s*");
    for (int i = 0; i < numbers.size(); i++) {
      if (i > 0) {
        re.append("\\s*,\\s*");
      }
      re.append((long) numbers.get(i).doubleValue());
    }
    re.append("\\s*,?\\s*[)\\]]");
    if (Pattern.compile(re.toString()).matcher(text).find()) {
      return Optional.empty();
    }
    List<Long> dims = numbers.stream().map(Double::longValue).toList();
    return Optional.of("the output does not show the shape " + dims);
  }

  private Optional<String> checkImage(List<String> pngs) {
    if (pngs.isEmpty()) {
      return Optional.of("expected an image, the cell displayed none");
    }
    List<String> sizes = new ArrayList<>();
    for (String b64 : pngs) {
      int[] size = pngSize(b64);
      if (size == null) {
        sizes.add("unreadable");
        continue;
      }
      if ((width < 0 || size[0] == width) && (height < 0 || size[1] == height)) {
        return Optional.empty();
      }
      sizes.add(size[0] + "x" + size[1]);
    }
    return Optional.of(
        "expected an image of "
            + (width < 0 ? "any" : width)
            + "x"
            + (height < 0 ? "any" : height)
            + " pixels, found "
            + String.join(", ", sizes));
  }

  /** Width and height from a PNG's IHDR chunk, or null when it is not a PNG. */
  static int[] pngSize(String base64) {
    byte[] b;
    try {
      b = Base64.getMimeDecoder().decode(base64.length() > 64 ? base64.substring(0, 64) : base64);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (b.length < 24 || (b[0] & 0xff) != 0x89 || b[1] != 'P' || b[2] != 'N' || b[3] != 'G') {
      return null;
    }
    return new int[] {readInt(b, 16), readInt(b, 20)};
  }

  private static int readInt(byte[] b, int at) {
    return ((b[at] & 0xff) << 24)
        | ((b[at + 1] & 0xff) << 16)
        | ((b[at + 2] & 0xff) << 8)
        | (b[at + 3] & 0xff);
  }

  /** Unused helper kept private to the package for tests building check JSON. */
  static JsonArray array(double... values) {
    JsonArray a = new JsonArray();
    for (double v : values) {
      a.add(v);
    }
    return a;
  }
}
