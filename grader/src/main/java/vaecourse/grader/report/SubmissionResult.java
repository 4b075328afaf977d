package vaecourse.grader.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.util.List;

/**
 * Everything grading one submission produced; stored as {@code record.json} beside the Gradescope
 * file, so class-wide files can be rebuilt from finished submissions at any time.
 *
 * @param student the student id
 * @param assignment the assignment name
 * @param submission the submitted file's path
 * @param submissionSha256 the submitted file's SHA-256, to regrade only changed files
 * @param score autograded points earned
 * @param maxScore autograded points possible
 * @param manualMaxScore points left to manual grading
 * @param tasks one entry per graded cell, in notebook order
 * @param flags what the grader noticed
 * @param execution how the worker run ended, e.g. {@code DONE} or {@code TIMEOUT}, or {@code
 *     NOT_RUN}
 * @param seconds wall time of the run
 * @param sandboxed whether the worker ran in the OS sandbox
 * @param environment the data the notebook ran on and the sandbox; null in records written before
 *     it was kept
 */
public record SubmissionResult(
    String student,
    String assignment,
    String submission,
    String submissionSha256,
    double score,
    double maxScore,
    double manualMaxScore,
    List<TaskResult> tasks,
    List<Flag> flags,
    String execution,
    double seconds,
    boolean sandboxed,
    GradingEnvironment environment) {

  private static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

  /** Copies the lists. */
  public SubmissionResult {
    tasks = List.copyOf(tasks);
    flags = List.copyOf(flags);
  }

  /** A record without the grading environment. */
  public SubmissionResult(
      String student,
      String assignment,
      String submission,
      String submissionSha256,
      double score,
      double maxScore,
      double manualMaxScore,
      List<TaskResult> tasks,
      List<Flag> flags,
      String execution,
      double seconds,
      boolean sandboxed) {
    this(
        student,
        assignment,
        submission,
        submissionSha256,
        score,
        maxScore,
        manualMaxScore,
        tasks,
        flags,
        execution,
        seconds,
        sandboxed,
        null);
  }

  /** JSON text of this record. */
  public String toJson() {
    return GSON.toJson(this) + "\n";
  }

  /** Reads a record written by {@link #toJson()}. */
  public static SubmissionResult fromJson(String json) {
    SubmissionResult r = GSON.fromJson(json, SubmissionResult.class);
    if (r == null || r.student() == null || r.assignment() == null) {
      throw new IllegalArgumentException("not a grading record");
    }
    return r;
  }
}
