package vaecourse.widgets;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import vaecourse.widgets.WidgetProtocol.Version;

/**
 * The widgets of this process and the front end they talk to. The kernel installs its comms with
 * {@link #attach}; without them (grader, headless run) widgets still work in Java and show their
 * static fallback.
 *
 * <p>Which protocol version is spoken is learnt from the front end: a version-1 front end opens the
 * {@link WidgetProtocol#VERSION_TARGET} comm; a version-2 one asks for the comms of {@link
 * WidgetProtocol#WIDGET_TARGET} without opening it. With neither (nbclient, which mimics a
 * version-2 front end without showing anything, or no front end at all) the manager speaks version
 * 2 and {@link #live()} is false: outputs then stay in the cell rather than in output widgets, so a
 * saved notebook, its HTML and its PDF keep the static figures.
 */
public final class WidgetManager {
  private static final WidgetManager INSTANCE = new WidgetManager();

  private final Map<String, Widget> widgets = new ConcurrentHashMap<>();
  private volatile CommChannel channel = CommChannel.NONE;
  private volatile Version version = Version.V2;
  private volatile boolean live;
  private volatile Consumer<Object> displayer =
      value -> vaecourse.engine.Engine.active().display(value);
  private volatile CallbackRunner callbacks = Runnable::run;

  /** Runs a widget's listeners; the kernel runs them as notebook code (output, stop, errors). */
  @FunctionalInterface
  public interface CallbackRunner {
    void run(Runnable listener);
  }

  WidgetManager() {}

  /** The manager of this process. */
  public static WidgetManager get() {
    return INSTANCE;
  }

  /** A manager of its own, for tests. */
  public static WidgetManager forTest(CommChannel channel, Consumer<Object> displayer) {
    WidgetManager m = new WidgetManager();
    m.channel = channel;
    m.displayer = displayer;
    return m;
  }

  /** Connects the manager to a front end's comms and says how listeners run. */
  public void attach(CommChannel channel, CallbackRunner callbacks) {
    this.channel = channel;
    this.callbacks = callbacks;
  }

  public CommChannel channel() {
    return channel;
  }

  /** The protocol version spoken now. */
  public Version version() {
    return version;
  }

  /** Whether a front end that renders widgets is known to be connected. */
  public boolean live() {
    return live;
  }

  /** Whether outputs are routed into output widgets (a live front end) or shown in the cell. */
  boolean capturesOutput() {
    return live;
  }

  /**
   * A comm opened by the front end. Answers the version comm ({@link
   * WidgetProtocol#VERSION_TARGET}) and switches to protocol version 1.
   *
   * @return whether the target is known (otherwise the kernel closes the comm)
   */
  public boolean opened(String commId, String target) {
    if (WidgetProtocol.VERSION_TARGET.equals(target)) {
      version = Version.V1;
      live = true;
      channel.send(commId, WidgetProtocol.versionReply());
      return true;
    }
    return WidgetProtocol.WIDGET_TARGET.equals(target);
  }

  /**
   * The front end asked which comms exist for a target: a version-2 front end does so on start, a
   * version-1 one as well but it opens the version comm first.
   */
  public void commInfoRequested(String target, boolean versionCommSeen) {
    if (WidgetProtocol.WIDGET_TARGET.equals(target) && !versionCommSeen) {
      version = Version.V2;
      live = true;
    }
  }

  /** The ids of the open widget comms. */
  public List<String> commIds() {
    return new ArrayList<>(widgets.keySet());
  }

  /** A message from the front end on a widget's comm; unknown comms are ignored. */
  public void message(String commId, JsonObject data) {
    Widget w = widgets.get(commId);
    if (w == null) {
      return;
    }
    WidgetProtocol.Method.of(data)
        .ifPresent(
            method -> {
              switch (method) {
                case REQUEST_STATE:
                  channel.send(commId, WidgetProtocol.update(w.version(), w.fullState()));
                  break;
                case CUSTOM:
                  WidgetProtocol.customContent(data)
                      .ifPresent(c -> callbacks.run(() -> w.custom(c)));
                  break;
                default:
                  WidgetProtocol.incomingState(data)
                      .ifPresent(patch -> callbacks.run(() -> w.fromFrontEnd(patch)));
                  break;
              }
            });
  }

  /** The front end closed a widget's comm. */
  public void closed(String commId) {
    widgets.remove(commId);
  }

  // ------------------------------------------------------------------ for widgets

  void register(Widget w) {
    widgets.put(w.id(), w);
    channel.open(
        w.id(),
        WidgetProtocol.WIDGET_TARGET,
        WidgetProtocol.openData(w.version(), w.fullState()),
        WidgetProtocol.openMetadata(w.version()));
  }

  void sendUpdate(Widget w, JsonObject patch) {
    channel.send(w.id(), WidgetProtocol.update(w.version(), patch));
  }

  void sendDisplay(Widget w) {
    if (w.version() == Version.V1 && live) {
      channel.send(w.id(), WidgetProtocol.displayMessage());
    }
  }

  void show(Object value) {
    displayer.accept(value);
  }

  Widget widget(String id) {
    return widgets.get(id);
  }
}
