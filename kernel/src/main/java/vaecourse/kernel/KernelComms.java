package vaecourse.kernel;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.JupyterSocket;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageContext;
import io.github.spencerpark.jupyter.messages.comm.CommCloseCommand;
import io.github.spencerpark.jupyter.messages.comm.CommMsgCommand;
import io.github.spencerpark.jupyter.messages.comm.CommOpenCommand;
import io.github.spencerpark.jupyter.messages.publish.PublishClearOutput;
import io.github.spencerpark.jupyter.messages.publish.PublishDisplayData;
import io.github.spencerpark.jupyter.messages.publish.PublishStream;
import io.github.spencerpark.jupyter.messages.reply.CommInfoReply;
import io.github.spencerpark.jupyter.messages.request.CommInfoRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import vaecourse.engine.DisplayOutput;
import vaecourse.engine.Engine;
import vaecourse.engine.MimeRendering;
import vaecourse.engine.OutputSink;
import vaecourse.widgets.CommChannel;
import vaecourse.widgets.WidgetManager;
import vaecourse.widgets.WidgetProtocol;

/**
 * The kernel's comms, in place of basekernel's {@code CommManager} (which opens comms without
 * data): widget comms opened by notebook code, the front end's version comm, and the comm messages
 * that carry a control's new value back to the widget, whose listeners then run as notebook code.
 */
final class KernelComms implements CommChannel {
  private final JupyterSocket iopub;
  private final Supplier<Engine> engine;
  private final WidgetManager widgets;
  private final Set<String> versionComms = ConcurrentHashMap.newKeySet();
  private volatile Message<?> parent;
  private volatile ShellReplyEnvironment env;

  KernelComms(JupyterConnection connection, Supplier<Engine> engine, WidgetManager widgets) {
    this.iopub = connection.getIOPub();
    this.engine = engine;
    this.widgets = widgets;
  }

  /** Takes over the comm messages of the connection and connects the widgets to them. */
  void install(JupyterConnection connection) {
    connection.setHandler(CommOpenCommand.MESSAGE_TYPE, this::onOpen);
    connection.setHandler(CommMsgCommand.MESSAGE_TYPE, this::onMessage);
    connection.setHandler(CommCloseCommand.MESSAGE_TYPE, this::onClose);
    connection.setHandler(CommInfoRequest.MESSAGE_TYPE, this::onInfo);
    widgets.attach(this, this::runListener);
  }

  /** The request being handled now; outputs and comm messages are sent as its children. */
  void enter(ShellReplyEnvironment env, Message<?> message) {
    this.env = env;
    this.parent = message;
  }

  void leave() {
    this.env = null;
    this.parent = null;
  }

  // ------------------------------------------------------------------ front end to kernel

  private void onOpen(ShellReplyEnvironment env, Message<CommOpenCommand> message) {
    env.setBusyDeferIdle();
    enter(env, message);
    try {
      CommOpenCommand open = message.getContent();
      if (WidgetProtocol.VERSION_TARGET.equals(open.getTargetName())) {
        versionComms.add(open.getCommID());
      }
      if (!widgets.opened(open.getCommID(), open.getTargetName())) {
        env.publish(new CommCloseCommand(open.getCommID(), new JsonObject()));
      }
    } finally {
      leave();
    }
  }

  private void onMessage(ShellReplyEnvironment env, Message<CommMsgCommand> message) {
    // Busy, then idle with this message as parent: the front end sends its next change on idle.
    env.setBusyDeferIdle();
    enter(env, message);
    try {
      CommMsgCommand msg = message.getContent();
      if (!versionComms.contains(msg.getCommID())) {
        widgets.message(msg.getCommID(), msg.getData());
      }
    } finally {
      leave();
    }
  }

  private void onClose(ShellReplyEnvironment env, Message<CommCloseCommand> message) {
    env.setBusyDeferIdle();
    versionComms.remove(message.getContent().getCommID());
    widgets.closed(message.getContent().getCommID());
  }

  private void onInfo(ShellReplyEnvironment env, Message<CommInfoRequest> message) {
    env.setBusyDeferIdle();
    String target = message.getContent().getTargetName();
    widgets.commInfoRequested(target, !versionComms.isEmpty());
    Map<String, CommInfoReply.CommInfo> comms = new LinkedHashMap<>();
    if (target == null || WidgetProtocol.WIDGET_TARGET.equals(target)) {
      for (String id : widgets.commIds()) {
        comms.put(id, new CommInfoReply.CommInfo(WidgetProtocol.WIDGET_TARGET));
      }
    }
    if (target == null || WidgetProtocol.VERSION_TARGET.equals(target)) {
      for (String id : versionComms) {
        comms.put(id, new CommInfoReply.CommInfo(WidgetProtocol.VERSION_TARGET));
      }
    }
    env.reply(new CommInfoReply(comms));
  }

  /** A widget listener: run as notebook code, its output sent as children of the comm message. */
  private void runListener(Runnable listener) {
    ShellReplyEnvironment current = env;
    OutputSink sink = current == null ? OutputSink.NONE : new ReplySink(current);
    engine
        .get()
        .runCallback(listener, sink)
        .ifPresent(err -> sink.stderr(String.join("\n", err.traceback()) + "\n"));
  }

  // ------------------------------------------------------------------ kernel to front end

  @Override
  public void open(String commId, String target, JsonObject data, JsonObject metadata) {
    MessageContext context = parent;
    CommOpenCommand content = new CommOpenCommand(commId, target, data);
    iopub.sendMessage(
        new Message<>(context, CommOpenCommand.MESSAGE_TYPE, content, null, toMap(metadata)));
  }

  @Override
  public void send(String commId, JsonObject data) {
    MessageContext context = parent;
    iopub.sendMessage(
        new Message<>(context, CommMsgCommand.MESSAGE_TYPE, new CommMsgCommand(commId, data)));
  }

  @Override
  public String parentMessageId() {
    Message<?> p = parent;
    return p == null ? null : p.getHeader().getId();
  }

  @Override
  public void clearOutput() {
    ShellReplyEnvironment e = env;
    if (e != null) {
      e.publish(PublishClearOutput.BEFORE_NEXT_OUTPUT);
    }
  }

  private static Map<String, Object> toMap(JsonObject o) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> e : o.entrySet()) {
      m.put(e.getKey(), e.getValue().isJsonPrimitive() ? e.getValue().getAsString() : e.getValue());
    }
    return m;
  }

  /** Output of a listener, sent at once as children of the comm message that triggered it. */
  private static final class ReplySink implements OutputSink {
    private final ShellReplyEnvironment env;

    ReplySink(ShellReplyEnvironment env) {
      this.env = env;
    }

    @Override
    public void stdout(String text) {
      env.publish(new PublishStream(PublishStream.StreamType.OUT, text));
    }

    @Override
    public void stderr(String text) {
      env.publish(new PublishStream(PublishStream.StreamType.ERR, text));
    }

    @Override
    public void display(DisplayOutput output) {
      DisplayData data = MimeRendering.toDisplayData(output.data());
      env.publish(new PublishDisplayData(data));
    }

    @Override
    public void updateDisplay(String displayId, Map<String, Object> data) {
      DisplayData d = MimeRendering.toDisplayData(data);
      d.setDisplayId(displayId);
      env.publish(new PublishDisplayData(d));
    }
  }
}
