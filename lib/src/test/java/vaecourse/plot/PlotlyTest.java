package vaecourse.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class PlotlyTest {

  /** Stands in for plotly.min.js; holds a closing script tag the inlining must escape. */
  private static final String FAKE_LIBRARY =
      "window.Plotly = {newPlot: function () { return Promise.resolve(); }}; var s = '</script>';";

  @TempDir Path dir;

  @AfterEach
  void usualLibrary() {
    Plotly.useLibrary(null);
  }

  private static JsonObject spec(Figure figure) {
    return JsonParser.parseString(figure.toPlotlyJson()).getAsJsonObject();
  }

  private static void assertValues(double[] expected, JsonArray actual) {
    assertEquals(expected.length, actual.size(), actual.toString());
    for (int i = 0; i < expected.length; i++) {
      JsonElement v = actual.get(i);
      if (Double.isNaN(expected[i])) {
        assertTrue(v.isJsonNull(), "value " + i + " should be null (a gap) but was " + v);
      } else {
        assertEquals(expected[i], v.getAsDouble(), 0, "value " + i);
      }
    }
  }

  /** The spec JSON inside the chart's script. */
  private static JsonObject scriptSpec(String html) {
    int from = html.indexOf("var spec = ") + "var spec = ".length();
    int to = html.indexOf(";\n  function draw()", from);
    return JsonParser.parseString(html.substring(from, to)).getAsJsonObject();
  }

  private static String boxId(String html) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("id=\"(vaecourse-plotly-[0-9a-f-]+)\"").matcher(html);
    assertTrue(m.find(), "no chart box");
    assertTrue(html.contains("getElementById(\"" + m.group(1) + "\")"), "script draws elsewhere");
    return m.group(1);
  }

  @Test
  void lineTracesCarryTheSeriesWithGapsForWhatCannotBeDrawn() {
    LinePlot plot =
        LinePlot.create("Validation NLL")
            .xLabel("epoch")
            .yLabel("nats")
            .logY()
            .add("lr 1e-3", new double[] {1, 2, 3, 4}, new double[] {210.5, Double.NaN, 140, 0})
            .add("lr 1e-4", new double[] {1, 2, 3, 4}, new double[] {230, 190, 170.25, 160})
            .size(500, 320);
    JsonObject spec = spec(plot);
    JsonArray data = spec.getAsJsonArray("data");
    assertEquals(2, data.size());
    JsonObject first = data.get(0).getAsJsonObject();
    assertEquals("scatter", first.get("type").getAsString());
    assertEquals("lines+markers", first.get("mode").getAsString());
    assertEquals("lr 1e-3", first.get("name").getAsString());
    assertValues(new double[] {1, 2, 3, 4}, first.getAsJsonArray("x"));
    // NaN and, on a log axis, 0 become gaps.
    assertValues(new double[] {210.5, Double.NaN, 140, Double.NaN}, first.getAsJsonArray("y"));
    assertEquals("#1f77b4", first.getAsJsonObject("line").get("color").getAsString());
    JsonObject second = data.get(1).getAsJsonObject();
    assertEquals("lr 1e-4", second.get("name").getAsString());
    assertValues(new double[] {230, 190, 170.25, 160}, second.getAsJsonArray("y"));
    assertEquals("#ff7f0e", second.getAsJsonObject("line").get("color").getAsString());

    JsonObject layout = spec.getAsJsonObject("layout");
    assertEquals(500, layout.get("width").getAsInt());
    assertEquals(320, layout.get("height").getAsInt());
    assertEquals("Validation NLL", layout.getAsJsonObject("title").get("text").getAsString());
    assertEquals("log", layout.getAsJsonObject("yaxis").get("type").getAsString());
    assertEquals("linear", layout.getAsJsonObject("xaxis").get("type").getAsString());
    assertEquals(
        "epoch",
        layout.getAsJsonObject("xaxis").getAsJsonObject("title").get("text").getAsString());
    assertTrue(layout.get("showlegend").getAsBoolean());
    assertFalse(spec.getAsJsonObject("config").get("displaylogo").getAsBoolean());
  }

  @Test
  void longSeriesAreLinesWithoutMarkers() {
    double[] y = new double[500];
    for (int i = 0; i < y.length; i++) {
      y[i] = Math.exp(-i / 100.0);
    }
    JsonObject trace =
        spec(LinePlot.create("").add("", y)).getAsJsonArray("data").get(0).getAsJsonObject();
    assertEquals("lines", trace.get("mode").getAsString());
    assertEquals(500, trace.getAsJsonArray("x").get(499).getAsDouble(), 0);
    assertFalse(
        spec(LinePlot.create("").add("", y))
            .getAsJsonObject("layout")
            .get("showlegend")
            .getAsBoolean());
  }

  @Test
  void scatterHasOneTracePerClassInLabelOrder() {
    ScatterPlot plot =
        ScatterPlot.of(
                "latent means",
                new double[] {0.5, -1, 2, 3.5, 4},
                new double[] {1, 2, -3, 4, 0.25},
                new int[] {2, 0, 2, 1, 0})
            .classNames("zero", "one", "two")
            .point(3, 0.5f);
    JsonArray data = spec(plot).getAsJsonArray("data");
    assertEquals(3, data.size());
    JsonObject zero = data.get(0).getAsJsonObject();
    assertEquals("zero", zero.get("name").getAsString());
    assertEquals("markers", zero.get("mode").getAsString());
    assertValues(new double[] {-1, 4}, zero.getAsJsonArray("x"));
    assertValues(new double[] {2, 0.25}, zero.getAsJsonArray("y"));
    JsonObject two = data.get(2).getAsJsonObject();
    assertEquals("two", two.get("name").getAsString());
    assertValues(new double[] {0.5, 2}, two.getAsJsonArray("x"));
    assertEquals("#2ca02c", two.getAsJsonObject("marker").get("color").getAsString());
    assertEquals(6, two.getAsJsonObject("marker").get("size").getAsDouble(), 0);
    assertEquals(0.5, two.getAsJsonObject("marker").get("opacity").getAsDouble(), 0);
  }

  @Test
  void tableColumnsBecomeSeries() {
    Table table =
        Table.create(
            "bounds",
            IntColumn.create("K", new int[] {1, 5, 50}),
            DoubleColumn.create("L_K", new double[] {-95.5, -93.25, -92}),
            DoubleColumn.create("ELBO", new double[] {-95.5, -95.5, -95.5}),
            StringColumn.create("note", new String[] {"a", "b", "c"}));
    LinePlot plot = LinePlot.of(table, "K", "L_K", "ELBO");
    JsonObject spec = spec(plot);
    JsonArray data = spec.getAsJsonArray("data");
    assertEquals(2, data.size());
    assertEquals("L_K", data.get(0).getAsJsonObject().get("name").getAsString());
    assertValues(new double[] {1, 5, 50}, data.get(0).getAsJsonObject().getAsJsonArray("x"));
    assertValues(
        new double[] {-95.5, -93.25, -92}, data.get(0).getAsJsonObject().getAsJsonArray("y"));
    assertEquals(
        "bounds",
        spec.getAsJsonObject("layout").getAsJsonObject("title").get("text").getAsString());

    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class, () -> LinePlot.of(table, "K", "bound"));
    assertTrue(missing.getMessage().contains("no column 'bound'"), missing.getMessage());
    assertTrue(missing.getMessage().contains("L_K"), missing.getMessage());
    IllegalArgumentException text =
        assertThrows(IllegalArgumentException.class, () -> LinePlot.of(table, "K", "note"));
    assertTrue(text.getMessage().contains("'note'"), text.getMessage());
  }

  @Test
  void theFirstChartOfASessionCarriesPlotlyJsAndLaterOnesOnlyTheirTraces() throws IOException {
    Path library = dir.resolve("plotly.min.js");
    Files.writeString(library, FAKE_LIBRARY);
    Plotly.useLibrary(library);
    LinePlot plot = LinePlot.create("loss").add("train", new double[] {3, 2, 1.5});

    Map<String, String> first = plot.toMimeBundle();
    String html = first.get("text/html");
    assertTrue(html.contains("window.Plotly = {newPlot"), "library missing from the first chart");
    assertFalse(html.contains("var s = '</script>'"), "a closing tag inside the library ends it");
    assertTrue(html.contains("var s = '<\\/script>'"));
    // The PNG of the bundle is also the picture inside the chart's box.
    assertTrue(html.contains("<img src=\"data:image/png;base64," + first.get("image/png") + "\""));
    assertEquals(JsonParser.parseString(plot.toPlotlyJson()), scriptSpec(html));

    String second = plot.toMimeBundle().get("text/html");
    assertFalse(second.contains("window.Plotly = {newPlot"), "library sent twice");
    assertTrue(second.contains("window.Plotly.newPlot(box, spec.data"));
    assertEquals(JsonParser.parseString(plot.toPlotlyJson()), scriptSpec(second));
    assertFalse(boxId(html).equals(boxId(second)), "two charts share an element id");

    Plotly.inlineAgain();
    assertTrue(plot.toMimeBundle().get("text/html").contains("window.Plotly = {newPlot"));
  }

  @Test
  void withoutPlotlyJsTheHtmlIsTheImageMapAndSaysWhatToRun() {
    Path missing = dir.resolve("nowhere/plotly.min.js");
    Plotly.useLibrary(missing);
    String html =
        LinePlot.create("loss").add("train", new double[] {3, 2}).toMimeBundle().get("text/html");
    assertTrue(html.contains("usemap=\"#vaecourse-fig-"), html);
    assertTrue(html.contains("title=\"train\nx = 2\ny = 2\""), html);
    assertFalse(html.contains("<script"));
    assertTrue(html.contains(missing.toString()) && html.contains("./course setup"), html);
  }

  @Test
  void picturesHaveNoChart() {
    ImageGrid grid = ImageGrid.of(new float[2 * 784], 28, 28, 1, 2);
    assertNull(grid.toPlotlyJson());
    assertFalse(grid.toMimeBundle().containsKey("text/html"));
  }

  @Test
  void aNamedLibraryThatIsNotThereIsRefusedWithTheSetting() {
    String before = System.getProperty("course.plotly");
    System.setProperty("course.plotly", dir.resolve("no.js").toString());
    try {
      IllegalStateException e = assertThrows(IllegalStateException.class, Plotly::libraryFile);
      assertTrue(e.getMessage().contains("course.plotly"), e.getMessage());
      assertTrue(e.getMessage().contains("no.js"), e.getMessage());
    } finally {
      if (before == null) {
        System.clearProperty("course.plotly");
      } else {
        System.setProperty("course.plotly", before);
      }
    }
  }
}
