package vaecourse.widgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The messages widgets exchange with a front end, in both protocol versions, checked against the
 * shapes ipywidgets 6.0 (version 1) and 7.x (version 2) produce and jupyter-js-widgets 2.1 reads.
 */
class WidgetMessagesTest {
  /** A front end that records what the kernel sends. */
  static final class Recorder implements CommChannel {
    final List<String[]> opens = new ArrayList<>();
    final List<JsonObject> openData = new ArrayList<>();
    final List<JsonObject> openMeta = new ArrayList<>();
    final List<String> sentTo = new ArrayList<>();
    final List<JsonObject> sent = new ArrayList<>();
    String parent = null;
    int clears;

    @Override
    public void open(String commId, String target, JsonObject data, JsonObject metadata) {
      opens.add(new String[] {commId, target});
      openData.add(data);
      openMeta.add(metadata);
    }

    @Override
    public void send(String commId, JsonObject data) {
      sentTo.add(commId);
      sent.add(data);
    }

    @Override
    public String parentMessageId() {
      return parent;
    }

    @Override
    public void clearOutput() {
      clears++;
    }

    JsonObject lastOpen() {
      return openData.get(openData.size() - 1);
    }
  }

  final Recorder frontEnd = new Recorder();
  final List<Object> shown = new ArrayList<>();
  final WidgetManager manager = WidgetManager.forTest(frontEnd, shown::add);

  static JsonObject json(String s) {
    return JsonParser.parseString(s).getAsJsonObject();
  }

  private void speakV1() {
    assertTrue(manager.opened("version-comm", WidgetProtocol.VERSION_TARGET));
  }

  private void speakV2() {
    manager.commInfoRequested(WidgetProtocol.WIDGET_TARGET, false);
  }

  @Test
  void versionCommIsAnsweredWithTheFrontEndRange() {
    speakV1();
    assertEquals(List.of("version-comm"), frontEnd.sentTo);
    assertEquals(json("{\"version\":\"~2.1.4\"}"), frontEnd.sent.get(0));
    assertEquals(WidgetProtocol.Version.V1, manager.version());
    assertTrue(manager.live());
  }

  @Test
  void v1SliderOpensLayoutStyleThenModelWithStateAsData() {
    speakV1();
    IntSlider s = new IntSlider(manager, "samples", 1, 1000, 1, 100);
    // Layout, slider style, the slider: as ipywidgets 6 opens them.
    assertEquals(3, frontEnd.opens.size());
    assertEquals("LayoutModel", frontEnd.openData.get(0).get("_model_name").getAsString());
    assertEquals("SliderStyleModel", frontEnd.openData.get(1).get("_model_name").getAsString());
    JsonObject state = frontEnd.lastOpen();
    assertEquals(s.id(), frontEnd.opens.get(2)[0]);
    assertEquals("jupyter.widget", frontEnd.opens.get(2)[1]);
    assertEquals("IntSliderModel", state.get("_model_name").getAsString());
    assertEquals("IntSliderView", state.get("_view_name").getAsString());
    assertEquals("jupyter-js-widgets", state.get("_model_module").getAsString());
    assertEquals("jupyter-js-widgets", state.get("_view_module").getAsString());
    assertEquals("~2.1.4", state.get("_model_module_version").getAsString());
    assertEquals("~2.1.4", state.get("_view_module_version").getAsString());
    assertEquals(100, state.get("value").getAsInt());
    assertEquals(1, state.get("min").getAsInt());
    assertEquals(1000, state.get("max").getAsInt());
    assertEquals("samples", state.get("description").getAsString());
    assertEquals("IPY_MODEL_" + frontEnd.opens.get(0)[0], state.get("layout").getAsString());
    assertEquals("IPY_MODEL_" + frontEnd.opens.get(1)[0], state.get("style").getAsString());
    assertEquals(1, state.get("msg_throttle").getAsInt());
    assertFalse(state.has("state"), "version 1 sends the state itself as the data");
    assertEquals(0, frontEnd.openMeta.get(2).size());
  }

