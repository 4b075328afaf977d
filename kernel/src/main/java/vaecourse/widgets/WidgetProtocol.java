package vaecourse.widgets;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Locale;
import java.util.Optional;

/**
 * The Jupyter widget protocol, written once for the kernel and the widgets: comm targets, message
 * methods, and the shape of each message in both protocol versions.
 *
 * <ul>
 *   <li><b>Version 1</b> (ipywidgets 6, jupyter-js-widgets 2.1 in the classic Notebook): the front
 *       end opens a {@link #VERSION_TARGET} comm and the kernel answers {@code {"version":
 *       "~2.1.4"}}; a widget's {@code comm_open} carries its state as the data itself; the kernel
 *       sends {@code {"method":"update","state":..}}, the front end {@code
 *       {"method":"backbone","sync_data":..}}; a view is shown by {@code {"method":"display"}} on
 *       the widget's comm.
 *   <li><b>Version 2</b> (ipywidgets 7, JupyterLab and Notebook 5.3+): {@code comm_open} carries
 *       {@code {"state":..,"buffer_paths":[]}} with metadata {@code {"version":"2.0.0"}}; both
 *       sides send {@code update}; a view is shown by a {@link #VIEW_MIME} output only.
 * </ul>
 *
 * <p>Both versions answer {@code request_state} with a full {@code update}, and pass a button's
 * click as {@code {"method":"custom","content":{"event":"click"}}}.
 */
public final class WidgetProtocol {
  /** Comm target of every widget model. */
  public static final String WIDGET_TARGET = "jupyter.widget";

  /** Comm target the version-1 front end opens to check the kernel's expected version. */
  public static final String VERSION_TARGET = "jupyter.widget.version";

  /** The MIME type of an output that shows a widget's view. */
  public static final String VIEW_MIME = "application/vnd.jupyter.widget-view+json";

  /** The MIME type of saved widget state (notebook metadata). */
  public static final String STATE_MIME = "application/vnd.jupyter.widget-state+json";

  /** Message member: the {@link Method}. */
  public static final String METHOD = "method";

  /** Message member: widget state (updates, and version 2's comm_open). */
  public static final String STATE = "state";

  /** Version-1 backbone member: the changed state. */
  public static final String SYNC_DATA = "sync_data";

  /** Version-1 member naming binary buffers (none here). */
  public static final String BUFFER_KEYS = "buffer_keys";

  /** Version-1 update member naming binary buffers (none here). */
  public static final String BUFFERS = "buffers";

  /** Version-2 member naming binary buffers (none here). */
  public static final String BUFFER_PATHS = "buffer_paths";

  /** Custom message member: the widget-specific content. */
  public static final String CONTENT = "content";

  /** Custom content member: the event ({@link #CLICK} for a button). */
  public static final String EVENT = "event";

  /** A button's click event. */
  public static final String CLICK = "click";

  /** Version comm member: the semver range the kernel expects of the front end. */
  public static final String VERSION = "version";

  /** Version comm member: whether the front end satisfies it. */
  public static final String VALIDATED = "validated";

  /** Version comm member: the front end's version. */
  public static final String FRONTEND_VERSION = "frontend_version";

  /** View member: the model to show. */
  public static final String MODEL_ID = "model_id";

  /** State member: the model's JavaScript class. */
  public static final String MODEL_NAME = "_model_name";

  /** State member: the view's JavaScript class. */
  public static final String VIEW_NAME = "_view_name";

  /** State member: the module of the model class. */
  public static final String MODEL_MODULE = "_model_module";

  /** State member: the module of the view class. */
  public static final String VIEW_MODULE = "_view_module";

  /** State member: the semver range of the model module. */
  public static final String MODEL_MODULE_VERSION = "_model_module_version";

  /** State member: the semver range of the view module. */
  public static final String VIEW_MODULE_VERSION = "_view_module_version";

  /** A reference from one model's state to another: this prefix and the model id. */
  public static final String MODEL_REFERENCE = "IPY_MODEL_";

  private WidgetProtocol() {}

  /** What a message asks for. */
  public enum Method {
    /** State from the kernel (both versions), or from a version-2 front end. */
    UPDATE,
    /** State from a version-1 front end. */
    BACKBONE,
    /** Version 1: show a view of this model below the cell the message belongs to. */
    DISPLAY,
    /** The front end asks for the whole state. */
    REQUEST_STATE,
    /** A widget-specific message (a button's click). */
    CUSTOM;

    /** The word on the wire, e.g. {@code "request_state"}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The method of a comm message's data, empty when it names none we know. */
    public static Optional<Method> of(JsonObject data) {
      JsonElement m = data == null ? null : data.get(METHOD);
      if (m == null || !m.isJsonPrimitive()) {
        return Optional.empty();
      }
      for (Method method : values()) {
        if (method.wireName().equals(m.getAsString())) {
          return Optional.of(method);
        }
      }
      return Optional.empty();
    }
  }

