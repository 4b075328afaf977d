package vaecourse.grader.pipeline;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vaecourse.grader.execute.CellOutcome;
import vaecourse.grader.execute.WorkerRun;
import vaecourse.grader.execute.WorkerRunner;
import vaecourse.grader.execute.WorkerRunner.WorkerCell;
import vaecourse.grader.integrity.AnswerScreen;
import vaecourse.grader.integrity.ClassIndex;
import vaecourse.grader.integrity.NotebookRules;
import vaecourse.grader.integrity.Violation;
import vaecourse.grader.notebook.Cell;
import vaecourse.grader.notebook.CellRole;
import vaecourse.grader.notebook.Notebook;

/**
 * Grades the wrong answers (mutants) of {@code solutions/mutants/NN-name.json} against their task's
 * tests and checks that the tests tell them apart from the reference answer: every mutant loses the
 * task's points, the reference keeps them, and the visible tests alone catch at least half of each
 * task's mutants (so a student sees a useful failure before submitting).
 *
 * <p><b>What runs.</b> A task's tests are the autograded test cells between its answer cell and the
 * next answer cell. For one task, a worker runs the notebook's code cells before the answer cell
 * (the other answers as the reference writes them; cells marked {@code metadata.course.heavy}
 * skipped), then, in the same JShell state, once per candidate (the reference first, then each
 * mutant): the candidate's answer, the locked cells up to a test, and each test twice, as the
 * student sees it and with its hidden part. Answers are declarations only (the grading screen
 * enforces it), so a candidate replaces the one before it completely.
 *
 * <p><b>Why in stages.</b> A task's later tests can need long cells (a training run before {@code
 * test_training}). The candidates first run up to the task's first test; only those still passing
 * (and the reference) run on to the next, so a training run is repeated only for mutants the
 * cheaper tests miss. A mutant caught by a hidden part is counted as caught by the visible tests
 * only if a visible test it ran also failed: the visible score printed is a lower bound.
 */
public final class MutationTesting {
  /** Wrong answers each autograded task must ship. */
  public static final int MIN_MUTANTS_PER_TASK = 5;

  /** Share of a task's mutants its visible tests must catch. */
  public static final double MIN_VISIBLE_SHARE = 0.5;

  /**
   * One wrong answer.
   *
   * @param task the grade_id of the answer cell it replaces
   * @param name what is wrong, in a few words
   * @param source the whole replacement source of the answer cell
   */
  public record Mutant(String task, String name, String source) {}

  /**
   * What one mutant did.
   *
   * @param mutant the mutant
   * @param caught a test of its task failed
   * @param caughtVisible a visible test failed
   * @param by the first test that failed and why, or what went wrong running it
   * @param invalid why it is not a usable mutant (refused by the screen, does not compile), or
   *     empty
   */
  public record Outcome(
      Mutant mutant, boolean caught, boolean caughtVisible, String by, String invalid) {}

  /**
   * The result of one notebook.
   *
   * @param notebook the notebook name
   * @param outcomes one per mutant, in file order
   * @param problems what fails the check (empty when it passes)
   * @param seconds wall time
   */
  public record Report(
      String notebook, List<Outcome> outcomes, List<String> problems, double seconds) {
    /** Whether every rule held. */
    public boolean passed() {
      return problems.isEmpty();
    }

    /** Mutants caught. */
    public long caught() {
      return outcomes.stream().filter(Outcome::caught).count();
    }

    /** Mutants the visible tests caught. */
    public long caughtVisible() {
      return outcomes.stream().filter(Outcome::caughtVisible).count();
    }
  }

  private final WorkerRunner runner;
  private final Path workRoot;
  private final java.io.PrintStream log;
  private final int jobs;

  /**
   * A mutation tester.
   *
   * @param runner the worker runner (profile and limits)
   * @param workRoot an existing folder for the runs' working folders
   * @param log progress lines
   */
  public MutationTesting(WorkerRunner runner, Path workRoot, java.io.PrintStream log) {
    this(runner, workRoot, log, 1);
  }

