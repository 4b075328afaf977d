package vaecourse.grader.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import vaecourse.grader.notebook.Cell;
import vaecourse.grader.notebook.CellRole;
import vaecourse.grader.notebook.NbgraderMeta;

/**
 * Stores in {@code metadata.nbgrader.checksum} nbgrader's own checksum of each graded, solution or
 * locked cell, so that nbgrader itself accepts the generated notebooks. Grading compares a
 * submitted cell's checksum with it to tell an edited locked cell or an untouched stub.
 *
 * <p>The recipe is nbgrader's {@code compute_checksum} ({@code nbgrader/utils.py}): MD5 over the
 * UTF-8 bytes of, in order, the cell source as stored, the cell type, Python's {@code str} of
 * {@code is_grade}, {@code is_solution} and {@code is_locked} ({@code "True"}/{@code "False"}), the
 * {@code grade_id}, and for a graded cell Python's {@code str(float(points))} ({@code "10.0"},
 * {@code "0.25"}). The source is hashed exactly, without normalizing white space, as nbgrader does.
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

  /** nbgrader's checksum of a cell, from its own source and metadata. */
  public static String of(Cell cell) {
    return of(cell, cell.source());
  }

  /**
   * nbgrader's checksum of a cell's metadata (type, flags, grade_id, points) with another source:
   * what the checksum of {@code template} would be if its source were {@code source}.
   */
  public static String of(Cell template, String source) {
    NbgraderMeta m =
        template
            .nbgrader()
            .orElse(new NbgraderMeta(false, false, false, false, "", Optional.empty(), "", 0, ""));
    boolean grade = m.grade();
    boolean solution = m.solution();
    // nbgrader's is_locked: solution cells are never locked, graded ones always are.
    boolean locked = !solution && (grade || m.locked());
    StringBuilder b = new StringBuilder();
    b.append(source).append(template.typeName());
    b.append(pyBool(grade)).append(pyBool(solution)).append(pyBool(locked));
    b.append(m.gradeId());
    if (grade) {
      b.append(pyFloat(m.pointsValue()));
    }
    return md5(b.toString());
  }

  /** Python's {@code str(bool)}. */
  private static String pyBool(boolean v) {
    return v ? "True" : "False";
  }

  /**
   * Python's {@code str(float(x))} for the point values notebooks use: the shortest decimal that
   * reads back as the same double, with a fractional part ({@code 10.0}, {@code 0.25}).
   */
  static String pyFloat(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e16) {
      return (long) v + ".0";
    }
    // Java and Python print the same digits between 1e-3 and 1e7, where point values live.
    return Double.toString(v);
  }

  private static String md5(String text) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      return HexFormat.of().formatHex(md5.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing from this Java runtime", e);
    }
  }
}
