package vaecourse.engine;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;

/**
 * Executes notebook cells on an in-process JShell.
 *
 * <p>A cell is split into magics and Java snippets (with JShell's own completeness analysis); each
 * snippet runs on a fresh thread that a timeout or an interrupt can stop. What a cell prints, what
 * it displays and its value are kept apart, per cell and per snippet. Failures come back as the
 * user's compile error (message and cell line) or exception (user frames only); a timeout, an
 * interrupt, {@code System.exit}, running out of heap and too much output each get their own
 * status, and the engine carries on with the next cell.
 *
 * <p>One engine per process: it replaces {@code System.out}, {@code System.err} and {@code
 * System.in}, and hears of the exit calls of cell code ({@link StopCheck}). Not for concurrent use,
 * except {@link #interrupt()}.
 */
public final class Engine implements AutoCloseable {
  /** Imports every cell sees: JShell's defaults plus IJava's display functions. */
  static final String STARTUP_IMPORTS =
      String.join(
          "\n",
          "import java.io.*;",
          "import java.math.*;",
          "import java.net.*;",
          "import java.nio.file.*;",
          "import java.util.*;",
          "import java.util.concurrent.*;",
          "import java.util.function.*;",
          "import java.util.prefs.*;",
          "import java.util.regex.*;",
          "import java.util.stream.*;",
          "import static io.github.spencerpark.ijava.runtime.Display.display;",
          "import static io.github.spencerpark.ijava.runtime.Display.render;",
          "import static io.github.spencerpark.ijava.runtime.Display.updateDisplay;");

  private static volatile Engine active;

  private final EngineConfig config;
  private final MimeRendering rendering;
  private final StreamRouter router;
  private final UserCodeControl control;
  private final JShell shell;
  private final SourceCodeAnalysis analysis;
  private final CodeAssist assist;
  private final ScheduledExecutorService watchdog;
  private final Magics magics;
  private final Map<String, Traces.Origin> origins = new ConcurrentHashMap<>();
  private final Set<String> classPath = new LinkedHashSet<>();
  private volatile OutputSink idleSink = OutputSink.NONE;
  private volatile CellRun running;
  private final Object stateLock = new Object();
  private boolean interruptPending;
  private int cellCount;

