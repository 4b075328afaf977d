package vaecourse.grader.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import vaecourse.grader.execute.WorkerRun;
import vaecourse.grader.execute.WorkerRunner;
import vaecourse.grader.notebook.Cell;
import vaecourse.grader.notebook.Notebook;
import vaecourse.grader.notebook.NotebookIo;
import vaecourse.grader.report.ClassReport;
import vaecourse.grader.report.ClassReports;
import vaecourse.grader.report.FeedbackPage;
import vaecourse.grader.report.Flag;
import vaecourse.grader.report.GradescopeResults;
import vaecourse.grader.report.RecordFile;
import vaecourse.grader.report.SubmissionReport;
import vaecourse.grader.report.SubmissionResult;
import vaecourse.grader.report.TaskResult;

/**
 * Grades submissions, each in its own worker process and temporary folder, up to {@code jobs} at a
 * time. Each submission's files are written as soon as it finishes ({@code record.json} last,
 * atomically), and the class files are rebuilt from all records after each one, so killing the
 * grader loses only submissions still running. Nothing one submission does reaches another's
 * result: a failure there is caught and reported as that submission's fatal flag.
 */
public final class Grader {
  /** Folder of submissions whose assignment cannot be told. */
  public static final String UNKNOWN = "unknown-assignment";

  /** Biggest own-folder copied into a run's working folder. */
  static final long MAX_FOLDER_BYTES = 64L * 1024 * 1024;

  private final Map<String, AssignmentSource> sources;
  private final WorkerRunner runner;
  private final Path results;
  private final int jobs;
  private final boolean force;
  private final PrintStream log;
  private boolean screenAnswers = true;
  private String hiddenVisibility = GradescopeResults.HIDDEN_DEFAULT;
  private LongSupplier clock = System::nanoTime;

