package vaecourse.grader.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vaecourse.grader.pipeline.Generator;
import vaecourse.grader.pipeline.SourceProblem;

/** {@code generate}: solutions to student notebooks. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    header = "Make student notebooks from instructor notebooks.",
    description = {
      "Solution regions become stubs, hidden tests are removed, outputs cleared, and locked, test"
          + " and task cells are locked and checksummed. Malformed sources (nested or unclosed"
          + " markers, duplicate grade_ids, graded cells without points) are refused with file,"
          + " cell and line named, and then nothing is written.",
      "%nThe output is byte-for-byte deterministic: CI runs generate --check."
    },
    exitCodeListHeading = "Exit status:%n",
    exitCodeList = {
      "0:done (or --check: no differences)",
      "1:malformed sources or differences",
      "2:usage error"
    })
public final class GenerateCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "SOLUTIONS",
      description = "folder of instructor notebooks (or one notebook)")
  Path solutions;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "NOTEBOOKS",
      description = "folder for the student notebooks")
  Path output;

  @Option(
      names = "--check",
      description = "write nothing; exit 1 listing every file that differs from what would be made")
  boolean check;

  @Override
  public Integer call() throws Exception {
    Generator.Outcome outcome = Generator.run(solutions, output, check);
    for (SourceProblem p : outcome.problems()) {
      System.err.println("error: " + p);
    }
    if (!outcome.problems().isEmpty()) {
      System.err.println(outcome.problems().size() + " problem(s); no notebook was written");
      return 1;
    }
    if (check) {
      outcome.differing().forEach(d -> System.err.println("differs: " + d));
      if (!outcome.differing().isEmpty()) {
        System.err.println("run: generate " + solutions + " -o " + output);
        return 1;
      }
      System.out.println(output + " matches what generate makes from " + solutions);
      return 0;
    }
    outcome.written().forEach(p -> System.out.println("wrote " + p));
    System.out.println(outcome.written().size() + " notebook(s) written, others unchanged");
    return 0;
  }
}
