package vaecourse.grader.integrity;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.Snippet;
import vaecourse.grader.notebook.Cell;
import vaecourse.grader.notebook.CellRole;
import vaecourse.grader.notebook.Notebook;

/**
 * The rules of every student cell of one notebook, read from the notebook that grading runs (its
 * locked cells, its tests with their hidden parts, its answer stubs and their {@code
 * metadata.course.forbid}).
 */
public final class NotebookRules {
  private static final Pattern CALL = Pattern.compile("(?<![\\w$.])([a-z_$][\\w$]*)\\s*\\(");
  private static final Pattern TYPE = Pattern.compile("(?<![\\w$])([A-Z][\\w$]*)");
  private static final Set<String> KEYWORDS =
      Set.of(
          "if",
          "for",
          "while",
          "switch",
          "catch",
          "return",
          "new",
          "synchronized",
          "try",
          "do",
          "else",
          "throw",
          "case",
          "assert",
          "super",
          "this");

  private final Map<String, CellRules> byAnswerCell = new HashMap<>();
  private final CellRules added;

  private NotebookRules(Notebook grading, ClassIndex index) {
    List<Cell> cells = grading.cells();
    Set<String> reserved = new HashSet<>();
    Set<String> testVariables = new HashSet<>();
    Map<Integer, List<CellRules.Signature>> stubs = new HashMap<>();
    Map<Integer, Set<String>> stubTypes = new HashMap<>();
    Set<String> allStubNames = new HashSet<>();
    for (int i = 0; i < cells.size(); i++) {
      Cell c = cells.get(i);
      if (c.type() != Cell.Type.CODE) {
        continue;
      }
      if (c.role() == CellRole.ANSWER) {
        List<CellRules.Signature> sigs = new ArrayList<>();
        Set<String> types = new HashSet<>();
        for (Snippets.Piece p : Snippets.split(c.source())) {
          if (p.kind() == Snippet.Kind.METHOD) {
            Trees.parseMember(p.source())
                .filter(t -> t instanceof com.sun.source.tree.MethodTree)
                .ifPresent(
                    t -> sigs.add(AnswerScreen.signature((com.sun.source.tree.MethodTree) t)));
          } else if (p.kind() == Snippet.Kind.TYPE_DECL) {
            types.add(p.name());
          }
        }
        stubs.put(i, sigs);
        stubTypes.put(i, types);
        sigs.forEach(s -> allStubNames.add(s.name()));
        allStubNames.addAll(types);
        continue;
      }
      String code = stripCommentsAndStrings(c.source());
      Matcher m = CALL.matcher(code);
      while (m.find()) {
        if (!KEYWORDS.contains(m.group(1))) {
          reserved.add(m.group(1));
        }
      }
      Matcher t = TYPE.matcher(code);
      while (t.find()) {
        reserved.add(t.group(1));
      }
      if (c.role() == CellRole.TEST) {
        for (Snippets.Piece p : Snippets.split(c.source())) {
          if (p.kind() == Snippet.Kind.VAR) {
            testVariables.add(p.name());
          }
        }
      }
    }
    for (Map.Entry<Integer, List<CellRules.Signature>> e : stubs.entrySet()) {
      Set<String> own = new HashSet<>();
      e.getValue().forEach(s -> own.add(s.name()));
      own.addAll(stubTypes.get(e.getKey()));
      Set<String> r = new HashSet<>(reserved);
      r.addAll(allStubNames);
      r.removeAll(own);
      byAnswerCell.put(
          cells.get(e.getKey()).gradeId().orElse("cell " + (e.getKey() + 1)),
          new CellRules(
              e.getValue(),
              stubTypes.get(e.getKey()),
              r,
              testVariables,
              forbidOf(cells.get(e.getKey())),
              index));
    }
    Set<String> r = new HashSet<>(reserved);
    r.addAll(allStubNames);
    added = new CellRules(List.of(), Set.of(), r, testVariables, List.of(), index);
  }

  /** The rules of a notebook's student cells. */
  public static NotebookRules of(Notebook grading, ClassIndex index) {
    return new NotebookRules(grading, index);
  }

  /** The rules of the autograded answer cell with this grade_id, or null. */
  public CellRules forAnswer(String gradeId) {
    return byAnswerCell.get(gradeId);
  }

  /** The rules of a code cell the student added: declarations of new helpers only. */
  public CellRules forAddedCell() {
    return added;
  }

  /** An answer cell's {@code metadata.course.forbid}: names, or an empty list. */
  public static List<String> forbidOf(Cell cell) {
    List<String> out = new ArrayList<>();
    JsonElement course = cell.metadata().get("course");
    if (course != null && course.isJsonObject()) {
      JsonElement f = ((JsonObject) course).get("forbid");
      if (f != null && f.isJsonArray()) {
        for (JsonElement e : f.getAsJsonArray()) {
          if (e.isJsonPrimitive() && !e.getAsString().isBlank()) {
            out.add(e.getAsString().strip());
          }
        }
      }
    }
    return out;
  }

  /** Java source with comments and string and char literals blanked out. */
  static String stripCommentsAndStrings(String src) {
    StringBuilder b = new StringBuilder(src.length());
    int i = 0;
    int n = src.length();
    while (i < n) {
      char c = src.charAt(i);
      if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
        while (i < n && src.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
        int end = src.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
        b.append(' ');
      } else if (c == '"' || c == '\'') {
        char q = c;
        i++;
        while (i < n && src.charAt(i) != q) {
          i += src.charAt(i) == '\\' ? 2 : 1;
        }
        i++;
        b.append(q).append(q);
      } else {
        b.append(c);
        i++;
      }
    }
    return b.toString();
  }
}