  /**
   * A grader.
   *
   * @param sources assignments by name
   * @param runner the worker runner (limits)
   * @param results the results folder
   * @param jobs submissions graded at once, at least 1
   * @param force regrade submissions that already have a record
   * @param log progress lines
   */
  public Grader(
      Map<String, AssignmentSource> sources,
      WorkerRunner runner,
      Path results,
      int jobs,
      boolean force,
      PrintStream log) {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be >= 1, got " + jobs);
    }
    this.sources = Map.copyOf(sources);
    this.runner = runner;
    this.results = results;
    this.jobs = jobs;
    this.force = force;
    this.log = log;
  }

  /** The steps grading one submission goes through, in order. */
  public static Pipeline<GradingContext> pipeline() {
    return pipeline(true);
  }

  private static Pipeline<GradingContext> pipeline(boolean screenAnswers) {
    List<Step<GradingContext>> steps = new ArrayList<>();
    steps.add(new ReadSubmission());
    steps.add(new CheckAssignment());
    steps.add(new MergeSubmission());
    if (screenAnswers) {
      steps.add(new ScreenAnswers());
    }
    steps.add(new ExecuteNotebook());
    steps.add(new LimitOutput());
    steps.add(new ScoreNotebook());
    @SuppressWarnings("unchecked")
    Step<GradingContext>[] array = steps.toArray(Step[]::new);
    return Pipeline.of(array);
  }

  /**
   * This grader without the answer screen, for testing the layers under it: the sandbox and the
   * limits must hold for whatever code the screen misses (it reads syntax only, so a library call
   * that opens a path given as a string gets past it).
   */
  Grader withoutAnswerScreen() {
    this.screenAnswers = false;
    return this;
  }

  /**
   * This grader with the Gradescope visibility of tests that have hidden parts.
   *
   * @throws IllegalArgumentException when it is not one of Gradescope's visibilities
   */
  public Grader withHiddenVisibility(String visibility) {
    new GradescopeResults(visibility);
    this.hiddenVisibility = visibility;
    return this;
  }

  /** This grader timing submissions with another clock (nanoseconds), for repeatable files. */
  Grader withClock(LongSupplier clock) {
    this.clock = clock;
    return this;
  }

  /** Grades all submissions and returns their results in the given order. */
  public List<SubmissionResult> gradeAll(List<SubmissionFinder.Submission> submissions)
      throws IOException, InterruptedException {
    Files.createDirectories(results);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            jobs,
            r -> {
              Thread t = new Thread(r, "grade");
              t.setDaemon(true);
              return t;
            });
    List<Future<SubmissionResult>> futures = new ArrayList<>();
    for (SubmissionFinder.Submission s : submissions) {
      futures.add(pool.submit(() -> gradeOne(s)));
    }
    List<SubmissionResult> out = new ArrayList<>();
    try {
      for (Future<SubmissionResult> f : futures) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          throw new IllegalStateException("grading task failed", e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    ClassReports.rebuild(results);
    return out;
  }

  /** The folder for one submission's files. */
  public Path folderOf(String assignment, String student) {
    return results.resolve(assignment).resolve(student);
  }

  /**
   * The steps at the end of grading, one writer each: the result, then {@code results.json}, the
   * feedback page, the notebook that ran, the record (last of the submission's files, so a folder
   * with a record is finished), and the class files rebuilt from every record.
   */
  public Pipeline<GradingContext> reports() {
    List<Step<GradingContext>> steps = new ArrayList<>();
    steps.add(new Summarize(clock));
    steps.add(new WriteSubmissionReport(new GradescopeResults(hiddenVisibility)));
    steps.add(new WriteSubmissionReport(new FeedbackPage()));
    steps.add(new WriteNotebook());
    steps.add(new WriteSubmissionReport(new RecordFile()));
    for (ClassReport report : ClassReports.ALL) {
      steps.add(new WriteClassReport(report, results, this));
    }
    return new Pipeline<>(steps);
  }

  /** The per-submission files, in the order {@link #reports()} writes them. */
  public static List<SubmissionReport> submissionReports(String hiddenVisibility) {
    return List.of(new GradescopeResults(hiddenVisibility), new FeedbackPage(), new RecordFile());
  }

  /** Grades one submission, or returns its earlier record when unchanged and not forced. */
  public SubmissionResult gradeOne(SubmissionFinder.Submission s) throws IOException {
    String sha = sha256(s.file());
    AssignmentSource source = pick(s);
    String assignment = source == null ? UNKNOWN : source.name();
    Path folder = folderOf(assignment, s.student());
    SubmissionResult earlier = earlierRecord(folder, sha);
    if (earlier != null) {
      log.println(
          "skip   " + assignment + "/" + s.student() + " (graded before; --force regrades)");
      return earlier;
    }
    long start = clock.getAsLong();
    Path work = Files.createTempDirectory("vae-grade-");
    GradingContext context = new GradingContext(s.student(), s.file(), source, runner, work);
    context.setOutput(folder, sha, start);
    try {
      copyOwnFolder(s, work);
      if (source == null) {
        context.setResult(unknownAssignment(s, sha));
      } else {
        grade(context);
      }
    } finally {
      deleteTree(work);
    }
    try {
      reports().run(context);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (MalformedSourceException e) {
      throw new IllegalStateException("a report step read an instructor notebook", e);
    }
    SubmissionResult result = context.result();
    log.printf(
        "graded %s/%s: %s / %s%s%n",
        assignment,
        s.student(),
        fmt(result.score()),
        fmt(result.maxScore()),
        result.flags().isEmpty() ? "" : " (" + result.flags().size() + " notes)");
    return result;
  }

  /** Runs the grading steps; a failure there is the submission's fatal flag, scored as such. */
  private void grade(GradingContext context) {
    try {
      pipeline(screenAnswers).run(context);
    } catch (MalformedSourceException | RuntimeException e) {
      context.flag(Flag.Level.FATAL, "", "internal grader error on this submission: " + e);
      new ScoreNotebook().apply(context);
    }
  }

  /** The record of an earlier run of the same file, unless forced or its worker did not start. */
  private SubmissionResult earlierRecord(Path folder, String sha) {
    Path record = folder.resolve(ClassReports.RECORD);
    if (force || !Files.isRegularFile(record)) {
      return null;
    }
    try {
      SubmissionResult old = SubmissionResult.fromJson(Files.readString(record));
      if (old.submissionSha256().equals(sha)
          && !WorkerRun.Ending.START_FAILED.name().equals(old.execution())) {
        return old;
      }
    } catch (IOException | RuntimeException e) {
      // unreadable record: grade again
    }
    return null;
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  /** The assignment a submission is for: by file name, declared name, the only one, or ids. */
  AssignmentSource pick(SubmissionFinder.Submission s) {
    AssignmentSource byName = sources.get(SubmissionFinder.stem(s.file()));
    if (byName != null) {
      return byName;
    }
    Notebook nb = null;
    try {
      nb = NotebookIo.read(s.file());
      String declared = nb.assignment().orElse("");
      if (sources.containsKey(declared)) {
        return sources.get(declared);
      }
    } catch (vaecourse.grader.notebook.NotebookFormatException e) {
      // graded against the only source below, or as unknown
    }
    if (sources.size() == 1) {
      return sources.values().iterator().next();
    }
    if (nb == null) {
      return null;
    }
    java.util.Set<String> ids = new java.util.HashSet<>();
    nb.cells().forEach(c -> c.gradeId().ifPresent(ids::add));
    AssignmentSource best = null;
    long bestCount = 0;
    for (AssignmentSource a : sources.values()) {
      long n =
          a.gradingRelease().cells().stream()
              .map(Cell::gradeId)
              .filter(g -> g.isPresent() && ids.contains(g.get()))
              .count();
      if (n > bestCount) {
        best = a;
        bestCount = n;
      }
    }
    return best;
  }

  private SubmissionResult unknownAssignment(SubmissionFinder.Submission s, String sha) {
    Flag f =
        new Flag(
            Flag.Level.FATAL,
            "",
            "cannot tell which assignment "
                + s.file().getFileName()
                + " is for (known: "
                + String.join(", ", sources.keySet())
                + "); name the file after the assignment");
    return new SubmissionResult(
        s.student(),
        UNKNOWN,
        s.file().toString(),
        sha,
        0,
        0,
        0,
        List.of(),
        List.of(f),
        "NOT_RUN",
        0,
        false);
  }

  static SubmissionResult toResult(GradingContext c, String sha, double seconds) {
    double score = 0;
    double max = 0;
    double manual = 0;
    for (TaskResult t : c.results()) {
      if (t.manual()) {
        manual += t.maxScore();
      } else {
        max += t.maxScore();
        score += t.score() == null ? 0 : t.score();
      }
    }
    WorkerRun run = c.run();
    return new SubmissionResult(
        c.student(),
        c.source().name(),
        c.submissionFile().toString(),
        sha,
        score,
        max,
        manual,
        c.results(),
        c.flags(),
        run == null ? "NOT_RUN" : run.ending().name(),
        seconds,
        run != null && run.sandboxed(),
        environment(c));
  }

  /** The data the notebook ran on and the sandbox, for the reports. */
  static vaecourse.grader.report.GradingEnvironment environment(GradingContext c) {
    DataLine d = c.dataUsed();
    var provided = c.runner().config().data();
    WorkerRun run = c.run();
    return new vaecourse.grader.report.GradingEnvironment(
        d == null ? "" : d.source(),
        d == null ? "" : d.directory(),
        d == null ? 0 : d.train(),
        d == null ? 0 : d.test(),
        provided == null ? "" : provided.source(),
        run == null ? "none" : run.sandboxKind(),
        run == null ? 0 : run.restarts());
  }

  private static void copyOwnFolder(SubmissionFinder.Submission s, Path work) throws IOException {
    if (s.ownFolder() == null) {
      return;
    }
    long[] budget = {MAX_FOLDER_BYTES};
    Path from = s.ownFolder();
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            if (from.relativize(dir).getNameCount() > 4) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            Files.createDirectories(work.resolve(from.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            // Regular files only (no links out of the folder), within the size budget.
            if (attrs.isRegularFile()
                && attrs.size() <= budget[0]
                && !file.getFileName().toString().endsWith(".ipynb")) {
              budget[0] -= attrs.size();
              Files.copy(
                  file,
                  work.resolve(from.relativize(file).toString()),
                  StandardCopyOption.REPLACE_EXISTING,
                  LinkOption.NOFOLLOW_LINKS);
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** Deletes a folder tree, ignoring what cannot be deleted. */
  static void deleteTree(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // left for the OS to clean
        }
      }
    } catch (IOException ignored) {
      // already gone
    }
  }

  /** SHA-256 of a file, or empty when unreadable. */
  static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[65536];
      int n;
      while ((n = in.read(buf)) > 0) {
        sha.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException | NoSuchAlgorithmException e) {
      return "";
    }
  }

  /** Loads assignments from a folder of solution notebooks (or one file). */
  public static Map<String, AssignmentSource> loadSources(Path solutions)
      throws IOException, MalformedSourceException {
    Map<String, AssignmentSource> map = new LinkedHashMap<>();
    List<SourceProblem> problems = new ArrayList<>();
    for (Path p : Generator.sources(solutions)) {
      String name = p.getFileName().toString();
      try {
        AssignmentSource a = Releases.fromSolution(name, NotebookIo.read(p));
        map.put(a.name(), a);
      } catch (vaecourse.grader.notebook.NotebookFormatException e) {
        problems.add(new SourceProblem(name, 0, "", 0, e.getMessage()));
      } catch (MalformedSourceException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new MalformedSourceException(problems);
    }
    return map;
  }
}
