package vaecourse.grader.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vaecourse.grader.pipeline.ShardMerge;
import vaecourse.grader.report.GradescopeResults;
import vaecourse.grader.report.SubmissionResult;

/** {@code merge}: the shards of a class into one results folder. */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    header = "Merge the results of `grade --shard I/N` runs into one results folder.",
    description = {
      "Each PART is the results folder of one shard (it holds shard.json). Every shard of the"
          + " split must be given once and be finished. Writes RESULTS/ASSIGNMENT/STUDENT/"
          + "{results.json, feedback.html, notebook.ipynb, record.json} and RESULTS/grades.csv,"
          + " manual-grading.csv and manual-grading.md, the same bytes an unsharded run writes."
    },
    exitCodeListHeading = "Exit status:%n",
    exitCodeList = {"0:merged", "2:a shard missing, repeated, unfinished or of another split"})
public final class MergeCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "PARTS", description = "results folders of the shards")
  List<Path> parts;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "RESULTS",
      description = "merged results folder")
  Path output;

  @Option(
      names = "--hidden-visibility",
      paramLabel = "V",
      description = "as for grade (default after_published); give the shards' value")
  String hiddenVisibility = GradescopeResults.HIDDEN_DEFAULT;

  @Override
  public Integer call() throws Exception {
    List<SubmissionResult> merged;
    try {
      new GradescopeResults(hiddenVisibility);
      merged = ShardMerge.merge(parts, output, hiddenVisibility, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    System.out.printf(
        "%d submission(s) from %d shard(s); grades in %s%n",
        merged.size(), parts.size(), output.resolve("grades.csv"));
    return 0;
  }
}