  /**
   * A mutation tester that runs up to {@code jobs} tasks at once, each in its own worker.
   *
   * @param runner the worker runner (profile and limits)
   * @param workRoot an existing folder for the runs' working folders
   * @param log progress lines
   * @param jobs tasks run at once, at least 1
   * @throws IllegalArgumentException if jobs is below 1
   */
  public MutationTesting(WorkerRunner runner, Path workRoot, java.io.PrintStream log, int jobs) {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be >= 1, got " + jobs);
    }
    this.jobs = jobs;
    this.runner = runner;
    this.workRoot = workRoot;
    this.log = log;
  }

  /** Reads a mutants file: {@code {"notebook": ..., "mutants": [{task, name, source}]}}. */
  public static Map.Entry<String, List<Mutant>> read(Path file) throws IOException {
    JsonObject o;
    try {
      o = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    } catch (RuntimeException e) {
      throw new IOException(file + " is not a JSON object: " + e.getMessage(), e);
    }
    String notebook = o.has("notebook") ? o.get("notebook").getAsString() : "";
    List<Mutant> list = new ArrayList<>();
    JsonElement arr = o.get("mutants");
    if (notebook.isEmpty() || arr == null || !arr.isJsonArray()) {
      throw new IOException(
          file + " needs \"notebook\" (a name like 01-reparameterization) and a \"mutants\" array");
    }
    int n = 0;
    for (JsonElement e : arr.getAsJsonArray()) {
      n++;
      JsonObject m = e.getAsJsonObject();
      for (String key : List.of("task", "name", "source")) {
        if (!m.has(key) || !m.get(key).isJsonPrimitive()) {
          throw new IOException(file + ": mutant " + n + " has no string \"" + key + "\"");
        }
      }
      list.add(
          new Mutant(
              m.get("task").getAsString(),
              m.get("name").getAsString(),
              m.get("source").getAsString()));
    }
    return Map.entry(notebook, list);
  }

  /**
   * Runs every mutant of one notebook.
   *
   * @param name the notebook name
   * @param solution the instructor notebook (reference answers)
   * @param mutants its mutants
   */
  public Report run(String name, Notebook solution, List<Mutant> mutants)
      throws MalformedSourceException, IOException {
    long start = System.nanoTime();
    AssignmentSource source = Releases.fromSolution(name + ".ipynb", solution);
    List<Cell> grading = source.gradingRelease().cells();
    List<Cell> student = source.studentRelease().cells();
    Map<String, String> reference = new HashMap<>();
    for (Cell c : solution.cells()) {
      // Code answers graded by hand count too: later locked cells can call what they define.
      if (c.role() == CellRole.ANSWER
          || c.role() == CellRole.MANUAL_ANSWER && c.type() == Cell.Type.CODE) {
        c.gradeId().ifPresent(g -> reference.put(g, c.source()));
      }
    }
    Map<String, String> visible = new HashMap<>();
    for (Cell c : student) {
      c.gradeId().ifPresent(g -> visible.put(g, c.source()));
    }
    NotebookRules rules =
        NotebookRules.of(
            source.gradingRelease(), ClassIndex.ofClassPath(runner.config().classPath()));
    List<String> problems = new ArrayList<>();
    Map<String, List<Mutant>> byTask = new LinkedHashMap<>();
    for (Cell c : grading) {
      if (c.role() == CellRole.ANSWER && !testsOf(grading, indexOf(grading, c)).isEmpty()) {
        byTask.put(c.gradeId().orElse(""), new ArrayList<>());
      }
    }
    for (Mutant m : mutants) {
      if (!byTask.containsKey(m.task())) {
        problems.add(
            "mutant '"
                + m.name()
                + "' names task "
                + m.task()
                + ", which is not an autograded answer cell of "
                + name
                + " (known: "
                + String.join(", ", byTask.keySet())
                + ")");
      } else {
        byTask.get(m.task()).add(m);
      }
    }
    Map<Mutant, Outcome> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
    // Tasks are independent (each runs in its own workers), so up to `jobs` run at once; each
    // task's problems are kept apart and joined in notebook order, so the report reads the same.
    Map<String, List<String>> taskProblems = new LinkedHashMap<>();
    List<java.util.concurrent.Callable<Void>> work = new ArrayList<>();
    for (Map.Entry<String, List<Mutant>> task : byTask.entrySet()) {
      String gid = task.getKey();
      List<Mutant> list = task.getValue();
      if (list.size() < MIN_MUTANTS_PER_TASK) {
        problems.add(
            name
                + " task "
                + gid
                + " has "
                + list.size()
                + " mutant(s); it needs at least "
                + MIN_MUTANTS_PER_TASK);
      }
      List<Mutant> runnable = new ArrayList<>();
      for (Mutant m : list) {
        List<Violation> v = AnswerScreen.screen(m.source(), rules.forAnswer(gid), new HashSet<>());
        if (!v.isEmpty()) {
          outcomes.put(
              m,
              new Outcome(
                  m, false, false, "", "refused by the grading screen: " + v.get(0).message()));
        } else {
          runnable.add(m);
        }
      }
      List<String> mine = new ArrayList<>();
      taskProblems.put(gid, mine);
      work.add(
          () -> {
            runTask(name, gid, grading, visible, reference, runnable, outcomes, mine);
            return null;
          });
    }
    runAll(work);
    taskProblems.values().forEach(problems::addAll);
    List<Outcome> ordered = new ArrayList<>();
    for (Mutant m : mutants) {
      Outcome o = outcomes.get(m);
      if (o == null) {
        continue;
      }
      ordered.add(o);
      if (!o.invalid().isEmpty()) {
        problems.add(
            name + " mutant '" + m.name() + "' (" + m.task() + ") is not usable: " + o.invalid());
      } else if (!o.caught()) {
        problems.add(
            name
                + " mutant '"
                + m.name()
                + "' ("
                + m.task()
                + ") passes every test of its task: strengthen the tests");
      }
    }
    for (String gid : byTask.keySet()) {
      List<Outcome> mine = ordered.stream().filter(o -> o.mutant().task().equals(gid)).toList();
      long vis = mine.stream().filter(Outcome::caughtVisible).count();
      if (!mine.isEmpty() && vis < MIN_VISIBLE_SHARE * mine.size()) {
        problems.add(
            name
                + " task "
                + gid
                + ": the visible tests catch "
                + vis
                + " of "
                + mine.size()
                + " mutants; they must catch at least half");
      }
    }
    return new Report(name, ordered, problems, (System.nanoTime() - start) / 1e9);
  }

  private void runTask(
      String name,
      String gid,
      List<Cell> grading,
      Map<String, String> visible,
      Map<String, String> reference,
      List<Mutant> mutants,
      Map<Mutant, Outcome> outcomes,
      List<String> problems)
      throws IOException {
    int answer = -1;
    for (int i = 0; i < grading.size(); i++) {
      if (grading.get(i).gradeId().orElse("").equals(gid)) {
        answer = i;
      }
    }
    List<Integer> tests = testsOf(grading, answer);
    List<WorkerCell> prefix = new ArrayList<>();
    for (int i = 0; i < answer; i++) {
      Cell c = grading.get(i);
      if (c.type() != Cell.Type.CODE || isHeavy(c) || c.role() == CellRole.MANUAL_ANSWER) {
        continue;
      }
      String src = c.role() == CellRole.ANSWER ? reference.get(c.gradeId().orElse("")) : c.source();
      prefix.add(new WorkerCell("p" + i, src == null ? c.source() : src));
    }
    // Candidate 0 is the reference answer; 1.. are the mutants.
    List<String> sources = new ArrayList<>();
    sources.add(reference.get(gid));
    mutants.forEach(m -> sources.add(m.source()));
    boolean[] caught = new boolean[sources.size()];
    boolean[] caughtVisible = new boolean[sources.size()];
    String[] by = new String[sources.size()];
    String[] invalid = new String[sources.size()];
    for (int stage = 0; stage < tests.size(); stage++) {
      int lastCell = tests.get(stage);
      List<Integer> alive = new ArrayList<>();
      for (int k = 0; k < sources.size(); k++) {
        if (k == 0 || (!caught[k] && invalid[k] == null)) {
          alive.add(k);
        }
      }
      List<WorkerCell> cells = new ArrayList<>(prefix);
      for (int k : alive) {
        cells.add(new WorkerCell("a" + k, sources.get(k)));
        for (int i = answer + 1; i <= lastCell; i++) {
          Cell c = grading.get(i);
          if (c.type() != Cell.Type.CODE) {
            continue;
          }
          if (c.role() == CellRole.TEST) {
            String t = c.gradeId().orElse("");
            cells.add(new WorkerCell("v" + k + "_" + i, visible.getOrDefault(t, c.source())));
            cells.add(new WorkerCell("f" + k + "_" + i, c.source()));
          } else {
            // Other answers (the grading release holds their stubs) run as the reference writes
            // them.
            String src = reference.getOrDefault(c.gradeId().orElse(""), c.source());
            cells.add(new WorkerCell("c" + k + "_" + i, src));
          }
        }
      }
      Path work = Files.createTempDirectory(workRoot, "mutants-");
      WorkerRun run;
      try {
        run = runner.run(cells, work);
      } finally {
        Grader.deleteTree(work);
      }
      Map<String, CellOutcome> byId = new HashMap<>();
      run.cells().forEach(o -> byId.put(o.id(), o));
      for (WorkerCell p : prefix) {
        CellOutcome o = byId.get(p.id());
        if (o != null && !o.ok() && stage == 0) {
          problems.add(
              name
                  + " task "
                  + gid
                  + ": a cell before the answer failed in the mutant run"
                  + " ("
                  + o.ename()
                  + ": "
                  + o.evalue()
                  + "); mark it heavy only if nothing later needs"
                  + " it");
          break;
        }
      }
      for (int k : alive) {
        CellOutcome a = byId.get("a" + k);
        if (a == null || CellOutcome.KILLED.equals(a.status())) {
          invalid[k] = "the run stopped before it: " + run.detail();
          continue;
        }
        if (!a.ok()) {
          invalid[k] = "the answer cell does not run: " + a.ename() + " " + a.evalue();
          continue;
        }
        for (int i = answer + 1; i <= lastCell; i++) {
          Cell c = grading.get(i);
          if (c.role() != CellRole.TEST) {
            continue;
          }
          CellOutcome v = byId.get("v" + k + "_" + i);
          CellOutcome f = byId.get("f" + k + "_" + i);
          if (f == null || CellOutcome.KILLED.equals(f.status())) {
            invalid[k] = "the run stopped before " + c.gradeId().orElse("") + ": " + run.detail();
            break;
          }
          Optional<String> vf = v == null ? Optional.of("not run") : ScoreNotebook.failure(c, v);
          Optional<String> ff = ScoreNotebook.failure(c, f);
          if (vf.isPresent()) {
            caughtVisible[k] = true;
          }
          if (ff.isPresent() && !caught[k]) {
            caught[k] = true;
            by[k] = c.gradeId().orElse("") + ": " + firstLine(ff.get());
          }
        }
      }
      log.printf(
          "  %s stage %d/%d: %d candidate(s), %.1f s%n",
          gid, stage + 1, tests.size(), alive.size(), run.wallMillis() / 1000.0);
    }
    if (invalid[0] != null || caught[0]) {
      problems.add(
          name
              + " task "
              + gid
              + ": the reference answer loses points in the mutant run: "
              + (invalid[0] != null ? invalid[0] : by[0]));
    }
    for (int k = 1; k < sources.size(); k++) {
      Mutant m = mutants.get(k - 1);
      outcomes.put(
          m,
          new Outcome(
              m,
              caught[k],
              caughtVisible[k],
              by[k] == null ? "" : by[k],
              invalid[k] == null ? "" : invalid[k]));
    }
  }

  private void runAll(List<java.util.concurrent.Callable<Void>> work) throws IOException {
    if (jobs == 1 || work.size() < 2) {
      for (var w : work) {
        call(w);
      }
      return;
    }
    var pool = java.util.concurrent.Executors.newFixedThreadPool(Math.min(jobs, work.size()));
    try {
      List<java.util.concurrent.Future<Void>> done = new ArrayList<>();
      for (var w : work) {
        done.add(pool.submit(w));
      }
      for (var f : done) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof IOException io) {
            throw io;
          }
          throw new IllegalStateException("a mutant run failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while the mutants ran", e);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void call(java.util.concurrent.Callable<Void> w) throws IOException {
    try {
      w.call();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }

  /** The autograded test cells of the answer at {@code answer}: up to the next answer cell. */
  static List<Integer> testsOf(List<Cell> cells, int answer) {
    List<Integer> out = new ArrayList<>();
    for (int i = answer + 1; i < cells.size(); i++) {
      CellRole r = cells.get(i).role();
      if (r == CellRole.ANSWER) {
        break;
      }
      if (r == CellRole.TEST) {
        out.add(i);
      }
    }
    return out;
  }

  private static int indexOf(List<Cell> cells, Cell c) {
    for (int i = 0; i < cells.size(); i++) {
      if (cells.get(i) == c) {
        return i;
      }
    }
    return -1;
  }

  /** Whether a cell is marked {@code metadata.course.heavy}. */
  static boolean isHeavy(Cell c) {
    JsonElement course = c.metadata().get("course");
    return course != null
        && course.isJsonObject()
        && course.getAsJsonObject().has("heavy")
        && course.getAsJsonObject().get("heavy").isJsonPrimitive()
        && course.getAsJsonObject().get("heavy").getAsBoolean();
  }
}
