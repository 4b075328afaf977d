package vaecourse.kernel;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
  private final Engine engine;
  private final LanguageInfo languageInfo;
  private final OutputSink toNotebook = new NotebookSink();

  /** Starts the engine; the connection is attached later by {@link Main}. */
  public VaeKernel(EngineConfig config) {
    super(StandardCharsets.UTF_8);
    // The engine routes System.out/err itself, per cell and across threads.
    setShouldReplaceStdStreams(false);
    this.engine = Engine.create(config, getRenderer());
    engine.setIdleSink(toNotebook);
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

  Engine engine() {
    return engine;
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
            "https://docs.oracle.com/en/java/javase/" + Runtime.version().feature()
                + "/docs/api/index.html"));
  }

  @Override
  public DisplayData eval(String code) throws Exception {
    CellResult result = engine.eval(code, toNotebook);
    if (result.status() != CellStatus.OK) {
      throw KernelErrors.of(result.status(), result.error().orElseThrow());
    }
    return result.value().map(v -> MimeRendering.toDisplayData(v.data())).orElse(null);
  }

  /** Evaluates a startup script; failures are returned as text for the kernel's log. */
  String evalStartup(String code) {
    CellResult result = engine.eval(code, toNotebook);
    return result.error().map(e -> String.join("\n", e.traceback())).orElse(null);
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
    Engine.Completion c = engine.complete(code, at);
    return c.options().isEmpty() ? null : new ReplacementOptions(c.options(), c.start(), c.end());
  }

  @Override
  public DisplayData inspect(String code, int at, boolean extraDetail) {
    String doc = engine.documentation(code, at);
    return doc.isEmpty() ? null : new DisplayData(doc);
  }

  @Override
  public String isComplete(String code) {
    switch (engine.completeness(code)) {
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
    engine.interrupt(); // a no-op when idle: Jupyter sends one before every shutdown
  }

  @Override
  public void onShutdown(boolean isRestarting) {
    engine.interrupt();
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
