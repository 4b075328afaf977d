package vaecourse.grader.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A submission's Gradescope autograder {@code results.json}: the autograded score, the run's wall
 * time ({@code execution_time}, whole seconds), one test per autograded cell (name, score,
 * max_score, status, output, visibility) and the grader's flags as the top-level output. Manually
 * graded tasks are left to Gradescope's own rubric and only named. Tests with hidden parts get the
 * visibility chosen for hidden tests ({@code after_published} unless told otherwise).
 */
public final class GradescopeResults implements SubmissionReport {
  /** The file name. */
  public static final String NAME = "results.json";

  /** The visibilities Gradescope knows, from most to least hidden. */
  public static final List<String> VISIBILITIES =
      List.of("hidden", "after_due_date", "after_published", "visible");

  /** The visibility hidden tests get unless told otherwise. */
  public static final String HIDDEN_DEFAULT = "after_published";

  private final String hiddenVisibility;

  /** Hidden tests {@code after_published}. */
  public GradescopeResults() {
    this(HIDDEN_DEFAULT);
  }

  /**
   * Hidden tests with the given visibility.
   *
   * @throws IllegalArgumentException when it is not one of {@link #VISIBILITIES}
   */
  public GradescopeResults(String hiddenVisibility) {
    if (!VISIBILITIES.contains(hiddenVisibility)) {
      throw new IllegalArgumentException(
          "hidden-test visibility \""
              + hiddenVisibility
              + "\" is not one of Gradescope's: "
              + String.join(", ", VISIBILITIES));
    }
    this.hiddenVisibility = hiddenVisibility;
  }

  @Override
  public String fileName() {
    return NAME;
  }

  @Override
  public String render(SubmissionResult r) {
    return toJson(r, hiddenVisibility);
  }

  /** The JSON text for one submission, hidden tests {@code after_published}. */
  public static String toJson(SubmissionResult r) {
    return toJson(r, HIDDEN_DEFAULT);
  }

  private static String toJson(SubmissionResult r, String hiddenVisibility) {
    JsonObject root = new JsonObject();
    root.addProperty("score", r.score());
    root.addProperty("execution_time", Math.round(r.seconds()));
    root.addProperty("visibility", "visible");
    root.addProperty("stdout_visibility", "hidden");
    StringBuilder output = new StringBuilder();
    output
        .append(r.assignment())
        .append(": ")
        .append(format(r.score()))
        .append(" / ")
        .append(format(r.maxScore()))
        .append(" autograded points");
    if (r.manualMaxScore() > 0) {
      output.append(", ").append(format(r.manualMaxScore())).append(" more graded by hand");
    }
    output.append('\n');
    if (r.environment() != null) {
      output.append("graded on ").append(r.environment().line()).append('\n');
    }
    output.append(r.flags().stream().map(Flag::line).collect(Collectors.joining("\n")));
    root.addProperty("output", output.toString().strip());
    JsonArray tests = new JsonArray();
    for (TaskResult t : r.tasks()) {
      if (t.manual()) {
        continue;
      }
      JsonObject test = new JsonObject();
      test.addProperty("name", t.gradeId());
      test.addProperty("score", t.score() == null ? 0 : t.score());
      test.addProperty("max_score", t.maxScore());
      test.addProperty("status", t.passed() ? "passed" : "failed");
      test.addProperty("output", t.output());
      test.addProperty(
          "visibility", HIDDEN_DEFAULT.equals(t.visibility()) ? hiddenVisibility : t.visibility());
      tests.add(test);
    }
    root.add("tests", tests);
    JsonObject extra = new JsonObject();
    extra.addProperty("student", r.student());
    extra.addProperty("assignment", r.assignment());
    extra.addProperty("execution", r.execution());
    GradingEnvironment env = r.environment();
    if (env != null) {
      JsonObject data = new JsonObject();
      data.addProperty("source", env.dataSource());
      data.addProperty("directory", env.dataDirectory());
      data.addProperty("train_images", env.trainImages());
      data.addProperty("test_images", env.testImages());
      data.addProperty("provided_source", env.providedDataSource());
      extra.add("data", data);
      extra.addProperty("sandbox", env.sandbox());
      extra.addProperty("worker_restarts", env.restarts());
    }
    root.add("extra_data", extra);
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
  }

  /** A score without a needless {@code .0}. */
  static String format(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
