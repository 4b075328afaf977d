package vaecourse.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class GradescopeResultsTest {
  private static final double EXACT = 0.0;

  @Test
  void scoreTestsAndVisibilityInGradescopesSchema() {
    JsonObject o =
        JsonParser.parseString(GradescopeResults.toJson(ReportSamples.alice())).getAsJsonObject();
    assertEquals(2.0, o.get("score").getAsDouble(), EXACT);
    assertEquals(3, o.get("execution_time").getAsInt(), "3.2 s, in whole seconds");
    assertEquals("hidden", o.get("stdout_visibility").getAsString());
    assertEquals(2, o.getAsJsonArray("tests").size(), "manual tasks are not tests");
    JsonObject first = o.getAsJsonArray("tests").get(0).getAsJsonObject();
    assertEquals("add-test", first.get("name").getAsString());
    assertEquals(2.0, first.get("max_score").getAsDouble(), EXACT);
    assertEquals("after_published", first.get("visibility").getAsString());
    assertEquals("passed", first.get("status").getAsString());
    assertEquals(
        "adder: 2 / 5 autograded points, 1 more graded by hand\n"
            + "WARNING [add-test]: test cell was edited",
        o.get("output").getAsString());
  }

  @Test
  void hiddenTestsTakeTheChosenVisibility() {
    JsonObject o =
        JsonParser.parseString(new GradescopeResults("hidden").render(ReportSamples.alice()))
            .getAsJsonObject();
    var tests = o.getAsJsonArray("tests");
    assertEquals("hidden", tests.get(0).getAsJsonObject().get("visibility").getAsString());
    assertEquals("visible", tests.get(1).getAsJsonObject().get("visibility").getAsString());
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> new GradescopeResults("later"));
    assertEquals(
        "hidden-test visibility \"later\" is not one of Gradescope's: hidden, after_due_date,"
            + " after_published, visible",
        e.getMessage());
  }
}
