package vaecourse.grader.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The class-wide files, always rebuilt from the finished submissions' {@code record.json} files (so
 * a grader killed mid-run loses nothing that finished) and each written atomically:
 *
 * <ul>
 *   <li>{@code grades.csv}: {@code student,assignment,task,kind,score,max_score,status}, one row
 *       per graded cell and a {@code TOTAL} row per submission whose status column holds the flags;
 *   <li>{@code manual-grading.csv}: one row per written answer or task with an empty {@code score}
 *       column to fill in;
 *   <li>{@code manual-grading.md}: the same answers, readable, each with a points line.
 * </ul>
 */
public final class ClassReports {
  /** The record file of each submission, beside its results.json. */
  public static final String RECORD = RecordFile.NAME;

  /** {@code grades.csv}. */
  public static final ClassReport GRADES = new Named("grades.csv", ClassReports::gradesCsv);

  /** {@code manual-grading.csv}. */
  public static final ClassReport MANUAL_CSV =
      new Named("manual-grading.csv", ClassReports::manualCsv);

  /** {@code manual-grading.md}. */
  public static final ClassReport MANUAL_MARKDOWN =
      new Named("manual-grading.md", ClassReports::manualMarkdown);

  /** The class files, in the order they are written. */
  public static final List<ClassReport> ALL = List.of(GRADES, MANUAL_CSV, MANUAL_MARKDOWN);

  /** A class file made by one function of the records. */
  private record Named(String fileName, Function<List<SubmissionResult>, String> renderer)
      implements ClassReport {
    @Override
    public String render(List<SubmissionResult> records) {
      return renderer.apply(records);
    }
  }

  private ClassReports() {}

  /** Reads every record under the results folder, ordered by assignment then student. */
  public static List<SubmissionResult> readAll(Path resultsDir) throws IOException {
    List<SubmissionResult> records = new ArrayList<>();
    if (!Files.isDirectory(resultsDir)) {
      return records;
    }
    // Submissions finishing meanwhile rename temporary files here: one that vanishes between
    // listing and reading is skipped (its record is read by the rebuild after it).
    List<Path> found = new ArrayList<>();
    Files.walkFileTree(
        resultsDir,
        java.util.EnumSet.noneOf(java.nio.file.FileVisitOption.class),
        3,
        new java.nio.file.SimpleFileVisitor<>() {
          @Override
          public java.nio.file.FileVisitResult visitFile(
              Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
            if (file.getFileName().toString().equals(RECORD)) {
              found.add(file);
            }
            return java.nio.file.FileVisitResult.CONTINUE;
          }

          @Override
          public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
            return java.nio.file.FileVisitResult.CONTINUE;
          }
        });
    for (Path p : found) {
      try {
        records.add(SubmissionResult.fromJson(Files.readString(p)));
      } catch (IOException | RuntimeException e) {
        // a half-written or foreign file: that submission is regraded next run
      }
    }
    records.sort(
        Comparator.comparing(SubmissionResult::assignment)
            .thenComparing(SubmissionResult::student)
            .thenComparing(SubmissionResult::submission));
    return records;
  }

  /** Rebuilds all class files from the records found. */
  public static void rebuild(Path resultsDir) throws IOException {
    List<SubmissionResult> records = readAll(resultsDir);
    for (ClassReport report : ALL) {
      report.write(resultsDir, records);
    }
  }

  /** The grades table. */
  public static String gradesCsv(List<SubmissionResult> records) {
    StringBuilder b = new StringBuilder("student,assignment,task,kind,score,max_score,status\n");
    for (SubmissionResult r : records) {
      for (TaskResult t : r.tasks()) {
        row(
            b,
            r.student(),
            r.assignment(),
            t.gradeId(),
            t.kind(),
            t.score() == null ? "" : GradescopeResults.format(t.score()),
            GradescopeResults.format(t.maxScore()),
            t.manual() ? "manual" : t.passed() ? "passed" : "failed");
      }
      row(
          b,
          r.student(),
          r.assignment(),
          "TOTAL",
          TaskResult.AUTOGRADED,
          GradescopeResults.format(r.score()),
          GradescopeResults.format(r.maxScore()),
          r.flags().stream().map(Flag::line).collect(Collectors.joining(" | ")));
    }
    return b.toString();
  }

  /** The manual grading sheet with an empty score column. */
  public static String manualCsv(List<SubmissionResult> records) {
    StringBuilder b = new StringBuilder("student,assignment,task,max_score,score,answer\n");
    for (SubmissionResult r : records) {
      for (TaskResult t : r.tasks()) {
        if (t.manual()) {
          row(
              b,
              r.student(),
              r.assignment(),
              t.gradeId(),
              GradescopeResults.format(t.maxScore()),
              "",
              t.answer());
        }
      }
    }
    return b.toString();
  }

  /** The manual grading sheet as Markdown, grouped by assignment and task. */
  public static String manualMarkdown(List<SubmissionResult> records) {
    StringBuilder b = new StringBuilder("# Manual grading\n\n");
    b.append("Fill in each score; the same answers are in manual-grading.csv.\n");
    List<String> assignments =
        records.stream().map(SubmissionResult::assignment).distinct().toList();
    for (String a : assignments) {
      List<SubmissionResult> rs = records.stream().filter(r -> r.assignment().equals(a)).toList();
      List<String> tasks =
          rs.stream()
              .flatMap(r -> r.tasks().stream())
              .filter(TaskResult::manual)
              .map(TaskResult::gradeId)
              .distinct()
              .toList();
      for (String task : tasks) {
        b.append("\n## ").append(a).append(" / ").append(task).append("\n");
        for (SubmissionResult r : rs) {
          for (TaskResult t : r.tasks()) {
            if (t.manual() && t.gradeId().equals(task)) {
              b.append("\n### ").append(r.student()).append("\n\n");
              String fence = t.answer().contains("```") ? "~~~~" : "```";
              b.append(fence)
                  .append('\n')
                  .append(t.answer().strip())
                  .append('\n')
                  .append(fence)
                  .append("\n\n");
              b.append("Score: ____ / ")
                  .append(GradescopeResults.format(t.maxScore()))
                  .append('\n');
            }
          }
        }
      }
    }
    return b.toString();
  }

  private static void row(StringBuilder b, String... cells) {
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(csv(cells[i]));
    }
    b.append('\n');
  }

  /** RFC 4180 quoting, and a leading quote against spreadsheet formula injection. */
  static String csv(String s) {
    String v = s;
    if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("-?[0-9.]+")) {
      v = "'" + v;
    }
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }
}
