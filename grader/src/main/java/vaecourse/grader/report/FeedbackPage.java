package vaecourse.grader.report;

/** A self-contained HTML feedback page for one submission (no scripts, no external files). */
public final class FeedbackPage implements SubmissionReport {
  /** The file name. */
  public static final String NAME = "feedback.html";

  @Override
  public String fileName() {
    return NAME;
  }

  @Override
  public String render(SubmissionResult result) {
    return toHtml(result);
  }

  /** The page for one submission. */
  public static String toHtml(SubmissionResult r) {
    StringBuilder b = new StringBuilder(8192);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(esc(r.assignment()))
        .append(" - ")
        .append(esc(r.student()))
        .append("</title>\n")
        .append(
            "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0"
                + " 1em}table{border-collapse:collapse;width:100%}td,th{border:1px solid"
                + " #ccc;padding:.4em;"
                + "vertical-align:top;text-align:left}pre{white-space:pre-wrap;margin:0}"
                + ".passed{color:#176317}.failed{color:#a11}.manual{color:#555}.WARNING{color:#8a5a00}.FATAL{color:#a11}</style>\n"
                + "</head>\n"
                + "<body>\n");
    b.append("<h1>").append(esc(r.assignment())).append("</h1>\n");
    b.append("<p>Student: <b>")
        .append(esc(r.student()))
        .append("</b><br>Autograded score: <b>")
        .append(GradescopeResults.format(r.score()))
        .append(" / ")
        .append(GradescopeResults.format(r.maxScore()))
        .append("</b>");
    if (r.manualMaxScore() > 0) {
      b.append("<br>Graded by hand later: ")
          .append(GradescopeResults.format(r.manualMaxScore()))
          .append(" points");
    }
    if (r.environment() != null) {
      b.append("<br>Graded on: ").append(esc(r.environment().line()));
    }
    b.append("</p>\n");
    if (!r.flags().isEmpty()) {
      b.append("<h2>Notes</h2>\n<ul>\n");
      for (Flag f : r.flags()) {
        b.append("<li class=\"")
            .append(f.level())
            .append("\">")
            .append(esc(f.line()))
            .append("</li>\n");
      }
      b.append("</ul>\n");
    }
    b.append("<h2>Tasks</h2>\n<table>\n<tr><th>Task</th><th>Points</th><th>Result</th></tr>\n");
    for (TaskResult t : r.tasks()) {
      String cls = t.manual() ? "manual" : t.passed() ? "passed" : "failed";
      String points =
          t.manual()
              ? "- / " + GradescopeResults.format(t.maxScore())
              : GradescopeResults.format(t.score() == null ? 0 : t.score())
                  + " / "
                  + GradescopeResults.format(t.maxScore());
      b.append("<tr class=\"")
          .append(cls)
          .append("\"><td>")
          .append(esc(t.gradeId()))
          .append("</td><td>")
          .append(points)
          .append("</td><td><pre>");
      boolean hideDetail = "after_published".equals(t.visibility()) && !t.passed();
      b.append(
          esc(
              hideDetail
                  ? "failed (this test has hidden parts; details after grades are" + " published)"
                  : t.output()));
      b.append("</pre></td></tr>\n");
    }
    b.append("</table>\n</body>\n</html>\n");
    return b.toString();
  }

  /** HTML-escapes text. */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
