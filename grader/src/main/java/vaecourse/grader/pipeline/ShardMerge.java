package vaecourse.grader.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vaecourse.grader.report.ClassReport;
import vaecourse.grader.report.ClassReports;
import vaecourse.grader.report.SubmissionReport;
import vaecourse.grader.report.SubmissionResult;

/**
 * {@code merge}: the results folders of every shard of a class into one, as one unsharded run would
 * have written it. Each submission's files are written again from its record through the writers
 * grading uses (its {@code notebook.ipynb} is copied), then the class files from all records.
 */
public final class ShardMerge {
  private ShardMerge() {}

  /**
   * Merges the shards.
   *
   * @param parts each shard's results folder, in any order
   * @param out the merged results folder
   * @param hiddenVisibility the Gradescope visibility of tests with hidden parts
   * @param log one line per shard
   * @return the records merged, ordered as in the class files
   * @throws IllegalArgumentException when a shard is missing, repeated, of another split, or not
   *     finished, or two shards graded the same student's notebook
   */
  public static List<SubmissionResult> merge(
      List<Path> parts, Path out, String hiddenVisibility, PrintStream log) throws IOException {
    Map<Integer, Path> byIndex = new TreeMap<>();
    int count = -1;
    Map<Path, List<SubmissionResult>> records = new HashMap<>();
    for (Path part : parts) {
      Shard.Marker m = Shard.readMarker(part);
      if (count == -1) {
        count = m.shard().count();
      } else if (count != m.shard().count()) {
        throw new IllegalArgumentException(
            part
                + " is shard "
                + m.shard()
                + " but "
                + parts.get(0)
                + " is of "
                + count
                + " shards; merge the shards of one split");
      }
      Path other = byIndex.put(m.shard().index(), part);
      if (other != null) {
        throw new IllegalArgumentException(
            other + " and " + part + " are both shard " + m.shard() + "; give each shard once");
      }
      List<SubmissionResult> rs = ClassReports.readAll(part);
      if (rs.size() < m.submissions()) {
        throw new IllegalArgumentException(
            part
                + " (shard "
                + m.shard()
                + ") holds "
                + rs.size()
                + " of its "
                + m.submissions()
                + " submissions; run `grade --shard "
                + m.shard()
                + "` on it again (finished submissions are skipped)");
      }
      records.put(part, rs);
    }
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (!byIndex.containsKey(i)) {
        missing.add(i);
      }
    }
    int n = count;
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "shard(s) "
              + missing.stream().map(i -> i + "/" + n).toList()
              + " missing: merge needs all "
              + n
              + " shards of the split");
    }
    List<SubmissionReport> writers = Grader.submissionReports(hiddenVisibility);
    Map<Path, Path> writtenFrom = new HashMap<>();
    Files.createDirectories(out);
    for (Map.Entry<Integer, Path> e : byIndex.entrySet()) {
      Path part = e.getValue();
      for (SubmissionResult r : records.get(part)) {
        Path rel = Path.of(r.assignment(), r.student());
        Path before = writtenFrom.put(rel, part);
        if (before != null) {
          throw new IllegalArgumentException(
              "both "
                  + before
                  + " and "
                  + part
                  + " hold "
                  + rel
                  + "; a student's notebook belongs to one shard (were the submissions the same"
                  + " for every shard?)");
        }
        Path folder = out.resolve(rel);
        Files.createDirectories(folder);
        Path notebook = part.resolve(rel).resolve(WriteNotebook.NAME);
        if (Files.isRegularFile(notebook)) {
          Files.copy(
              notebook, folder.resolve(WriteNotebook.NAME), StandardCopyOption.REPLACE_EXISTING);
        }
        for (SubmissionReport w : writers) {
          w.write(folder, r);
        }
      }
      log.printf(
          "shard %d/%d: %d submission(s) from %s%n",
          e.getKey(), count, records.get(part).size(), part);
    }
    List<SubmissionResult> all = ClassReports.readAll(out);
    for (ClassReport report : ClassReports.ALL) {
      report.write(out, all);
    }
    return all;
  }
}
