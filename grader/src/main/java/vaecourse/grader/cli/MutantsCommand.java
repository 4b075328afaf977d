package vaecourse.grader.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vaecourse.grader.execute.WorkerRunner;
import vaecourse.grader.notebook.NotebookIo;
import vaecourse.grader.pipeline.MutationTesting;

/** {@code mutants}: grades every task's wrong answers and checks that the tests reject them. */
@Command(
    name = "mutants",
    mixinStandardHelpOptions = true,
    header = "Grade the wrong answers in solutions/mutants/ and check the tests reject them.",
    description = {
      "For each NN-name.json in the mutants folder, runs the notebook's cells before each task's"
          + " answer (heavy cells skipped), then the reference answer and every mutant against the"
          + " task's tests, visible and hidden. Fails unless every mutant loses its task's points,"
          + " the reference keeps them, each task has at least "
          + MutationTesting.MIN_MUTANTS_PER_TASK
          + " mutants and its visible tests catch at least half of them."
    },
    exitCodeListHeading = "Exit status:%n",
    exitCodeList = {"0:every check held", "1:a check failed", "2:usage or set-up error"})
public final class MutantsCommand implements Callable<Integer> {
  @Option(
      names = "--source",
      paramLabel = "SOLUTIONS",
      required = true,
      description = "the folder of instructor notebooks")
  Path source;

  @Option(
      names = "--mutants",
      paramLabel = "FOLDER",
      description = "the folder of NN-name.json files (default: SOLUTIONS/mutants)")
  Path mutants;

  @Option(
      names = "--only",
      paramLabel = "NAME",
      description = "check only these notebooks (e.g. 01-reparameterization)")
  List<String> only;

  @Option(
      names = "--jobs",
      paramLabel = "N",
      description = "tasks checked at once, each in its own worker (default: the number of cores)")
  Integer jobs;

  @Mixin ExecutionOptions execution;

  @Override
  public Integer call() throws Exception {
    Path folder = mutants != null ? mutants : source.resolve("mutants");
    if (!Files.isDirectory(folder)) {
      System.err.println("error: no mutants folder at " + folder);
      return 2;
    }
    WorkerRunner runner;
    int jobCount;
    try {
      jobCount = ExecutionOptions.jobs(jobs);
      runner = new WorkerRunner(execution.config("ci", List.of(), jobCount));
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(folder)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    Path work = Files.createTempDirectory("vae-mutants-");
    List<MutationTesting.Report> reports = new ArrayList<>();
    long start = System.nanoTime();
    try {
      MutationTesting tester = new MutationTesting(runner, work, System.out, jobCount);
      for (Path f : files) {
        Map.Entry<String, List<MutationTesting.Mutant>> set = MutationTesting.read(f);
        String name = set.getKey();
        if (only != null && !only.contains(name)) {
          continue;
        }
        Path nb = source.resolve(name + ".ipynb");
        if (!Files.isRegularFile(nb)) {
          System.out.println("FAIL " + f.getFileName() + ": no notebook " + nb);
          reports.add(new MutationTesting.Report(name, List.of(), List.of("no notebook " + nb), 0));
          continue;
        }
        System.out.println("mutants of " + name + ": " + set.getValue().size());
        MutationTesting.Report r = tester.run(name, NotebookIo.read(nb), set.getValue());
        for (MutationTesting.Outcome o : r.outcomes()) {
          String verdict =
              !o.invalid().isEmpty()
                  ? "INVALID"
                  : !o.caught() ? "SURVIVED" : o.caughtVisible() ? "caught (visible)" : "caught";
          System.out.printf(
              "  %-18s %-20s %s%s%n",
              verdict,
              o.mutant().task(),
              o.mutant().name(),
              o.caught() ? " <- " + o.by() : o.invalid().isEmpty() ? "" : ": " + o.invalid());
        }
        reports.add(r);
      }
    } finally {
      deleteQuietly(work);
    }
    boolean ok = true;
    for (MutationTesting.Report r : reports) {
      int n = r.outcomes().size();
      System.out.printf(
          "mutation score %s: %d/%d caught (%.0f%%), visible tests %d/%d (%.0f%%), %.1f s%n",
          r.notebook(),
          r.caught(),
          n,
          n == 0 ? 0.0 : 100.0 * r.caught() / n,
          r.caughtVisible(),
          n,
          n == 0 ? 0.0 : 100.0 * r.caughtVisible() / n,
          r.seconds());
      for (String p : r.problems()) {
        System.out.println("FAIL " + p);
      }
      ok &= r.passed();
    }
    System.out.printf(
        "mutants: %d notebook(s), %d mutant(s), %.1f s in all%n",
        reports.size(),
        reports.stream().mapToInt(r -> r.outcomes().size()).sum(),
        (System.nanoTime() - start) / 1e9);
    return ok ? 0 : 1;
  }

  private static void deleteQuietly(Path root) {
    try (var s = Files.walk(root)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException ignored) {
      // temp folder: the OS cleans it
    }
  }
}
