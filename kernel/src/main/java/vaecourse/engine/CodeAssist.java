package vaecourse.engine;

import java.util.List;
import java.util.stream.Collectors;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.SourceCodeAnalysis.Documentation;
import jdk.jshell.SourceCodeAnalysis.Suggestion;

/**
 * What the editor asks of the engine while a user types: completion candidates, the documentation
 * under the cursor, and whether a cell is complete. All three read the shell's current state
 * (declared variables, imports, the class path) through JShell's source analysis; none runs code.
 */
final class CodeAssist {
  private final SourceCodeAnalysis analysis;

  CodeAssist(SourceCodeAnalysis analysis) {
    this.analysis = analysis;
  }

  /** Completion candidates at a cursor position, those that match the expected type first. */
  Engine.Completion complete(String code, int cursor) {
    int[] anchor = new int[1];
    List<Suggestion> suggestions = analysis.completionSuggestions(code, cursor, anchor);
    List<String> options =
        suggestions.stream()
            .sorted((a, b) -> Boolean.compare(b.matchesType(), a.matchesType()))
            .map(Suggestion::continuation)
            .distinct()
            .collect(Collectors.toList());
    return new Engine.Completion(options, anchor[0], cursor);
  }

  /** Signatures and Javadoc of what is under the cursor, or an empty string. */
  String documentation(String code, int cursor) {
    List<Documentation> docs = analysis.documentation(code, cursor, true);
    return docs.stream()
        .map(d -> d.javadoc() == null ? d.signature() : d.signature() + "\n\n" + d.javadoc())
        .collect(Collectors.joining("\n\n"));
  }

  /** Whether a cell's source is complete: "complete", "incomplete" or "invalid". */
  String completeness(String code) {
    String rest = code;
    while (!rest.isBlank()) {
      CompletionInfo info = analysis.analyzeCompletion(rest);
      switch (info.completeness()) {
        case DEFINITELY_INCOMPLETE:
        case CONSIDERED_INCOMPLETE:
          return "incomplete";
        case UNKNOWN:
          return "invalid";
        case EMPTY:
          return "complete";
        default:
          rest = info.remaining();
      }
    }
    return "complete";
  }
}