  /** The two protocol versions, with the JavaScript modules each front end loads. */
  public enum Version {
    /** ipywidgets 6 / jupyter-js-widgets 2.x. */
    V1(
        "jupyter-js-widgets",
        "~2.1.4",
        "jupyter-js-widgets",
        "~2.1.4",
        "jupyter-js-widgets",
        "~2.1.4"),
    /** ipywidgets 7 / @jupyter-widgets 1.x. */
    V2(
        "@jupyter-widgets/controls",
        "1.5.0",
        "@jupyter-widgets/base",
        "1.2.0",
        "@jupyter-widgets/output",
        "1.0.0");

    private final String controls;
    private final String controlsVersion;
    private final String base;
    private final String baseVersion;
    private final String output;
    private final String outputVersion;

    Version(
        String controls,
        String controlsVersion,
        String base,
        String baseVersion,
        String output,
        String outputVersion) {
      this.controls = controls;
      this.controlsVersion = controlsVersion;
      this.base = base;
      this.baseVersion = baseVersion;
      this.output = output;
      this.outputVersion = outputVersion;
    }

    /** The module and version range of a kind of model in this version, e.g. controls. */
    String module(ModuleKind kind) {
      switch (kind) {
        case BASE:
          return base;
        case OUTPUT:
          return output;
        default:
          return controls;
      }
    }

    String moduleVersion(ModuleKind kind) {
      switch (kind) {
        case BASE:
          return baseVersion;
        case OUTPUT:
          return outputVersion;
        default:
          return controlsVersion;
      }
    }

    /** The semver range a version-1 kernel asks of the front end ({@code "~2.1.4"}). */
    public String frontendRange() {
      return controlsVersion;
    }
  }

  /** Which JavaScript module a model class lives in. */
  enum ModuleKind {
    CONTROLS,
    BASE,
    OUTPUT
  }

  // ------------------------------------------------------------------ kernel to front end

  /** The data of a widget's {@code comm_open}. */
  public static JsonObject openData(Version v, JsonObject state) {
    if (v == Version.V1) {
      return state.deepCopy();
    }
    JsonObject data = new JsonObject();
    data.add(STATE, state.deepCopy());
    data.add(BUFFER_PATHS, new JsonArray());
    return data;
  }

  /** The metadata of a widget's {@code comm_open}: empty in version 1. */
  public static JsonObject openMetadata(Version v) {
    JsonObject meta = new JsonObject();
    if (v == Version.V2) {
      meta.addProperty(VERSION, "2.0.0");
    }
    return meta;
  }

  /** A state update from the kernel. */
  public static JsonObject update(Version v, JsonObject state) {
    JsonObject data = new JsonObject();
    data.addProperty(METHOD, Method.UPDATE.wireName());
    data.add(STATE, state.deepCopy());
    data.add(v == Version.V1 ? BUFFERS : BUFFER_PATHS, new JsonArray());
    return data;
  }

  /** Version 1's request to show a view of the comm's model. */
  public static JsonObject displayMessage() {
    JsonObject data = new JsonObject();
    data.addProperty(METHOD, Method.DISPLAY.wireName());
    return data;
  }

  /** The kernel's answer on the version comm. */
  public static JsonObject versionReply() {
    JsonObject data = new JsonObject();
    data.addProperty(VERSION, Version.V1.frontendRange());
    return data;
  }

  /** The content of a {@link #VIEW_MIME} output. */
  public static JsonObject view(Version v, String modelId) {
    JsonObject view = new JsonObject();
    view.addProperty(MODEL_ID, modelId);
    if (v == Version.V2) {
      view.addProperty("version_major", 2);
      view.addProperty("version_minor", 0);
    }
    return view;
  }

  // ------------------------------------------------------------------ front end to kernel

  /**
   * The state a front-end message changes: {@code sync_data} of a version-1 backbone, {@code state}
   * of a version-2 update; empty for other messages.
   */
  public static Optional<JsonObject> incomingState(JsonObject data) {
    Optional<Method> m = Method.of(data);
    String key;
    if (m.equals(Optional.of(Method.BACKBONE))) {
      key = SYNC_DATA;
    } else if (m.equals(Optional.of(Method.UPDATE))) {
      key = STATE;
    } else {
      return Optional.empty();
    }
    JsonElement e = data.get(key);
    return e != null && e.isJsonObject() ? Optional.of(e.getAsJsonObject()) : Optional.empty();
  }

  /** The content of a custom message, empty for other messages. */
  public static Optional<JsonObject> customContent(JsonObject data) {
    if (!Method.of(data).equals(Optional.of(Method.CUSTOM))) {
      return Optional.empty();
    }
    JsonElement e = data.get(CONTENT);
    return e != null && e.isJsonObject() ? Optional.of(e.getAsJsonObject()) : Optional.empty();
  }

  /** Whether the version comm's message says the front end is compatible. */
  public static boolean validated(JsonObject data) {
    JsonElement e = data == null ? null : data.get(VALIDATED);
    return e != null && e.isJsonPrimitive() && e.getAsBoolean();
  }
}
