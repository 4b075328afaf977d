package vaecourse.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A piece of a cell: Java code, a line magic ({@code %jars ...}) or a cell magic ({@code %%name}).
 *
 * @param kind what the piece is
 * @param text the code, or the magic's argument text
 * @param name the magic's name (null for code)
 * @param offset where the piece starts in the cell (characters)
 * @param line the cell line (1-based) where the piece starts
 */
record Segment(Kind kind, String text, String name, int offset, int line) {
  enum Kind {
    CODE,
    LINE_MAGIC,
    CELL_MAGIC
  }

  private static final Pattern LINE_MAGIC = Pattern.compile("^\\s*%([A-Za-z][\\w-]*)(.*)$");
  private static final Pattern CELL_MAGIC = Pattern.compile("^\\s*%%([A-Za-z][\\w-]*)(.*)$");

  /**
   * Splits a cell into code and magic lines, in order.
   *
   * @param cell the cell's source
   * @param openCode says whether code ends inside an unfinished construct (a text block, a comment,
   *     an open brace), where a line starting with '%' is Java, not a magic
   */
  static List<Segment> split(String cell, Predicate<String> openCode) {
    List<Segment> out = new ArrayList<>();
    String[] lines = cell.split("\n", -1);
    int firstCode = 0;
    while (firstCode < lines.length && lines[firstCode].isBlank()) {
      firstCode++;
    }
    if (firstCode < lines.length) {
      Matcher m = CELL_MAGIC.matcher(lines[firstCode]);
      if (m.matches()) {
        int bodyStart = 0;
        for (int i = 0; i <= firstCode; i++) {
          bodyStart += lines[i].length() + 1;
        }
        String body = bodyStart >= cell.length() ? "" : cell.substring(bodyStart);
        out.add(
            new Segment(
                Kind.CELL_MAGIC, m.group(2).strip() + "\n" + body, m.group(1), 0, firstCode + 1));
        return out;
      }
    }
    StringBuilder code = new StringBuilder();
    int codeOffset = 0;
    int codeLine = 1;
    int offset = 0;
    for (int i = 0; i < lines.length; i++) {
      Matcher m = LINE_MAGIC.matcher(lines[i]);
      if (m.matches()
          && !lines[i].strip().startsWith("%%")
          && (code.toString().isBlank() || !openCode.test(code.toString()))) {
        if (!code.toString().isBlank()) {
          out.add(new Segment(Kind.CODE, code.toString(), null, codeOffset, codeLine));
        }
        out.add(new Segment(Kind.LINE_MAGIC, m.group(2).strip(), m.group(1), offset, i + 1));
        code.setLength(0);
        codeOffset = offset + lines[i].length() + 1;
        codeLine = i + 2;
      } else {
        code.append(lines[i]);
        if (i < lines.length - 1) {
          code.append('\n');
        }
      }
      offset += lines[i].length() + 1;
    }
    if (!code.toString().isBlank()) {
      out.add(new Segment(Kind.CODE, code.toString(), null, codeOffset, codeLine));
    }
    return out;
  }

  /** Splits magic arguments like a shell: spaces separate, quotes group. */
  static List<String> arguments(String text) {
    List<String> args = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    char quote = 0;
    boolean any = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          cur.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        any = true;
      } else if (Character.isWhitespace(c)) {
        if (any || cur.length() > 0) {
          args.add(cur.toString());
          cur.setLength(0);
          any = false;
        }
      } else {
        cur.append(c);
      }
    }
    if (any || cur.length() > 0) {
      args.add(cur.toString());
    }
    return args;
  }
}
