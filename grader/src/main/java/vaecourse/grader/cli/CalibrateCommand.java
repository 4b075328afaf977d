package vaecourse.grader.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vaecourse.grader.execute.WorkerConfig;
import vaecourse.grader.execute.WorkerRunner;
import vaecourse.grader.notebook.Cell;
import vaecourse.grader.pipeline.AssignmentSource;
import vaecourse.grader.pipeline.Calibration;
import vaecourse.grader.pipeline.Generator;
import vaecourse.grader.pipeline.Grader;
import vaecourse.grader.pipeline.GradingContext;
import vaecourse.grader.pipeline.MalformedSourceException;
import vaecourse.grader.pipeline.TimeLimits;
import vaecourse.grader.report.Flag;

/** {@code calibrate}: measure the solution's cell times and data, for grading's limits. */
@Command(
    name = "calibrate",
    mixinStandardHelpOptions = true,
    header = "Measure each cell of the solutions, as grading runs them, for the time limits.",
    description = {
      "Grades each instructor notebook against itself in the engine (one cell limit: the notebook"
          + " timeout), refuses unless it scores full marks, and writes SOLUTIONS/grading/NAME.json:"
          + " for the profile, every code cell's time and the data source and image counts the"
          + " notebook ran on. Grading derives each cell's limit from these times"
          + " (max(--time-floor, --time-factor x time)) and stops when it would give the workers"
          + " another data source."
    })
public final class CalibrateCommand implements Callable<Integer> {
  @Option(
      names = "--source",
      required = true,
      paramLabel = "SOLUTIONS",
      description = "folder of instructor notebooks (or one notebook)")
  Path source;

  @Mixin ExecutionOptions execution;

  @Override
  public Integer call() throws Exception {
    Map<String, AssignmentSource> sources;
    try {
      sources = Grader.loadSources(source);
    } catch (MalformedSourceException e) {
      e.problems().forEach(p -> System.err.println("error: " + p));
      return 1;
    }
    String profile = execution.profile("grade");
    WorkerConfig base;
    try {
      base = execution.config("grade", List.of(), 1);
      base =
          base.withLimits(
              base.limits()
                  .withTimes(
                      base.limits().timeFloor(),
                      base.limits().timeFactor(),
                      base.limits().uncalibrated(),
                      base.timeout()));
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    final vaecourse.grader.execute.RunLimits limits = base.limits();
    int failures = 0;
    List<Path> files = Generator.sources(source);
    for (Path file : files) {
      String stem = file.getFileName().toString().replaceFirst("\\.ipynb$", "");
      AssignmentSource a = sources.get(stem);
      if (a == null) {
        a =
            sources.values().stream()
                .filter(s -> file.toString().contains(s.name()))
                .findFirst()
                .orElse(null);
      }
      if (a == null) {
        continue;
      }
      Path work = Files.createTempDirectory("vae-calibrate-");
      try {
        WorkerRunner runner = new WorkerRunner(base);
        GradingContext c = new GradingContext("calibration", file, a, runner, work);
        Grader.pipeline().run(c);
        double score =
            c.results().stream()
                .filter(t -> !t.manual())
                .mapToDouble(t -> t.score() == null ? 0 : t.score())
                .sum();
        double max =
            c.results().stream().filter(t -> !t.manual()).mapToDouble(t -> t.maxScore()).sum();
        if (c.fatal() || score < max || c.run() == null) {
          System.err.printf(
              Locale.ROOT,
              "error: %s scores %s / %s against itself (profile %s); fix it before calibrating:%n",
              a.name(),
              score,
              max,
              profile);
          c.flags().stream().map(Flag::line).forEach(l -> System.err.println("  " + l));
          failures++;
          continue;
        }
        Map<String, Double> seconds = new LinkedHashMap<>();
        List<Cell> cells = c.rebuilt().cells();
        double total = 0;
        for (int i = 0; i < cells.size(); i++) {
          Long ms = c.run().cellMillis().get("cell-" + (i + 1));
          String id = cells.get(i).gradeId().orElse(null);
          if (ms != null && id != null) {
            seconds.put(id, ms / 1e3);
            total += ms / 1e3;
          }
        }
        Calibration.write(a, source, profile, seconds, c.dataUsed());
        List<String> slowest = new ArrayList<>();
        seconds.entrySet().stream()
            .sorted((x, y) -> Double.compare(y.getValue(), x.getValue()))
            .limit(3)
            .forEach(
                e ->
                    slowest.add(
                        String.format(
                            Locale.ROOT,
                            "%s %.1f s (limit %s)",
                            e.getKey(),
                            e.getValue(),
                            fmt(TimeLimits.derived(e.getValue(), limits).limit()))));
        System.out.printf(
            Locale.ROOT,
            "%s: %d cells, %.1f s in all (profile %s), data %s; slowest: %s -> %s%n",
            a.name(),
            seconds.size(),
            total,
            profile,
            c.dataUsed() == null
                ? "none"
                : c.dataUsed().source() + " " + c.dataUsed().train() + "/" + c.dataUsed().test(),
            String.join(", ", slowest),
            Calibration.file(source, a.name()));
      } finally {
        try (var s = Files.walk(work)) {
          s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
    return failures == 0 ? 0 : 1;
  }

  private static String fmt(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1e3);
  }
}
