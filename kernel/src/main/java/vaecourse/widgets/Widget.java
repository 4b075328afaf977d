package vaecourse.widgets;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import vaecourse.widgets.WidgetProtocol.ModuleKind;
import vaecourse.widgets.WidgetProtocol.Version;

/**
 * A widget model: its comm id, its state, and how that state reads in each protocol version. Shown
 * with {@code display(widget)} or as a cell's value.
 */
public abstract class Widget {
  /** The style model a control carries, by protocol version. */
  enum StyleKind {
    NONE,
    SLIDER,
    DESCRIPTION,
    BUTTON
  }

  private final WidgetManager manager;
  private final String id = UUID.randomUUID().toString().replace("-", "");
  private final Version version;
  private final Widget layout;
  private final Widget style;

  /** A DOM widget: opens its layout and style models, then its own comm. */
  Widget(WidgetManager manager, StyleKind styleKind) {
    this(manager, styleKind, true);
  }

  Widget(WidgetManager manager, StyleKind styleKind, boolean dom) {
    this.manager = manager;
    this.version = manager.version();
    this.layout = dom ? new Part(manager, "LayoutModel", "LayoutView", ModuleKind.BASE) : null;
    String styleModel = styleModel(styleKind, version);
    this.style =
        dom && styleModel != null
            ? new Part(manager, styleModel, "StyleView", ModuleKind.CONTROLS)
            : null;
  }

  /** Registers the widget with its manager (called by each concrete constructor, last). */
  final void open() {
    manager.register(this);
  }

  private static String styleModel(StyleKind kind, Version v) {
    switch (kind) {
      case SLIDER:
        return "SliderStyleModel";
      case BUTTON:
        return "ButtonStyleModel";
      case DESCRIPTION:
        return v == Version.V2 ? "DescriptionStyleModel" : null;
      default:
        return null;
    }
  }

  /** The comm id, which is also the model id. */
  public final String id() {
    return id;
  }

  final Version version() {
    return version;
  }

  final WidgetManager manager() {
    return manager;
  }

  /** The JavaScript model class, e.g. {@code IntSliderModel}. */
  abstract String modelName();

  /** The JavaScript view class, e.g. {@code IntSliderView}. */
  abstract String viewName();

  /** The module of the model and view classes. */
  ModuleKind module() {
    return ModuleKind.CONTROLS;
  }

  /** The module of the view class (style views live in base in version 2). */
  ModuleKind viewModule() {
    return module();
  }

  /** Writes the widget's own state (value, bounds, description, ...). */
  abstract void writeState(JsonObject state);

  /** State the front end changed. */
  void fromFrontEnd(JsonObject patch) {}

  /** A custom message from the front end. */
  void custom(JsonObject content) {}

  /** The whole state, as sent in {@code comm_open} and in answer to {@code request_state}. */
  final JsonObject fullState() {
    JsonObject s = new JsonObject();
    s.addProperty(WidgetProtocol.MODEL_MODULE, version.module(module()));
    s.addProperty(WidgetProtocol.MODEL_MODULE_VERSION, version.moduleVersion(module()));
    s.addProperty(WidgetProtocol.MODEL_NAME, modelName());
    s.addProperty(WidgetProtocol.VIEW_MODULE, version.module(viewModule()));
    s.addProperty(WidgetProtocol.VIEW_MODULE_VERSION, version.moduleVersion(viewModule()));
    s.addProperty(WidgetProtocol.VIEW_NAME, viewName());
    if (version == Version.V1) {
      s.addProperty("msg_throttle", 1);
    }
    if (layout != null) {
      s.add("_dom_classes", new JsonArray());
      s.addProperty("layout", reference(layout));
      if (version == Version.V2) {
        s.add("_view_count", JsonNull.INSTANCE);
      }
    }
    if (style != null) {
      s.addProperty("style", reference(style));
    }
    writeState(s);
    return s;
  }

  /** Sends the widget's own state to the front end after a change made in Java. */
  final void sync() {
    JsonObject s = new JsonObject();
    writeState(s);
    manager.sendUpdate(this, s);
  }

  static String reference(Widget w) {
    return WidgetProtocol.MODEL_REFERENCE + w.id();
  }

  /**
   * The output that shows this widget: its view, and for a notebook read without a live front end a
   * line saying it is interactive in Jupyter. Version 1 also asks the front end to show the view.
   */
  public Map<String, Object> toMimeBundle() {
    manager.sendDisplay(this);
    Map<String, Object> bundle = new LinkedHashMap<>();
    bundle.put(WidgetProtocol.VIEW_MIME, WidgetProtocol.view(version, id));
    if (!(manager.live() && version == Version.V1)) {
      // jupyter-js-widgets 2.x has no renderer for the view type: any other type would show twice.
      bundle.put("text/plain", fallbackText());
    }
    return bundle;
  }

  /** What a reader without widgets sees in place of the view. */
  String fallbackText() {
    return modelName().replace("Model", "") + " widget (interactive in Jupyter)";
  }

  @Override
  public String toString() {
    return fallbackText();
  }

  /** A layout or style model: state of its own, no view of its own. */
  private static final class Part extends Widget {
    private final String model;
    private final String view;
    private final ModuleKind kind;

    Part(WidgetManager manager, String model, String view, ModuleKind kind) {
      super(manager, StyleKind.NONE, false);
      this.model = model;
      this.view = view;
      this.kind = kind;
      open();
    }

    @Override
    String modelName() {
      return model;
    }

    @Override
    String viewName() {
      return view;
    }

    @Override
    ModuleKind module() {
      return kind;
    }

    @Override
    ModuleKind viewModule() {
      return "StyleView".equals(view) ? ModuleKind.BASE : kind;
    }

    @Override
    void writeState(JsonObject state) {
      if ("SliderStyleModel".equals(model)) {
        state.add("handle_color", JsonNull.INSTANCE);
      } else if ("ButtonStyleModel".equals(model)) {
        state.add("button_color", JsonNull.INSTANCE);
        state.addProperty("font_weight", "");
      }
      if (version() == Version.V2
          && !"LayoutModel".equals(model)
          && !"ButtonStyleModel".equals(model)) {
        state.addProperty("description_width", "");
      }
    }
  }
}