  @Test
  void v2SliderOpensWithStateMemberAndVersionMetadata() {
    speakV2();
    new FloatSlider(manager, "sigma", 0.1, 5, 0.1, 1.0);
    JsonObject data = frontEnd.lastOpen();
    assertEquals(
        json("{\"version\":\"2.0.0\"}"), frontEnd.openMeta.get(frontEnd.openMeta.size() - 1));
    assertEquals(0, data.getAsJsonArray("buffer_paths").size());
    JsonObject state = data.getAsJsonObject("state");
    assertEquals("FloatSliderModel", state.get("_model_name").getAsString());
    assertEquals("@jupyter-widgets/controls", state.get("_model_module").getAsString());
    assertEquals("1.5.0", state.get("_model_module_version").getAsString());
    assertEquals(1.0, state.get("value").getAsDouble());
    JsonObject layout = frontEnd.openData.get(0).getAsJsonObject("state");
    assertEquals("@jupyter-widgets/base", layout.get("_model_module").getAsString());
    assertEquals("1.2.0", layout.get("_model_module_version").getAsString());
  }

  @Test
  void backboneFromV1FrontEndSetsTheJavaValueAndRunsListeners() {
    speakV1();
    IntSlider s = new IntSlider(manager, "samples", 1, 1000, 1, 100);
    List<Integer> seen = new ArrayList<>();
    s.onChange(seen::add);
    manager.message(
        s.id(), json("{\"method\":\"backbone\",\"sync_data\":{\"value\":250},\"buffer_keys\":[]}"));
    assertEquals(250, s.value());
    assertEquals(List.of(250), seen);
    // The same value again is no change; an out-of-range value is clamped to the bounds.
    manager.message(s.id(), json("{\"method\":\"backbone\",\"sync_data\":{\"value\":250}}"));
    manager.message(s.id(), json("{\"method\":\"backbone\",\"sync_data\":{\"value\":5000}}"));
    assertEquals(List.of(250, 1000), seen);
  }

  @Test
  void updateFromV2FrontEndSetsTheValue() {
    speakV2();
    Checkbox c = new Checkbox(manager, "show", false);
    manager.message(
        c.id(), json("{\"method\":\"update\",\"state\":{\"value\":true},\"buffer_paths\":[]}"));
    assertTrue(c.value());
  }

  @Test
  void requestStateIsAnsweredWithAFullUpdate() {
    speakV1();
    Text t = new Text(manager, "name", "digit");
    frontEnd.sent.clear();
    manager.message(t.id(), json("{\"method\":\"request_state\"}"));
    JsonObject reply = frontEnd.sent.get(0);
    assertEquals("update", reply.get("method").getAsString());
    assertEquals("TextModel", reply.getAsJsonObject("state").get("_model_name").getAsString());
    assertEquals("digit", reply.getAsJsonObject("state").get("value").getAsString());
    assertEquals(0, reply.getAsJsonArray("buffers").size());
  }

  @Test
  void settingFromJavaSendsAnUpdate() {
    speakV2();
    IntSlider s = new IntSlider(manager, "K", 1, 100, 1, 10);
    frontEnd.sent.clear();
    s.setValue(20);
    JsonObject msg = frontEnd.sent.get(0);
    assertEquals("update", msg.get("method").getAsString());
    assertEquals(20, msg.getAsJsonObject("state").get("value").getAsInt());
    assertTrue(msg.has("buffer_paths"));
    assertThrows(IllegalArgumentException.class, () -> s.setValue(101));
  }

  @Test
  void logSliderGridRunsThroughTheStartingValue() {
    LogSlider s = new LogSlider(manager, "step size", 0.01, 0.5, 10, 0.05);
    assertEquals(0.05, s.value());
    double[] g = s.grid();
    assertEquals(0.05 * Math.pow(10, -0.6), g[0], 1e-12, "the smallest grid value >= 0.01");
    assertEquals(0.05 * Math.pow(10, 1.0), g[g.length - 1], 1e-12, "the largest <= 0.5");
    assertEquals("step size = 0.05", s.fallbackText());
  }

