package vaecourse.grader.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Marked regions inside a cell: {@code // BEGIN SOLUTION} ... {@code // END SOLUTION} in code,
 * {@code <!-- BEGIN SOLUTION -->} ... {@code <!-- END SOLUTION -->} in markdown, {@code // BEGIN
 * HIDDEN TESTS} ... {@code // END HIDDEN TESTS} in test cells. A marker is a line of its own
 * (leading spaces allowed); regions do not nest.
 */
public enum Regions {
  /** Solution regions in code cells. */
  CODE_SOLUTION("//\\s*BEGIN SOLUTION\\b.*", "//\\s*END SOLUTION\\b.*", "// BEGIN SOLUTION"),
  /** Solution regions in markdown cells. */
  MARKDOWN_SOLUTION(
      "<!--\\s*BEGIN SOLUTION\\s*-->\\s*",
      "<!--\\s*END SOLUTION\\s*-->\\s*",
      "<!-- BEGIN SOLUTION -->"),
  /** Hidden test regions in test cells. */
  HIDDEN_TESTS(
      "//\\s*BEGIN HIDDEN TESTS\\b.*", "//\\s*END HIDDEN TESTS\\b.*", "// BEGIN HIDDEN TESTS");

  /** What a cleared code solution becomes, after the region's indentation. */
  public static final String CODE_STUB =
      "throw new UnsupportedOperationException(\"your code here\");";

  /** What a cleared written answer becomes. */
  public static final String TEXT_STUB = "YOUR ANSWER HERE";

  private final Pattern begin;
  private final Pattern end;
  private final String display;

  Regions(String begin, String end, String display) {
    this.begin = Pattern.compile(begin);
    this.end = Pattern.compile(end);
    this.display = display;
  }

  /**
   * A region's lines, 0-based and inclusive of both markers.
   *
   * @param begin the BEGIN marker's line
   * @param end the END marker's line
   * @param indent the BEGIN marker's leading whitespace
   */
  public record Region(int begin, int end, String indent) {}

  /** A marker error at a line (from 1). */
  public record MarkerError(int line, String message) {}

  /** Whether any line of the source is a BEGIN or END marker of this kind. */
  public boolean mentions(String source) {
    for (String line : lines(source)) {
      String t = line.strip();
      if (begin.matcher(t).matches() || end.matcher(t).matches()) {
        return true;
      }
    }
    return false;
  }

  /** The regions of a source, and the marker errors (nested, unclosed, stray END) found. */
  public List<Region> scan(String source, List<MarkerError> errors) {
    List<Region> regions = new ArrayList<>();
    String[] lines = lines(source);
    int open = -1;
    String indent = "";
    for (int i = 0; i < lines.length; i++) {
      String t = lines[i].strip();
      if (begin.matcher(t).matches()) {
        if (open >= 0) {
          errors.add(
              new MarkerError(
                  i + 1,
                  "nested \""
                      + display
                      + "\": the region opened at line "
                      + (open + 1)
                      + " is not closed yet; regions cannot nest"));
        } else {
          open = i;
          indent = lines[i].substring(0, lines[i].indexOf(lines[i].stripLeading()));
        }
      } else if (end.matcher(t).matches()) {
        if (open < 0) {
          errors.add(
              new MarkerError(
                  i + 1,
                  "\""
                      + display.replace("BEGIN", "END")
                      + "\" without a matching \""
                      + display
                      + "\" before it"));
        } else {
          regions.add(new Region(open, i, indent));
          open = -1;
        }
      }
    }
    if (open >= 0) {
      errors.add(
          new MarkerError(
              open + 1,
              "\""
                  + display
                  + "\" is never closed: add \""
                  + display.replace("BEGIN", "END")
                  + "\" after the region"));
    }
    return regions;
  }

  /**
   * Replaces each region (markers included) by what {@code replacement} makes of its indentation,
   * or removes it when that is null.
   *
   * @throws IllegalStateException when the markers are malformed (validate first)
   */
  public String replace(String source, UnaryOperator<String> replacement) {
    List<MarkerError> errors = new ArrayList<>();
    List<Region> regions = scan(source, errors);
    if (!errors.isEmpty()) {
      throw new IllegalStateException(
          "line " + errors.get(0).line() + ": " + errors.get(0).message());
    }
    String[] lines = lines(source);
    StringBuilder out = new StringBuilder(source.length());
    int r = 0;
    for (int i = 0; i < lines.length; i++) {
      if (r < regions.size() && i == regions.get(r).begin()) {
        String text = replacement.apply(regions.get(r).indent());
        if (text != null) {
          out.append(text).append('\n');
        }
        i = regions.get(r).end();
        r++;
        continue;
      }
      out.append(lines[i]).append('\n');
    }
    if (!source.endsWith("\n") && out.length() > 0) {
      out.setLength(out.length() - 1);
    }
    return out.toString();
  }

  /** Lines without their newlines; a final newline adds no empty line. */
  static String[] lines(String source) {
    if (source.isEmpty()) {
      return new String[0];
    }
    String s = source.endsWith("\n") ? source.substring(0, source.length() - 1) : source;
    return s.split("\r?\n", -1);
  }
}
