package vaecourse.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.ShellHandler;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.request.ExecuteRequest;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import vaecourse.engine.CellResult;
import vaecourse.engine.CellStatus;
import vaecourse.engine.DisplayOutput;
import vaecourse.engine.Engine;
import vaecourse.engine.EngineConfig;
import vaecourse.engine.MimeRendering;
import vaecourse.engine.OutputSink;
import vaecourse.widgets.WidgetManager;

/** The kernel: basekernel's messaging around the engine, IJava-style. */
public final class VaeKernel extends BaseKernel {
  private static final String RED_BOLD = "\u001b[1;31m";
  private static final String RESET = "\u001b[0m";
  private final CompletableFuture<Engine> engine = new CompletableFuture<>();
  private final LanguageInfo languageInfo;

  /** How often printed text is sent to the notebook while a cell runs. */
  static final long STREAM_FLUSH_MILLIS = 100;

  /** Text printed between requests is kept up to this many characters. */
  private static final int MAX_PENDING_CHARS = 1 << 20;

  private final NotebookSink toNotebook = new NotebookSink();
  private volatile boolean busy;
  private volatile boolean interruptedBeforeStart;

  /**
   * Starts the engine on a thread of its own, so that the kernel answers Jupyter's handshake while
   * JShell warms up; the first cell waits for it.
   *
   * @param config the engine's settings
   * @param startupScripts code run before the first cell (IJAVA_STARTUP_SCRIPTS_PATH)
   * @param log where startup problems are reported (the kernel's stderr)
   */
  public VaeKernel(EngineConfig config, List<String> startupScripts, PrintStream log) {
    super(StandardCharsets.UTF_8);
    // The engine routes System.out/err itself, per cell and across threads.
    setShouldReplaceStdStreams(false);
    Thread starter =
        new Thread(
            () -> {
              try {
                Engine e = Engine.create(config, getRenderer());
                e.setIdleSink(toNotebook);
                for (String script : startupScripts) {
                  CellResult r = e.evalUntimed(script);
                  r.error()
                      .ifPresent(
                          err ->
                              log.println(
                                  "[vae-java kernel] a startup script failed:\n"
                                      + String.join("\n", err.traceback())));
                }
                engine.complete(e);
              } catch (RuntimeException | Error e) {
                log.println("[vae-java kernel] the Java engine did not start: " + e);
                engine.completeExceptionally(e);
              }
            },
            "engine-start");
    starter.setDaemon(true);
    starter.start();
    String version = Runtime.version().toString();
    this.languageInfo =
        new LanguageInfo.Builder("Java")
            .version(version)
            .mimetype("text/x-java-source")
            .fileExtension(".jshell")
            .pygments("java")
            .codemirror("java")
            .build();
  }

  /** The engine, once started. */
  Engine engine() {
    return engine.join();
  }

  @Override
  public LanguageInfo getLanguageInfo() {
    return languageInfo;
  }

  @Override
  public String getBanner() {
    return "Java " + Runtime.version() + " (VAE course kernel, IJava-compatible)";
  }

  @Override
  public List<LanguageInfo.Help> getHelpLinks() {
    return List.of(
        new LanguageInfo.Help(
            "Java " + Runtime.version().feature() + " API",
            "https://docs.oracle.com/en/java/javase/"
                + Runtime.version().feature()
                + "/docs/api/index.html"));
  }

  /**
   * Takes the connection's messages, and marks the kernel busy from the moment an execute request
   * is read (not only once {@link #eval} runs), so that an interrupt sent right after the request
   * is not mistaken for an idle one.
   */
  public void attach(JupyterConnection connection) {
    becomeHandlerForConnection(connection);
    KernelComms comms = new KernelComms(connection, this::engine, WidgetManager.get());
    comms.install(connection);
    ShellHandler<ExecuteRequest> execute = connection.getHandler(MessageType.EXECUTE_REQUEST);
    connection.setHandler(
        MessageType.EXECUTE_REQUEST,
        (env, message) -> {
          busy = true;
          comms.enter(env, message);
          try {
            execute.handle(env, message);
          } finally {
            comms.leave();
            busy = false;
          }
        });
  }