  private Engine(EngineConfig config, Renderer renderer) {
    this.config = config;
    this.rendering = new MimeRendering(renderer);
    this.router = StreamRouter.install();
    StopCheck.onExit(Engine::exitCalled);
    this.control = new UserCodeControl();
    this.shell =
        JShell.builder()
            .executionEngine(control.provider(), Map.of())
            .out(System.out)
            .err(System.err)
            .in(InputStream.nullInputStream())
            .compilerOptions(config.compilerOptions().toArray(String[]::new))
            .build();
    this.watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "cell-watchdog");
              t.setDaemon(true);
              return t;
            });
    this.magics = new Magics(this);
    for (String entry : ownClassPath()) {
      addToClasspath(entry);
    }
    for (String entry : config.classPath()) {
      addToClasspath(entry);
    }
    // Source analysis starts JShell's background indexer, which reads the compiler's file manager
    // while addToClasspath changes it. Created first, now and then a JShell never saw the jar
    // added: a notebook's first cell failed with "package ai.djl.ndarray does not exist" and later
    // cells with "cannot find symbol" (2 of 120 fresh JShells in a loop under load, and no retry
    // helped; 500 later runs did not reproduce it in either order). Created once the class path
    // is complete, the indexer never runs while a jar is being added.
    this.analysis = shell.sourceCodeAnalysis();
    this.assist = new CodeAssist(analysis);
    active = this;
    CellResult imports = evalUntimed(STARTUP_IMPORTS);
    if (imports.status() != CellStatus.OK) {
      throw new IllegalStateException(
          "the engine's startup imports failed: " + imports.error().map(CellError::evalue));
    }
    warmUp();
    cellCount = 0;
  }

  /**
   * Compiles and runs one throw-away expression, so that the user's first cell does not pay for
   * loading the compiler's expression paths (about a second on a busy machine).
   */
  private void warmUp() {
    for (SnippetEvent ev : shell.eval("String.valueOf(Math.abs(-1))")) {
      if (ev.causeSnippet() == null && ev.status().isActive()) {
        shell.drop(ev.snippet());
      }
    }
    control.clearResults();
  }

  /** Starts an engine with IJava's default renderer. */
  public static Engine create(EngineConfig config) {
    return new Engine(config, MimeRendering.defaultRenderer());
  }

  /** Starts an engine that renders values with the given renderer (the kernel's own). */
  public static Engine create(EngineConfig config, Renderer renderer) {
    return new Engine(config, renderer);
  }

  /** The engine of this process, for the display functions called from notebook code. */
  public static Engine active() {
    Engine e = active;
    if (e == null) {
      throw new IllegalStateException("no notebook engine is running in this process");
    }
    return e;
  }

  public EngineConfig config() {
    return config;
  }

  /** The process's stdout before the engine replaced it (the worker's protocol channel). */
  public java.io.PrintStream originalOut() {
    return router.originalOut();
  }

  /** Where output goes that arrives between cells (from background threads). */
  public void setIdleSink(OutputSink sink) {
    idleSink = sink;
    router.setIdleSink(sink);
  }

  /** The class path entries added so far, in order. */
  public synchronized List<String> classPath() {
    return List.copyOf(classPath);
  }

  /** Adds a jar or folder to the class path of later snippets (compile and run). */
  public synchronized void addToClasspath(String entry) {
    String normalized = Path.of(entry).toAbsolutePath().normalize().toString();
    if (classPath.add(normalized)) {
      shell.addToClasspath(normalized);
    }
  }

  /** Runs a cell; output is only collected. */
  public CellResult eval(String cell) {
    return eval(cell, OutputSink.NONE);
  }

  /**
   * Runs a cell.
   *
   * @param cell the cell's source: Java snippets and IJava line magics
   * @param live receives output as it is produced (the result carries it too)
   * @return the cell's status, output and error
   */
  public CellResult eval(String cell, OutputSink live) {
    return eval(cell, live, config.cellTimeout());
  }

  /**
   * Runs code without the per-cell time limit: the engine's own set-up and startup scripts, which a
   * slow machine must not turn into a failed start.
   */
  public CellResult evalUntimed(String cell) {
    return eval(cell, OutputSink.NONE, Duration.ZERO);
  }

  /**
   * Runs a cell with its own time limit instead of the configured one.
   *
   * @param timeout wall-clock limit for this cell; {@link Duration#ZERO} for none
   */
  public synchronized CellResult eval(String cell, OutputSink live, Duration timeout) {
    long start = System.nanoTime();
    CellRun run =
        new CellRun(++cellCount, new CellCollector(config.maxOutputBytes(), live), timeout);
    control.reset();
    synchronized (stateLock) {
      running = run;
      if (interruptPending) {
        interruptPending = false;
        stop(run, StopReason.INTERRUPTED);
      }
    }
    active = this;
    router.attach(run.out);
    ScheduledFuture<?> timer = null;
    if (!timeout.isZero()) {
      timer =
          watchdog.schedule(
              () -> stop(run, StopReason.TIMEOUT), timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
    CellError failure;
    try {
      failure = magics.run(run, cell, true);
    } catch (OutOfMemoryError e) {
      run.oom = true;
      failure = null;
    } catch (RuntimeException e) {
      failure =
          new CellError(
              e.getClass().getName(),
              "the notebook engine failed on this cell: " + e.getMessage(),
              List.of(Traces.headline(e)));
    } finally {
      if (timer != null) {
        timer.cancel(false);
      }
      router.detach();
      synchronized (stateLock) {
        running = null;
      }
      control.clearResults();
    }
    if (run.oom) {
      // The cell's garbage is unreachable now: return to a healthy heap before going on.
      System.gc();
    }
    return finish(run, failure, Duration.ofNanos(System.nanoTime() - start));
  }

  /**
   * Runs notebook code called back from outside a cell (a widget's listener) the way a cell runs:
   * what it prints and displays goes to {@code live}, Jupyter's interrupt stops it, and what it
   * throws comes back here instead of reaching the caller.
   *
   * @return the error, empty when the callback returned normally
   */
  public synchronized Optional<CellError> runCallback(Runnable callback, OutputSink live) {
    CellRun run =
        new CellRun(cellCount, new CellCollector(config.maxOutputBytes(), live), Duration.ZERO);
    control.reset();
    synchronized (stateLock) {
      running = run;
    }
    active = this;
    router.attach(run.out);
    try {
      callback.run();
      return Optional.empty();
    } catch (RuntimeException | Error e) {
      if (e instanceof OutOfMemoryError) {
        System.gc();
      }
      return Optional.of(
          new CellError(
              Traces.className(e),
              e.getMessage() == null ? "" : e.getMessage(),
              Traces.traceback(e, id -> origins.get(Integer.toString(id)), cellCount)));
    } finally {
      router.detach();
      synchronized (stateLock) {
        running = null;
      }
    }
  }

  /** Stops the running cell (status interrupted); harmless when no cell runs. */
  public void interrupt() {
    CellRun run = running;
    if (run != null) {
      stop(run, StopReason.INTERRUPTED);
    }
  }

  /**
   * Stops the running cell or, when none runs yet, the next one as soon as it starts. For a client
   * that has sent a cell which has not started (Jupyter's interrupt while the kernel is busy);
   * {@link #clearPendingInterrupt()} withdraws it.
   */
  public void interruptCurrentOrNext() {
    synchronized (stateLock) {
      CellRun run = running;
      if (run != null) {
        stop(run, StopReason.INTERRUPTED);
      } else {
        interruptPending = true;
      }
    }
  }

  /** Withdraws an interrupt that {@link #interruptCurrentOrNext()} left for the next cell. */
  public void clearPendingInterrupt() {
    synchronized (stateLock) {
      interruptPending = false;
    }
  }

  /** Completion candidates at a cursor position. */
  public synchronized Completion complete(String code, int cursor) {
    return assist.complete(code, cursor);
  }

  /** Signatures and Javadoc of what is under the cursor, or an empty string. */
  public synchronized String documentation(String code, int cursor) {
    return assist.documentation(code, cursor);
  }

  /** Whether a cell's source is complete ("complete", "incomplete" or "invalid"). */
  public synchronized String completeness(String code) {
    return assist.completeness(code);
  }

  /** The MIME bundle of a value, as display shows it. */
  public Map<String, Object> render(Object value, String... as) {
    return rendering.render(value, as);
  }

  /** Renders a value as IJava's {@code DisplayData} (for {@code render(...)} in notebook code). */
  public DisplayData renderData(Object value, String... as) {
    return MimeRendering.toDisplayData(rendering.render(value, as));
  }

  /**
   * Shows a value below the running cell (IJava's {@code display}).
   *
   * @return the display id, for {@link #updateDisplay}
   */
  public String display(Object value, String... as) {
    Map<String, Object> data = rendering.render(value, as);
    String id = UUID.randomUUID().toString();
    DisplayOutput out = new DisplayOutput(DisplayOutput.DISPLAY_DATA, data, id);
    CellRun run = running;
    if (run != null) {
      run.out.display(out);
    } else {
      idleSink.display(out);
    }
    return id;
  }

  /** Replaces what an earlier {@code display} showed. */
  public void updateDisplay(String displayId, Object value, String... as) {
    Map<String, Object> data = rendering.render(value, as);
    CellRun run = running;
    if (run != null) {
      run.out.updateDisplay(displayId, data);
    } else {
      idleSink.updateDisplay(displayId, data);
    }
  }

  @Override
  public synchronized void close() {
    watchdog.shutdownNow();
    shell.close();
    router.uninstall();
    if (active == this) {
      active = null;
    }
  }

  // ---------------------------------------------------------------- running cells

  /**
   * Runs Java source that starts at {@code offset} in {@code text} (a cell, or a file for %load),
   * snippet by snippet. Only the last snippet of the last piece shows its value.
   */
  CellError runCode(CellRun run, String text, String code, int offset, boolean lastPiece) {
    String rest = code;
    while (!rest.isBlank()) {
      if (run.halted()) {
        return null;
      }
      int chunkStart = offset + code.length() - rest.length();
      CompletionInfo info = analysis.analyzeCompletion(rest);
      String source;
      String remaining;
      switch (info.completeness()) {
        case EMPTY:
          return null;
        case DEFINITELY_INCOMPLETE:
          return CellErrors.incomplete(text, chunkStart + CellErrors.leadingBlank(rest));
        case CONSIDERED_INCOMPLETE:
          source = rest;
          remaining = "";
          break;
        default:
          source = info.source() == null ? rest : info.source();
          remaining = info.remaining() == null ? "" : info.remaining();
          break;
      }
      // Like IJava, the last expression of a cell is its value; a semicolon typed after it hides
      // the value, as in IPython.
      String typed = rest.substring(0, rest.length() - remaining.length()).stripTrailing();
      boolean showValue = lastPiece && remaining.isBlank() && !typed.endsWith(";");
      CellError error = runSnippet(run, text, source, chunkStart, showValue);
      if (error != null) {
        return error;
      }
      rest = remaining;
    }
    return null;
  }

  private CellError runSnippet(CellRun run, String text, String source, int offset, boolean last) {
    // JShell numbers a snippet's lines from its first non-blank character.
    int line = Traces.lineOf(text, offset + CellErrors.leadingBlank(source));
    run.out.beginSnippet(line, source.strip());
    List<SnippetEvent> events = shell.eval(source);
    Throwable thrown = control.takeFailure();
    Object value = NoValue.INSTANCE;
    for (SnippetEvent ev : events) {
      if (ev.causeSnippet() != null) {
        continue; // a dependent snippet updated as a side effect
      }
      Snippet snippet = ev.snippet();
      origins.put(snippet.id(), new Traces.Origin(run.cellNumber, line));
      if (ev.status() == Snippet.Status.REJECTED) {
        return CellErrors.compile(shell, snippet, text, offset);
      }
      if (ev.exception() != null) {
        return runtimeError(run, ev.exception(), thrown);
      }
      if (control.hasResult(ev.value())) {
        Object v = control.takeResult(ev.value());
        if (isValueSnippet(snippet)) {
          value = v;
        }
      }
    }
    if (last
        && !run.halted()
        && value != NoValue.INSTANCE
        && value != UserCodeControl.NullValue.INSTANCE) {
      run.out.display(
          new DisplayOutput(DisplayOutput.EXECUTE_RESULT, rendering.render(value), null));
    }
    return null;
  }

  /** The snippets IJava shows a value for: expressions, not declarations or assignments. */
  private static boolean isValueSnippet(Snippet s) {
    switch (s.subKind()) {
      case VAR_VALUE_SUBKIND:
      case OTHER_EXPRESSION_SUBKIND:
      case TEMP_VAR_EXPRESSION_SUBKIND:
        return true;
      default:
        return false;
    }
  }

  private CellError runtimeError(CellRun run, JShellException ex, Throwable thrown) {
    if (thrown instanceof OutOfMemoryError) {
      run.oom = true;
    }
    return CellErrors.runtime(shell, ex, id -> origins.get(Integer.toString(id)), run.cellNumber);
  }

  /** The cell's result: how it ended decides the status; stops outrank the error they caused. */
  private CellResult finish(CellRun run, CellError failure, Duration elapsed) {
    CellStatus status;
    CellError error;
    if (run.exitStatus != null) {
      status = CellStatus.EXIT;
      error = CellErrors.exit(run.exitStatus, failure);
    } else if (run.oom) {
      status = CellStatus.OOM;
      error = CellErrors.outOfMemory(failure);
    } else if (run.stopReason == StopReason.TIMEOUT) {
      status = CellStatus.TIMEOUT;
      error = CellErrors.timeout(run.timeout);
    } else if (run.stopReason == StopReason.INTERRUPTED) {
      status = CellStatus.INTERRUPTED;
      error = CellErrors.interrupted();
    } else if (failure != null) {
      status = CellStatus.ERROR;
      error = failure;
    } else if (run.out.truncated()) {
      status = CellStatus.OUTPUT_LIMIT;
      error = CellErrors.outputLimit(config.maxOutputBytes());
    } else {
      status = CellStatus.OK;
      error = null;
    }
    return new CellResult(
        status,
        run.out.stdoutText(),
        run.out.stderrText(),
        run.out.outputs(),
        Optional.ofNullable(error),
        run.out.snippets(),
        elapsed);
  }

  private void stop(CellRun run, StopReason reason) {
    synchronized (run) {
      if (running != run || run.stopReason != null) {
        return;
      }
      run.stopReason = reason;
    }
    control.requestStop();
  }

  /**
   * Hears of {@code System.exit} in cell code (see {@link StopCheck#exit}): records it for the
   * running cell and stops the cell, which also ends one that catches the exception and carries on.
   * The caller then gets {@link ExitTrappedException}, also between cells (a background thread).
   */
  private static void exitCalled(int status) {
    Engine e = active;
    if (e != null && !e.config.trapExit()) {
      Runtime.getRuntime().exit(status);
    }
    CellRun run = e == null ? null : e.running;
    if (run == null) {
      return;
    }
    synchronized (run) {
      if (run.exitStatus == null) {
        run.exitStatus = status;
      }
    }
    e.control.requestStop();
  }

  /** The jars or folders holding the engine and IJava's display classes, for the compiler. */
  private static List<String> ownClassPath() {
    Set<String> out = new LinkedHashSet<>();
    for (Class<?> c : List.of(Engine.class, DisplayData.class)) {
      CodeSource cs = c.getProtectionDomain().getCodeSource();
      if (cs != null && cs.getLocation() != null) {
        try {
          out.add(Path.of(cs.getLocation().toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
          // not a file location: the compiler will not see it, startup imports will say so
        }
      }
    }
    return new ArrayList<>(out);
  }

  /** Completion candidates replacing {@code [start, end)} of the code. */
  public record Completion(List<String> options, int start, int end) {
    /** Copies the options. */
    public Completion {
      options = Collections.unmodifiableList(new ArrayList<>(options));
    }
  }

  enum StopReason {
    TIMEOUT,
    INTERRUPTED
  }

  private enum NoValue {
    INSTANCE
  }

  /** The state of the cell being run. */
  static final class CellRun {
    final int cellNumber;
    final CellCollector out;
    final Duration timeout;
    volatile StopReason stopReason;
    volatile Integer exitStatus;
    volatile boolean oom;

    CellRun(int cellNumber, CellCollector out, Duration timeout) {
      this.cellNumber = cellNumber;
      this.out = out;
      this.timeout = timeout;
    }

    boolean halted() {
      return stopReason != null || exitStatus != null || oom;
    }
  }
}
