package vaecourse.grader.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Strict JSON parsing and the exact text layout Jupyter writes: keys sorted, one-space indent,
 * non-ASCII kept as is, a final newline (Python's {@code json.dumps(nb, sort_keys=True, indent=1,
 * ensure_ascii=False)}). The same tree always gives the same bytes, which is what lets CI compare
 * generated notebooks with committed ones.
 */
public final class NotebookJson {
  private NotebookJson() {}

  /**
   * Parses one JSON document strictly (no comments, no trailing garbage).
   *
   * @throws NotebookFormatException naming the position, and saying "truncated" when the text ends
   *     inside a value
   */
  public static JsonElement parse(String text) throws NotebookFormatException {
    try (JsonReader reader = new JsonReader(new StringReader(text))) {
      reader.setStrictness(Strictness.STRICT);
      JsonElement element = JsonParser.parseReader(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new NotebookFormatException(
            "the file is not valid JSON: extra text after the end of the notebook at "
                + reader.getPath());
      }
      return element;
    } catch (com.google.gson.JsonParseException e) {
      Throwable cause = e.getCause();
      if (cause instanceof EOFException
          || String.valueOf(e.getMessage()).contains("End of input")
          || errorAtEnd(text, String.valueOf(e.getMessage()))) {
        throw new NotebookFormatException(
            "the file is truncated: the JSON ends before the notebook is complete; save the"
                + " notebook again from Jupyter and resubmit",
            e);
      }
      String detail = cause instanceof MalformedJsonException ? cause.getMessage() : e.getMessage();
      throw new NotebookFormatException(
          "the file is not JSON, so it is not a notebook (" + firstLine(detail) + ")", e);
    } catch (IOException e) {
      if (e instanceof EOFException) {
        throw new NotebookFormatException("the file is empty or truncated: no JSON found", e);
      }
      throw new NotebookFormatException(
          "the file is not JSON, so it is not a notebook (" + firstLine(e.getMessage()) + ")", e);
    }
  }

  /** Whether gson's "line L column C" lies at the end of the text (a cut-off file). */
  private static boolean errorAtEnd(String text, String message) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("line (\\d+) column (\\d+)").matcher(message);
    if (!m.find()) {
      return false;
    }
    String trimmed = text.stripTrailing();
    int lines = (int) trimmed.chars().filter(c -> c == '\n').count() + 1;
    int lastLineLength = trimmed.length() - trimmed.lastIndexOf('\n') - 1;
    return Integer.parseInt(m.group(1)) == lines && Integer.parseInt(m.group(2)) >= lastLineLength;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "no detail";
    }
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.replace(
            "Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON",
            "malformed JSON")
        .replaceAll("\\s*See https?://\\S+", "");
  }

  /** The tree as Jupyter would write it, ending with a newline. */
  public static String write(JsonElement element) {
    StringBuilder out = new StringBuilder(4096);
    write(element, out, 0);
    out.append('\n');
    return out.toString();
  }

  private static void write(JsonElement e, StringBuilder out, int depth) {
    if (e == null || e.isJsonNull()) {
      out.append("null");
    } else if (e.isJsonPrimitive()) {
      writePrimitive(e.getAsJsonPrimitive(), out);
    } else if (e.isJsonArray()) {
      JsonArray array = e.getAsJsonArray();
      if (array.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append('[');
      for (int i = 0; i < array.size(); i++) {
        out.append(i == 0 ? "\n" : ",\n");
        indent(out, depth + 1);
        write(array.get(i), out, depth + 1);
      }
      out.append('\n');
      indent(out, depth);
      out.append(']');
    } else {
      JsonObject object = e.getAsJsonObject();
      if (object.isEmpty()) {
        out.append("{}");
        return;
      }
      List<String> keys = new ArrayList<>(object.keySet());
      keys.sort(null);
      out.append('{');
      boolean first = true;
      for (String key : keys) {
        out.append(first ? "\n" : ",\n");
        first = false;
        indent(out, depth + 1);
        quote(key, out);
        out.append(": ");
        write(object.get(key), out, depth + 1);
      }
      out.append('\n');
      indent(out, depth);
      out.append('}');
    }
  }

  private static void writePrimitive(JsonPrimitive p, StringBuilder out) {
    if (p.isString()) {
      quote(p.getAsString(), out);
    } else if (p.isBoolean()) {
      out.append(p.getAsBoolean() ? "true" : "false");
    } else {
      Number n = p.getAsNumber();
      if (n instanceof Double || n instanceof Float) {
        double d = n.doubleValue();
        out.append(d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) + ".0" : d);
      } else {
        out.append(n.toString());
      }
    }
  }

  private static void indent(StringBuilder out, int depth) {
    for (int i = 0; i < depth; i++) {
      out.append(' ');
    }
  }

  /** Python's {@code json.dumps} string escaping with {@code ensure_ascii=False}. */
  static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** A deep copy of an object (gson's own). */
  public static JsonObject copy(JsonObject o) {
    return o.deepCopy();
  }

  /**
   * {@code parent.key} as an object; a missing or non-object member is replaced by an empty one.
   */
  public static JsonObject objectMember(JsonObject parent, String key) {
    JsonElement m = parent.get(key);
    if (m == null || !m.isJsonObject()) {
      JsonObject fresh = new JsonObject();
      parent.add(key, fresh);
      return fresh;
    }
    return m.getAsJsonObject();
  }

  /** Convenience for building small objects in code. */
  public static JsonObject object(Map<String, ? extends JsonElement> entries) {
    JsonObject o = new JsonObject();
    entries.forEach(o::add);
    return o;
  }
}
