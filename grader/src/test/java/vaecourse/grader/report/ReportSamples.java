package vaecourse.grader.report;

import java.util.List;

/** A finished submission to write reports from. */
final class ReportSamples {
  private ReportSamples() {}

  static SubmissionResult alice() {
    return new SubmissionResult(
        "alice",
        "adder",
        "subs/alice.ipynb",
        "abc",
        2,
        5,
        1,
        List.of(
            new TaskResult(
                "add-test", TaskResult.AUTOGRADED, 2, 2.0, true, "passed", "after_published", ""),
            new TaskResult(
                "mul-test",
                TaskResult.AUTOGRADED,
                3,
                0.0,
                false,
                "failed: <script>alert(1)</script>",
                "visible",
                ""),
            new TaskResult(
                "why",
                TaskResult.MANUAL,
                1,
                null,
                false,
                "graded by hand",
                "visible",
                "Because, \"obviously\"\nit commutes.")),
        List.of(new Flag(Flag.Level.WARNING, "add-test", "test cell was edited")),
        "DONE",
        3.2,
        true);
  }
}
