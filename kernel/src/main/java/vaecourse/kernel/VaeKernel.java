package vaecourse.kernel;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import vaecourse.engine.CellResult;
import vaecourse.engine.CellStatus;
import vaecourse.engine.DisplayOutput;
import vaecourse.engine.Engine;
import vaecourse.engine.EngineConfig;
import vaecourse.engine.MimeRendering;
import vaecourse.engine.OutputSink;

/** The kernel: basekernel's messaging around the engine, IJava-style. */
public final class VaeKernel extends BaseKernel {
  private static final String RED_BOLD = "\u001b[1;31m";
  private static final String RESET = "\u001b[0m";
  private final CompletableFuture<Engine> engine = new CompletableFuture<>();
  private final LanguageInfo languageInfo;
  private final OutputSink toNotebook = new NotebookSink();

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
                  CellResult r = e.eval(script);
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

  @Override
  public DisplayData eval(String code) throws Exception {
    CellResult result = engine().eval(code, toNotebook);
    if (result.status() != CellStatus.OK) {
      throw KernelErrors.of(result.status(), result.error().orElseThrow());
    }
    return result.value().map(v -> MimeRendering.toDisplayData(v.data())).orElse(null);
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
    // A no-op when idle: Jupyter sends one before every shutdown.
    Engine e = engine.getNow(null);
    if (e != null) {
      e.interrupt();
    }
  }

  @Override
  public void onShutdown(boolean isRestarting) {
    interrupt();
  }

  /** Forwards a cell's output to the notebook as it happens. */
  private final class NotebookSink implements OutputSink {
    @Override
    public void stdout(String text) {
      getIO().out.print(text);
      getIO().out.flush();
    }

    @Override
    public void stderr(String text) {
      getIO().err.print(text);
      getIO().err.flush();
    }

    @Override
    public void display(DisplayOutput output) {
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
      if (getIO().display.isAttached()) {
        getIO().display.updateDisplay(displayId, MimeRendering.toDisplayData(data));
      }
    }
  }
}
