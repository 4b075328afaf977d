package vaecourse.engine;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.common.Image;
import io.github.spencerpark.jupyter.kernel.display.common.Text;
import io.github.spencerpark.jupyter.kernel.display.common.Url;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns values into MIME bundles. Objects with a public no-arg {@code Map<String, String>
 * toMimeBundle()} (the course library's figures, grids and tables) use it; everything else goes
 * through IJava's renderer (text, images, {@code DisplayData} from {@code render(...)}).
 */
public final class MimeRendering {
  static final String TEXT_PLAIN = "text/plain";
  private static final String WIDGET_VIEW = vaecourse.widgets.WidgetProtocol.VIEW_MIME;
  private static final Field DISPLAY_DATA_FIELD = dataField();

  private final Renderer renderer;

  /** Uses the given renderer (the kernel's) for values without {@code toMimeBundle()}. */
  public MimeRendering(Renderer renderer) {
    this.renderer = renderer;
  }

  /** A renderer that knows images, URLs and text as the kernel's (and IJava's) does. */
  public static Renderer defaultRenderer() {
    Renderer r = new Renderer();
    Image.registerAll(r);
    Url.registerAll(r);
    Text.registerAll(r);
    return r;
  }

  public Renderer renderer() {
    return renderer;
  }

  /**
   * The MIME bundle of a value.
   *
   * @param value any object, possibly null
   * @param as MIME types to restrict to (none: all the object offers)
   */
  public Map<String, Object> render(Object value, String... as) {
    Map<String, Object> bundle = new LinkedHashMap<>();
    if (value == null) {
      bundle.put(TEXT_PLAIN, "null");
      return bundle;
    }
    if (value instanceof DisplayData) {
      return dataOf((DisplayData) value);
    }
    Map<String, Object> own = mimeBundle(value);
    if (own != null) {
      if (as.length > 0) {
        own.keySet().retainAll(Arrays.asList(as));
      }
      // A widget view shown to jupyter-js-widgets 2.x carries no text: any would show twice.
      boolean widgetView = own.containsKey(WIDGET_VIEW);
      if (own.isEmpty() || (as.length == 0 && !widgetView && !own.containsKey(TEXT_PLAIN))) {
        own.put(TEXT_PLAIN, String.valueOf(value));
      }
      return own;
    }
    DisplayData data = as.length == 0 ? renderer.render(value) : renderer.renderAs(value, as);
    return dataOf(data);
  }

  /** The same bundle as IJava's {@code DisplayData}. */
  public static DisplayData toDisplayData(Map<String, Object> bundle) {
    DisplayData data = new DisplayData();
    bundle.forEach(data::putData);
    return data;
  }

  /** The data of a {@code DisplayData}, in insertion order. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> dataOf(DisplayData data) {
    try {
      return new LinkedHashMap<>((Map<String, Object>) DISPLAY_DATA_FIELD.get(data));
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read DisplayData.data", e);
    }
  }

  /** The result of {@code toMimeBundle()} as a mutable map, or null when the value has none. */
  static Map<String, Object> mimeBundle(Object value) {
    Method method;
    try {
      method = value.getClass().getMethod("toMimeBundle");
    } catch (NoSuchMethodException e) {
      return null;
    }
    if (!Map.class.isAssignableFrom(method.getReturnType())) {
      return null;
    }
    Map<?, ?> raw;
    try {
      method.setAccessible(true); // a class declared in a cell or a non-public library class
      raw = (Map<?, ?>) method.invoke(value);
    } catch (ReflectiveOperationException | RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      Map<String, Object> failed = new LinkedHashMap<>();
      failed.put(TEXT_PLAIN, value.getClass().getName() + ".toMimeBundle() failed: " + cause);
      return failed;
    }
    if (raw == null) {
      return null;
    }
    Map<String, Object> bundle = new LinkedHashMap<>();
    raw.forEach(
        (k, v) -> {
          if (k != null && v != null) {
            // JSON content (a widget view) stays JSON; everything else is text.
            bundle.put(
                String.valueOf(k),
                v instanceof com.google.gson.JsonElement ? v : String.valueOf(v));
          }
        });
    return bundle;
  }

  private static Field dataField() {
    try {
      Field f = DisplayData.class.getDeclaredField("data");
      f.setAccessible(true);
      return f;
    } catch (NoSuchFieldException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