  @Test
  void buttonClickArrivesAsCustomMessage() {
    speakV1();
    Button b = new Button(manager, "resample");
    int[] clicks = {0};
    b.onClick(() -> clicks[0]++);
    manager.message(b.id(), json("{\"method\":\"custom\",\"content\":{\"event\":\"click\"}}"));
    assertEquals(1, clicks[0]);
  }

  @Test
  void v1DropdownSyncsLabelsV2SyncsIndex() {
    speakV1();
    Dropdown<Integer> d1 = new Dropdown<>(manager, "digit", List.of(3, 7, 9), 7);
    assertEquals("7", frontEnd.lastOpen().get("value").getAsString());
    assertEquals("[\"3\",\"7\",\"9\"]", frontEnd.lastOpen().get("_options_labels").toString());
    manager.message(d1.id(), json("{\"method\":\"backbone\",\"sync_data\":{\"value\":\"9\"}}"));
    assertEquals(9, d1.value());

    WidgetManager m2 = WidgetManager.forTest(frontEnd, shown::add);
    m2.commInfoRequested(WidgetProtocol.WIDGET_TARGET, false);
    Dropdown<Integer> d2 = new Dropdown<>(m2, "digit", List.of(3, 7, 9), 7);
    assertEquals(1, frontEnd.lastOpen().getAsJsonObject("state").get("index").getAsInt());
    m2.message(d2.id(), json("{\"method\":\"update\",\"state\":{\"index\":0}}"));
    assertEquals(3, d2.value());
  }

  @Test
  void logSliderIsASelectionSliderInV1AndFloatLogSliderInV2() {
    speakV1();
    LogSlider s = new LogSlider(manager, "sigma", 0.1, 10, 10, 1.0);
    JsonObject state = frontEnd.lastOpen();
    assertEquals("SelectionSliderModel", state.get("_model_name").getAsString());
    assertEquals(21, state.getAsJsonArray("_options_labels").size());
    assertEquals("0.1", state.getAsJsonArray("_options_labels").get(0).getAsString());
    assertEquals("1", state.get("value").getAsString());
    manager.message(s.id(), json("{\"method\":\"backbone\",\"sync_data\":{\"value\":\"3.16\"}}"));
    assertEquals(Math.sqrt(10), s.value(), 1e-9);

    WidgetManager m2 = WidgetManager.forTest(frontEnd, shown::add);
    m2.commInfoRequested(WidgetProtocol.WIDGET_TARGET, false);
    LogSlider s2 = new LogSlider(m2, "sigma", 0.1, 10, 10, 1.0);
    JsonObject st2 = frontEnd.lastOpen().getAsJsonObject("state");
    assertEquals("FloatLogSliderModel", st2.get("_model_name").getAsString());
    assertEquals(-1.0, st2.get("min").getAsDouble(), 1e-12);
    assertEquals(1.0, st2.get("max").getAsDouble(), 1e-12);
    assertEquals(0.1, st2.get("step").getAsDouble(), 1e-12);
    m2.message(s2.id(), json("{\"method\":\"update\",\"state\":{\"value\":0.2}}"));
    assertEquals(Math.pow(10, -0.7), s2.value(), 1e-9);
  }

  @Test
  void displayInV1SendsTheDisplayMethodAndAViewWithoutFallback() {
    speakV1();
    IntSlider s = new IntSlider(manager, "n", 0, 10, 1, 5);
    frontEnd.sent.clear();
    Map<String, Object> bundle = s.toMimeBundle();
    assertEquals(json("{\"method\":\"display\"}"), frontEnd.sent.get(0));
    assertEquals(json("{\"model_id\":\"" + s.id() + "\"}"), bundle.get(WidgetProtocol.VIEW_MIME));
    assertEquals(1, bundle.size(), "jupyter-js-widgets 2.1 would show any other type twice");
  }

