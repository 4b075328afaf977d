package vaecourse.grader.integrity;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.VarSnippet;

/**
 * Splits a cell into the snippets JShell would run, with their kinds, using JShell's own source
 * analysis (the same parser the kernel's JShell uses, so a cell is cut where the kernel cuts it).
 * Nothing is executed: the analysis only parses.
 */
final class Snippets {
  /** One top-level piece of a cell. */
  record Piece(Snippet.Kind kind, String name, String source) {}

  private static final Object LOCK = new Object();
  private static JShell shell;

  private Snippets() {}

  /** The pieces of a cell, in order; unparseable text becomes an {@code ERRONEOUS} piece. */
  static List<Piece> split(String cell) {
    synchronized (LOCK) {
      SourceCodeAnalysis analysis = shell().sourceCodeAnalysis();
      List<Piece> out = new ArrayList<>();
      String rest = cell;
      while (!rest.isBlank()) {
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
        Completeness c = info.completeness();
        if (c == Completeness.EMPTY) {
          break;
        }
        String source;
        if (c.isComplete() && info.source() != null) {
          source = info.source();
          rest = info.remaining();
        } else {
          out.add(new Piece(Snippet.Kind.ERRONEOUS, "", rest.strip()));
          break;
        }
        for (Snippet s : analysis.sourceToSnippets(source)) {
          out.add(new Piece(s.kind(), nameOf(s), s.source()));
        }
      }
      return out;
    }
  }

  private static String nameOf(Snippet s) {
    if (s instanceof MethodSnippet m) {
      return m.name();
    }
    if (s instanceof TypeDeclSnippet t) {
      return t.name();
    }
    if (s instanceof VarSnippet v) {
      return v.name();
    }
    return "";
  }

  private static JShell shell() {
    if (shell == null) {
      PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
      // The local engine starts no process; it is never asked to run anything.
      shell = JShell.builder().executionEngine("local").out(nowhere).err(nowhere).build();
    }
    return shell;
  }
}
