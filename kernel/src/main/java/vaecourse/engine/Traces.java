package vaecourse.engine;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.EvalException;

/**
 * Formats errors the way a notebook user should read them: the user's exception with the frames of
 * their own cells (as cell lines) and of the libraries they called, never the engine's frames.
 */
final class Traces {
  /** At most this many frames per exception in a traceback. */
  static final int MAX_FRAMES = 40;

  private static final Pattern REPL_CLASS = Pattern.compile("^REPL\\.\\$JShell\\$\\d+[A-Z]?\\$?");

  private Traces() {}

  /** Where a snippet came from: the cell's number and the cell line its source starts on. */
  record Origin(int cell, int line) {}

  /**
   * The traceback of a user exception.
   *
   * @param t the exception the cell threw
   * @param origins snippet id (without '#') to its origin, or null when unknown
   * @param currentCell the number of the cell being reported
   */
  static List<String> traceback(Throwable t, IntFunction<Origin> origins, int currentCell) {
    List<String> lines = new ArrayList<>();
    Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    String prefix = "";
    for (Throwable cur = t; cur != null && seen.add(cur); cur = cur.getCause()) {
      lines.add(prefix + headline(cur));
      StackTraceElement[] frames = userFrames(cur.getStackTrace());
      int shown = Math.min(frames.length, MAX_FRAMES);
      for (int i = 0; i < shown; i++) {
        lines.add("    at " + frame(frames[i], origins, currentCell));
      }
      if (frames.length > shown) {
        lines.add("    ... " + (frames.length - shown) + " more");
      }
      prefix = "Caused by: ";
    }
    return lines;
  }

  /** {@code class: message}, or just the class when there is no message. */
  static String headline(Throwable t) {
    String msg = t.getMessage();
    return msg == null ? className(t) : className(t) + ": " + msg;
  }

  /** The user's exception class, also for JShell's stand-in {@link EvalException}. */
  static String className(Throwable t) {
    String name =
        t instanceof EvalException
            ? ((EvalException) t).getExceptionClassName()
            : t.getClass().getName();
    return userClassName(name);
  }

  /**
   * A class declared in a cell by the name the user gave it ({@code Boom}, {@code Outer.Inner}).
   */
  static String userClassName(String name) {
    Matcher m = REPL_CLASS.matcher(name);
    return m.find() && m.end() < name.length() ? name.substring(m.end()).replace('$', '.') : name;
  }

  /** The frames down to the outermost cell frame; what lies below it is the engine. */
  static StackTraceElement[] userFrames(StackTraceElement[] frames) {
    int last = -1;
    for (int i = 0; i < frames.length; i++) {
      if (isSnippetFrame(frames[i])) {
        last = i;
      }
    }
    if (last < 0) {
      last = frames.length - 1;
      for (int i = 0; i < frames.length; i++) {
        if (isEngineFrame(frames[i])) {
          last = i - 1;
          break;
        }
      }
    }
    StackTraceElement[] out = new StackTraceElement[last + 1];
    System.arraycopy(frames, 0, out, 0, last + 1);
    return out;
  }

  static boolean isSnippetFrame(StackTraceElement f) {
    return f.getFileName() != null && f.getFileName().startsWith("#");
  }

  private static boolean isEngineFrame(StackTraceElement f) {
    String c = f.getClassName();
    return c.startsWith("jdk.internal.reflect.")
        || c.startsWith("java.lang.reflect.Method")
        || c.startsWith("vaecourse.engine.")
        || c.startsWith("jdk.jshell.");
  }

  /** One frame: a cell frame as {@code method (line N)}, others as Java prints them. */
  static String frame(StackTraceElement f, IntFunction<Origin> origins, int currentCell) {
    if (!isSnippetFrame(f)) {
      return f.toString();
    }
    Matcher m = REPL_CLASS.matcher(f.getClassName());
    String owner = m.find() ? f.getClassName().substring(m.end()) : f.getClassName();
    String method = f.getMethodName();
    String where;
    if ("do_it$".equals(method) || method.isEmpty()) {
      where = "cell";
    } else {
      where = owner.isEmpty() ? method : owner.replace('$', '.') + "." + method;
    }
    Origin o = null;
    try {
      o = origins.apply(Integer.parseInt(f.getFileName().substring(1)));
    } catch (NumberFormatException e) {
      // a snippet id that is not a number: keep JShell's own notation
    }
    if (o == null) {
      return where + " (" + f.getFileName() + ":" + f.getLineNumber() + ")";
    }
    int line = o.line() + Math.max(f.getLineNumber(), 1) - 1;
    return o.cell() == currentCell
        ? where + " (line " + line + ")"
        : where + " (cell " + o.cell() + ", line " + line + ")";
  }

  /** Cell line (1-based) of a character offset. */
  static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < Math.min(offset, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** The text of the given (1-based) line. */
  static String lineText(String text, int line) {
    String[] lines = text.split("\n", -1);
    return line >= 1 && line <= lines.length ? lines[line - 1] : "";
  }

  /** Column (0-based) of an offset within its line. */
  static int columnOf(String text, int offset) {
    int start = text.lastIndexOf('\n', Math.max(0, Math.min(offset, text.length()) - 1)) + 1;
    return Math.max(0, offset - start);
  }

  /** A javac message on one line, without JShell's empty {@code location: class} line. */
  static String compactMessage(String message) {
    String[] parts = message.split("\n");
    StringBuilder details = new StringBuilder();
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip();
      if (p.isEmpty() || p.startsWith("location: class")) {
        continue;
      }
      details.append(details.length() == 0 ? "" : ", ").append(p.replaceAll("\\s+", " "));
    }
    return details.length() == 0 ? parts[0].strip() : parts[0].strip() + " (" + details + ")";
  }
}