  @Test
  void displayInV2OrHeadlessCarriesVersionedViewAndText() {
    speakV2();
    IntSlider s = new IntSlider(manager, "n", 0, 10, 1, 5);
    frontEnd.sent.clear();
    Map<String, Object> bundle = s.toMimeBundle();
    assertTrue(frontEnd.sent.isEmpty(), "version 2 has no display message");
    assertEquals(
        json("{\"model_id\":\"" + s.id() + "\",\"version_major\":2,\"version_minor\":0}"),
        bundle.get(WidgetProtocol.VIEW_MIME));
    assertEquals("n = 5", bundle.get("text/plain"));

    WidgetManager headless = WidgetManager.forTest(CommChannel.NONE, shown::add);
    assertFalse(headless.live());
    Map<String, Object> b2 = new IntSlider(headless, "n", 0, 10, 1, 5).toMimeBundle();
    assertEquals("n = 5", b2.get("text/plain"));
    assertEquals(WidgetProtocol.Version.V2, headless.version(), "nbclient reads version 2 only");
  }

  @Test
  void interactRerunsIntoTheOutputAreaAndShowsErrorsThere() {
    speakV1();
    frontEnd.parent = "execute-1";
    IntSlider k = new IntSlider(manager, "K", 1, 100, 1, 10);
    Interact in =
        new Interact(
            manager,
            () -> {
              if (k.value() == 13) {
                throw new IllegalStateException("unlucky K");
              }
              return "L_K for K = " + k.value();
            },
            List.of(k));
    in.show();
    assertEquals(in.box(), shown.get(0));
    assertEquals("L_K for K = 10", shown.get(1));
    // The output area captured the execute request's outputs, then let go.
    List<String> msgIds = new ArrayList<>();
    for (int i = 0; i < frontEnd.sent.size(); i++) {
      if (frontEnd.sentTo.get(i).equals(in.output().id())) {
        msgIds.add(frontEnd.sent.get(i).getAsJsonObject("state").get("msg_id").getAsString());
      }
    }
    assertEquals(List.of("execute-1", ""), msgIds);
    assertEquals(1, frontEnd.clears);

    frontEnd.parent = "comm-msg-2";
    manager.message(k.id(), json("{\"method\":\"backbone\",\"sync_data\":{\"value\":42}}"));
    assertEquals("L_K for K = 42", shown.get(2));
    manager.message(k.id(), json("{\"method\":\"backbone\",\"sync_data\":{\"value\":13}}"));
    Object err = shown.get(3);
    assertTrue(err instanceof Interact.ErrorView, "the error is shown, not thrown: " + err);
    assertTrue(
        err.toString().startsWith("java.lang.IllegalStateException: unlucky K"), err.toString());
    assertEquals(3, frontEnd.clears);
  }

  @Test
  void headlessInteractShowsOutputsInTheCellWithACaption() {
    WidgetManager headless = WidgetManager.forTest(CommChannel.NONE, shown::add);
    IntSlider k = new IntSlider(headless, "K", 1, 100, 1, 10);
    Interact in = new Interact(headless, () -> "value " + k.value(), List.of(k)).show();
    assertEquals(
        "Interactive in Jupyter (controls: K = 10); the output below shows these settings.",
        in.box().toMimeBundle().get("text/plain"));
    assertEquals(in.box(), shown.get(0));
    assertEquals("value 10", shown.get(1));
  }

  @Test
  void badSettingsAreRefusedNamingTheControl() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new IntSlider(manager, "K", 10, 1, 1, 5));
    assertTrue(e.getMessage().contains("intSlider \"K\""), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> new LogSlider(manager, "sigma", 0, 1, 10, 0.5));
    assertTrue(e.getMessage().contains("0 < min"), e.getMessage());
  }

  @Test
  void methodsAreReadFromTheWire() {
    assertEquals(
        WidgetProtocol.Method.REQUEST_STATE,
        WidgetProtocol.Method.of(json("{\"method\":\"request_state\"}")).orElseThrow());
    assertTrue(WidgetProtocol.Method.of(json("{\"method\":\"nonsense\"}")).isEmpty());
    assertTrue(WidgetProtocol.incomingState(json("{\"method\":\"custom\"}")).isEmpty());
  }
}
