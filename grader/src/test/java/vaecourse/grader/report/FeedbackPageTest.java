package vaecourse.grader.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FeedbackPageTest {

  @Test
  void escapesStudentOutputAndShowsScores() {
    String html = FeedbackPage.toHtml(ReportSamples.alice());
    assertFalse(html.contains("<script>"), "student output must be escaped");
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assertTrue(html.contains("Autograded score: <b>2 / 5</b>"));
    assertTrue(html.contains("WARNING [add-test]: test cell was edited"));
    assertFalse(html.contains("http"), "self-contained");
  }
}
