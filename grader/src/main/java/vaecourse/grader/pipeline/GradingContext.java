package vaecourse.grader.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vaecourse.grader.execute.CellOutcome;
import vaecourse.grader.execute.WorkerRun;
import vaecourse.grader.execute.WorkerRunner;
import vaecourse.grader.notebook.Notebook;
import vaecourse.grader.report.Flag;
import vaecourse.grader.report.SubmissionResult;
import vaecourse.grader.report.TaskResult;

/** One submission being graded: inputs, the rebuilt notebook, the run and the scores. */
public final class GradingContext {
  private final String student;
  private final Path submissionFile;
  private final AssignmentSource source;
  private final WorkerRunner runner;
  private final Path workDir;
  private final List<Flag> flags = new ArrayList<>();
  private final Map<String, Boolean> storedOutputsLookClean = new HashMap<>();
  private final Map<String, String> rejectedAnswers = new HashMap<>();
  private Notebook submission;
  private Notebook rebuilt;
  private List<CellOutcome> outcomes = List.of();
  private Map<Integer, CellOutcome> outcomeByCell = Map.of();
  private WorkerRun run;
  private List<TaskResult> results = List.of();
  private DataLine dataUsed;
  private Path folder;
  private String submissionSha256 = "";
  private long startedNanos;
  private SubmissionResult result;

  /**
   * A context for one submission.
   *
   * @param student the student id
   * @param submissionFile the submitted notebook
   * @param source the assignment it is graded against
   * @param runner the worker runner (its limits apply)
   * @param workDir an empty folder private to this submission: the worker's working folder
   */
  public GradingContext(
      String student,
      Path submissionFile,
      AssignmentSource source,
      WorkerRunner runner,
      Path workDir) {
    this.student = student;
    this.submissionFile = submissionFile;
    this.source = source;
    this.runner = runner;
    this.workDir = workDir;
  }

  /** The student id. */
  public String student() {
    return student;
  }

  /** The submitted file. */
  public Path submissionFile() {
    return submissionFile;
  }

  /** The assignment. */
  public AssignmentSource source() {
    return source;
  }

  /** The worker runner. */
  public WorkerRunner runner() {
    return runner;
  }

  /** The worker's working folder. */
  public Path workDir() {
    return workDir;
  }

  /** Adds a flag. */
  public void flag(Flag.Level level, String cell, String message) {
    flags.add(new Flag(level, cell, message));
  }

  /** The flags so far. */
  public List<Flag> flags() {
    return List.copyOf(flags);
  }

  /** Whether a fatal flag stops grading (every autograded task then scores zero). */
  public boolean fatal() {
    return flags.stream().anyMatch(f -> f.level() == Flag.Level.FATAL);
  }

  /** The parsed submission, null when unreadable. */
  public Notebook submission() {
    return submission;
  }

  /** Sets the parsed submission. */
  public void setSubmission(Notebook submission) {
    this.submission = submission;
  }

  /**
   * The notebook to run: the source's locked cells and the student's answers; null before merge.
   */
  public Notebook rebuilt() {
    return rebuilt;
  }

  /** Sets the rebuilt notebook. */
  public void setRebuilt(Notebook rebuilt) {
    this.rebuilt = rebuilt;
  }

  /** For test cells the submission had stored outputs for: whether those showed no error. */
  public Map<String, Boolean> storedOutputsLookClean() {
    return storedOutputsLookClean;
  }

  /** Answer cells that were not run, by grade_id, with the reason (set by ScreenAnswers). */
  public Map<String, String> rejectedAnswers() {
    return rejectedAnswers;
  }

  /** The worker run, null when not run. */
  public WorkerRun run() {
    return run;
  }

  /** Records the run and which rebuilt cell each outcome belongs to. */
  public void setRun(WorkerRun run, Map<Integer, CellOutcome> byCell) {
    this.run = run;
    this.outcomes = run.cells();
    this.outcomeByCell = Map.copyOf(byCell);
  }

  /** Outcomes in run order. */
  public List<CellOutcome> outcomes() {
    return outcomes;
  }

  /** The outcome of the rebuilt notebook's cell at an index, or null when not run. */
  public CellOutcome outcomeOf(int cellIndex) {
    return outcomeByCell.get(cellIndex);
  }

  /** The scores, set by {@link ScoreNotebook}. */
  public List<TaskResult> results() {
    return results;
  }

  /** Sets the scores. */
  public void setResults(List<TaskResult> results) {
    this.results = List.copyOf(results);
  }

  /** The data the notebook loaded, as its data line said; null when it printed none. */
  public DataLine dataUsed() {
    return dataUsed;
  }

  /** Sets the data the notebook loaded. */
  public void setDataUsed(DataLine data) {
    this.dataUsed = data;
  }

  /** The folder this submission's files are written to, null when they are not written. */
  public Path folder() {
    return folder;
  }

  /**
   * Where the submission's files go and what identifies its file.
   *
   * @param folder {@code RESULTS/ASSIGNMENT/STUDENT}
   * @param sha256 the submitted file's SHA-256
   * @param startedNanos {@link System#nanoTime()} (or the grader's clock) when grading began
   */
  public void setOutput(Path folder, String sha256, long startedNanos) {
    this.folder = folder;
    this.submissionSha256 = sha256;
    this.startedNanos = startedNanos;
  }

  /** The submitted file's SHA-256, empty before {@link #setOutput}. */
  public String submissionSha256() {
    return submissionSha256;
  }

  /** When grading began, on the grader's clock. */
  public long startedNanos() {
    return startedNanos;
  }

  /** What grading produced, set by {@link Summarize}; null before. */
  public SubmissionResult result() {
    return result;
  }

  /** Sets what grading produced. */
  public void setResult(SubmissionResult result) {
    this.result = result;
  }
}
