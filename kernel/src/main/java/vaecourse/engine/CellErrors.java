package vaecourse.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.UnresolvedReferenceException;

/**
 * The errors a cell can end with, written for the person who wrote the cell: compile errors with
 * the cell's own line numbers and a caret under the column, exceptions with only the user's frames,
 * and one sentence for each way the engine stops a cell (exit, heap, time, interrupt, output).
 */
final class CellErrors {
  private CellErrors() {}

  /** A snippet the compiler rejected; {@code offset} is where it starts in {@code text}. */
  static CellError compile(JShell shell, Snippet snippet, String text, int offset) {
    List<Diag> diags =
        shell.diagnostics(snippet).filter(Diag::isError).collect(Collectors.toList());
    if (diags.isEmpty()) {
      int line = Traces.lineOf(text, offset + leadingBlank(snippet.source()));
      String msg = "line " + line + ": this snippet cannot be compiled";
      return new CellError("CompileError", msg, List.of(msg));
    }
    List<String> tb = new ArrayList<>();
    String evalue = null;
    for (Diag d : diags) {
      long pos = d.getStartPosition() >= 0 ? d.getStartPosition() : d.getPosition();
      int abs = (int) Math.min(text.length(), offset + Math.max(0, pos));
      int line = Traces.lineOf(text, abs);
      String message = d.getMessage(Locale.ROOT);
      if (evalue == null) {
        evalue = "line " + line + ": " + Traces.compactMessage(message);
      }
      String[] parts = message.split("\n");
      tb.add("line " + line + ": " + parts[0]);
      for (int i = 1; i < parts.length; i++) {
        String p = parts[i].strip();
        if (!p.isEmpty() && !p.startsWith("location: class")) {
          tb.add("    " + p);
        }
      }
      String src = Traces.lineText(text, line);
      tb.add("    " + src);
      tb.add("    " + " ".repeat(Math.min(Traces.columnOf(text, abs), src.length())) + "^");
    }
    return new CellError("CompileError", evalue, tb);
  }

  /**
   * An exception a snippet threw, or a declaration used before what it needs exists.
   *
   * @param origins where each snippet id came from (cell number and line), for the traceback
   * @param cellNumber the running cell's number
   */
  static CellError runtime(
      JShell shell, JShellException ex, IntFunction<Traces.Origin> origins, int cellNumber) {
    if (ex instanceof UnresolvedReferenceException) {
      DeclarationSnippet ds = ((UnresolvedReferenceException) ex).getSnippet();
      List<String> missing = shell.unresolvedDependencies(ds).collect(Collectors.toList());
      String msg =
          "'"
              + ds.name()
              + "' cannot be used until "
              + String.join(", ", missing)
              + (missing.size() == 1 ? " is" : " are")
              + " declared";
      return new CellError("UnresolvedReference", msg, List.of(msg));
    }
    // JShell's copy of the exception carries stack frames mapped back to snippet lines; the real
    // one only tells what happened (out of memory, exit).
    String cls = Traces.className(ex);
    String msg = ex.getMessage() == null ? "" : ex.getMessage();
    return new CellError(cls, msg, Traces.traceback(ex, origins, cellNumber));
  }

  /** A cell that ends inside a statement or declaration. */
  static CellError incomplete(String text, int offset) {
    int line = Traces.lineOf(text, offset);
    String msg =
        "line "
            + line
            + ": the cell ends before this statement or declaration is complete"
            + " (a closing '}', ')' or ';' is missing)";
    return new CellError("CompileError", msg, List.of(msg, "    " + Traces.lineText(text, line)));
  }

  /** {@code System.exit} was called; {@code failure} is the error the cell ended with, if any. */
  static CellError exit(int status, CellError failure) {
    String msg =
        "System.exit("
            + status
            + ") was called; the cell was stopped there and the"
            + " notebook process keeps running";
    List<String> tb = new ArrayList<>();
    tb.add(msg);
    if (failure != null && failure.ename().equals(ExitTrappedException.class.getName())) {
      tb.addAll(failure.traceback().subList(1, failure.traceback().size()));
    }
    return new CellError("SystemExit", msg, tb);
  }

  /** The heap ran out; {@code failure} is the error the cell ended with, if any. */
  static CellError outOfMemory(CellError failure) {
    long maxMiB = Runtime.getRuntime().maxMemory() >> 20;
    String msg =
        "the cell ran out of memory (Java heap limit "
            + maxMiB
            + " MiB); what it had allocated"
            + " was freed. Use smaller sizes, or free large objects you no longer need";
    List<String> tb = new ArrayList<>();
    tb.add(msg);
    if (failure != null && failure.traceback().size() > 1) {
      tb.addAll(failure.traceback());
    }
    return new CellError("java.lang.OutOfMemoryError", msg, tb);
  }

  /** The cell ran past its time limit. */
  static CellError timeout(Duration limit) {
    String msg =
        "the cell ran longer than its time limit of " + seconds(limit) + " and was stopped";
    return new CellError("TimeoutError", msg, List.of(msg));
  }

  /** The user interrupted the cell. */
  static CellError interrupted() {
    String msg = "the cell was interrupted";
    return new CellError("Interrupted", msg, List.of(msg));
  }

  /** The cell printed or displayed more than the limits allow. */
  static CellError outputLimit(long maxBytes) {
    String msg =
        "the cell produced more output than the limit of "
            + maxBytes
            + " characters (or "
            + CellCollector.MAX_DISPLAYS
            + " displays); the rest was"
            + " dropped";
    return new CellError("OutputLimit", msg, List.of(msg));
  }

  /** Characters of white space at the start of {@code s}. */
  static int leadingBlank(String s) {
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : (d.toMillis() / 1000.0) + " s";
  }
}
