package vaecourse.grader.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import vaecourse.grader.notebook.Cell;
import vaecourse.grader.notebook.CellRole;

/**
 * Stores in {@code metadata.nbgrader.checksum} the SHA-256 of each graded, locked or solution
 * cell's type and normalized source, as nbgrader does (with MD5). Grading compares a submitted
 * cell's checksum with it to tell an edited locked cell or an untouched stub.
 */
public final class ComputeChecksums implements Step<SourceContext> {

  @Override
  public void apply(SourceContext context) {
    for (Cell cell : context.notebook().cells()) {
      if (cell.role() != CellRole.PLAIN) {
        cell.setNbgrader("checksum", of(cell));
      }
    }
  }

  /**
   * The checksum of a cell: SHA-256 over the cell type, a NUL and the source with line endings made
   * {@code \n}, trailing spaces of each line and blank lines at both ends removed.
   */
  public static String of(Cell cell) {
    return of(cell.typeName(), cell.source());
  }

  /** The checksum of a type and source; see {@link #of(Cell)}. */
  public static String of(String cellType, String source) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(cellType.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(normalize(source).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  /** Source with {@code \n} line ends, no trailing spaces per line, no blank lines at the ends. */
  static String normalize(String source) {
    String[] lines = source.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    StringBuilder b = new StringBuilder(source.length());
    for (String line : lines) {
      b.append(line.stripTrailing()).append('\n');
    }
    return b.toString().strip();
  }
}