  @Override
  public DisplayData eval(String code) throws Exception {
    busy = true;
    Engine e = null;
    try {
      e = engine();
      if (interruptedBeforeStart) {
        interruptedBeforeStart = false;
        e.interruptCurrentOrNext();
      }
      CellResult result = e.eval(code, toNotebook);
      toNotebook.flush();
      if (result.status() != CellStatus.OK) {
        throw KernelErrors.of(result.status(), result.error().orElseThrow());
      }
      return result.value().map(v -> MimeRendering.toDisplayData(v.data())).orElse(null);
    } finally {
      busy = false;
      interruptedBeforeStart = false;
      if (e != null) {
        e.clearPendingInterrupt();
      }
    }
  }

  @Override
  public List<String> formatError(Exception e) {
    if (e instanceof KernelErrors.Failure) {
      List<String> lines = new ArrayList<>();
      List<String> tb = ((KernelErrors.Failure) e).traceback();
      for (int i = 0; i < tb.size(); i++) {
        lines.add(i == 0 ? RED_BOLD + tb.get(i) + RESET : tb.get(i));
      }
      return lines;
    }
    return super.formatError(e);
  }

  @Override
  public ReplacementOptions complete(String code, int at) {
    Engine.Completion c = engine().complete(code, at);
    return c.options().isEmpty() ? null : new ReplacementOptions(c.options(), c.start(), c.end());
  }

  @Override
  public DisplayData inspect(String code, int at, boolean extraDetail) {
    String doc = engine().documentation(code, at);
    return doc.isEmpty() ? null : new DisplayData(doc);
  }

  @Override
  public String isComplete(String code) {
    switch (engine().completeness(code)) {
      case "complete":
        return IS_COMPLETE_YES;
      case "invalid":
        return IS_COMPLETE_BAD;
      default:
        return ""; // incomplete, no extra indent
    }
  }

  @Override
  public void interrupt() {
    // A no-op when idle: Jupyter sends one before every shutdown. When busy, the cell may not
    // have started yet (the engine still starting, the cell still compiling): it is stopped as
    // soon as it starts.
    if (!busy) {
      return;
    }
    Engine e = engine.getNow(null);
    if (e != null) {
      e.interruptCurrentOrNext();
    } else {
      interruptedBeforeStart = true;
    }
  }

  @Override
  public void onShutdown(boolean isRestarting) {
    Engine e = engine.getNow(null);
    if (e != null) {
      e.interrupt();
    }
  }

  /**
   * Forwards a cell's output to the notebook. Text is batched and sent every {@link
   * #STREAM_FLUSH_MILLIS} (and before any display or the end of the cell), as IPython does: a loop
   * printing a line per step becomes a few stream messages, not thousands of one-line outputs in
   * the saved notebook and its PDF. Text printed while no request is running waits for the next
   * one.
   */
  private final class NotebookSink implements OutputSink {
    private final StringBuilder pendingOut = new StringBuilder();
    private final StringBuilder pendingErr = new StringBuilder();

    NotebookSink() {
      ScheduledExecutorService flusher =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "stream-flusher");
                t.setDaemon(true);
                return t;
              });
      flusher.scheduleWithFixedDelay(
          this::flush, STREAM_FLUSH_MILLIS, STREAM_FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stdout(String text) {
      append(pendingOut, text);
    }

    @Override
    public void stderr(String text) {
      append(pendingErr, text);
    }

    private synchronized void append(StringBuilder pending, String text) {
      if (pending.length() < MAX_PENDING_CHARS) {
        pending.append(text);
      }
    }

    /** Sends the text gathered so far, if a request is running to attach it to. */
    void flush() {
      String out;
      String err;
      synchronized (this) {
        if (!getIO().isAttached() || (pendingOut.length() == 0 && pendingErr.length() == 0)) {
          return;
        }
        out = pendingOut.toString();
        err = pendingErr.toString();
        pendingOut.setLength(0);
        pendingErr.setLength(0);
        // Sent under the lock so that two flushes cannot reorder a cell's text.
        if (!out.isEmpty()) {
          getIO().out.print(out);
          getIO().out.flush();
        }
        if (!err.isEmpty()) {
          getIO().err.print(err);
          getIO().err.flush();
        }
      }
    }

    @Override
    public void display(DisplayOutput output) {
      flush();
      DisplayData data = MimeRendering.toDisplayData(output.data());
      if (output.displayId() != null) {
        data.setDisplayId(output.displayId());
      }
      if (getIO().display.isAttached()) {
        VaeKernel.this.display(data);
      }
    }

    @Override
    public void updateDisplay(String displayId, Map<String, Object> data) {
      flush();
      if (getIO().display.isAttached()) {
        getIO().display.updateDisplay(displayId, MimeRendering.toDisplayData(data));
      }
    }
  }
}
