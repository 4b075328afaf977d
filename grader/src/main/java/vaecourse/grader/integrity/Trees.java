package vaecourse.grader.integrity;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/** Parses (never compiles) one declaration of a cell with javac's tree API. */
final class Trees {
  private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();

  private Trees() {}

  /**
   * The syntax tree of a top-level declaration (a method or a type), parsed as a member of a
   * wrapper class as JShell does; empty when it does not parse.
   */
  static Optional<Tree> parseMember(String declaration) {
    return parse("class $Cell {\n" + declaration + "\n}\n");
  }

  /** Whether a piece parses as statements of a method body (code JShell would run at once). */
  static boolean parsesAsStatements(String piece) {
    // JShell accepts a last statement without its semicolon.
    return parse("class $Cell {\nvoid $run() {\n" + piece + "\n}\n}\n").isPresent()
        || parse("class $Cell {\nvoid $run() {\n" + piece + ";\n}\n}\n").isPresent();
  }

  private static Optional<Tree> parse(String text) {
    if (JAVAC == null) {
      throw new IllegalStateException(
          "the grader runs on a Java runtime without javac; run it on a JDK");
    }
    JavaFileObject file =
        new SimpleJavaFileObject(URI.create("string:///$Cell.java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
          }
        };
    boolean[] failed = {false};
    JavacTask task =
        (JavacTask)
            JAVAC.getTask(
                null,
                null,
                d -> {
                  if (d.getKind() == javax.tools.Diagnostic.Kind.ERROR) {
                    failed[0] = true;
                  }
                },
                List.of("-proc:none"),
                null,
                List.of(file));
    try {
      for (CompilationUnitTree unit : task.parse()) {
        if (failed[0] || unit.getTypeDecls().size() != 1) {
          return Optional.empty();
        }
        ClassTree wrapper = (ClassTree) unit.getTypeDecls().get(0);
        if (wrapper.getMembers().size() != 1) {
          return Optional.empty();
        }
        return Optional.of(wrapper.getMembers().get(0));
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
