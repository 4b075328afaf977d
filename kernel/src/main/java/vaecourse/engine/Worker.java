package vaecourse.engine;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs a notebook's code cells for the grader, one process per submission.
 *
 * <pre>
 * java -Xmx&lt;mem&gt; ... -cp KERNEL_JAR:LIB_JAR vaecourse.engine.Worker
 *     [--cell-timeout SECONDS] [--max-output CHARS]
 * </pre>
 *
 * <p>Speaks {@link WorkerProtocol}: reads the request from stdin, writes a line per cell to stdout
 * as each finishes and a done line at the end. The cells' own printing never reaches stdout. A bad
 * request gets a fatal line and exit status 2. Cells that time out, exit, run out of memory or
 * print too much are reported and the worker goes on; the engine's class path is this process's
 * class path.
 */
public final class Worker {
  private static final Gson GSON =
      new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

  private final PrintStream protocol;
  private volatile String runningCell;
  private volatile boolean done;

  private Worker(PrintStream protocol) {
    this.protocol = protocol;
  }

  /** Entry point; see the class comment for arguments and protocol. */
  public static void main(String[] args) throws IOException {
    PrintStream protocol =
        new PrintStream(
            new java.io.FileOutputStream(java.io.FileDescriptor.out),
            false,
            StandardCharsets.UTF_8);
    Worker worker = new Worker(protocol);
    int status = worker.run(args);
    protocol.flush();
    System.exit(status);
  }

  private int run(String[] args) throws IOException {
    Duration timeout = Duration.ZERO;
    long maxOutput = 0;
    try {
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals(WorkerProtocol.CELL_TIMEOUT_ARG)) {
          timeout = Duration.ofMillis(Math.round(Double.parseDouble(args[++i]) * 1000));
        } else if (args[i].equals(WorkerProtocol.MAX_OUTPUT_ARG)) {
          maxOutput = Long.parseLong(args[++i]);
        } else {
          return fatal(
              "unknown argument "
                  + args[i]
                  + "; usage: Worker ["
                  + WorkerProtocol.CELL_TIMEOUT_ARG
                  + " SECONDS] ["
                  + WorkerProtocol.MAX_OUTPUT_ARG
                  + " CHARS]");
        }
      }
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      return fatal("bad arguments " + Arrays.toString(args) + ": " + e.getMessage());
    }
    String input = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    List<WorkerProtocol.Cell> cells;
    try {
      cells = WorkerProtocol.cells(JsonParser.parseString(input));
    } catch (JsonParseException | IllegalArgumentException e) {
      return fatal("stdin: " + e.getMessage());
    }
    List<String> classPath =
        Arrays.asList(System.getProperty("java.class.path").split(java.io.File.pathSeparator));
    EngineConfig config =
        EngineConfig.defaults()
            .withClassPath(classPath)
            .withCellTimeout(timeout)
            .withMaxOutputBytes(maxOutput);
    Runtime.getRuntime().addShutdownHook(new Thread(this::reportUntrappedExit, "worker-exit"));
    try (Engine engine = Engine.create(config)) {
      for (WorkerProtocol.Cell cell : cells) {
        runningCell = cell.id();
        CellResult result =
            cell.timeout().isZero()
                ? engine.eval(cell.source())
                : engine.eval(cell.source(), OutputSink.NONE, cell.timeout());
        write(cellLine(cell.id(), result));
        runningCell = null;
      }
    }
    done = true;
    write(WorkerProtocol.done());
    return 0;
  }

  /**
   * An exit the engine cannot trap (by reflection or from a library, see {@link
   * SnippetInstrumenter}) ends the process: say so for the cell.
   */
  private void reportUntrappedExit() {
    String id = runningCell;
    if (!done && id != null) {
      String why =
          "the process exited during this cell (System.exit called by reflection or a library)";
      write(
          WorkerProtocol.cellLine(
              id,
              CellStatus.EXIT.wireName(),
              "",
              "",
              new JsonArray(),
              WorkerProtocol.error("SystemExit", why, List.of())));
    }
  }

  static JsonObject cellLine(String id, CellResult result) {
    JsonArray outputs = new JsonArray();
    for (DisplayOutput o : result.outputs()) {
      JsonObject out = new JsonObject();
      out.addProperty(WorkerProtocol.OUTPUT_TYPE, o.outputType());
      JsonObject data = new JsonObject();
      for (Map.Entry<String, Object> e : o.data().entrySet()) {
        Object v = e.getValue();
        data.add(
            e.getKey(),
            v instanceof JsonElement
                ? (JsonElement) v
                : GSON.toJsonTree(v instanceof CharSequence ? v.toString() : v));
      }
      out.add(WorkerProtocol.DATA, data);
      outputs.add(out);
    }
    JsonObject error =
        result
            .error()
            .map(e -> WorkerProtocol.error(e.ename(), e.evalue(), e.traceback()))
            .orElse(null);
    return WorkerProtocol.cellLine(
        id, result.status().wireName(), result.stdout(), result.stderr(), outputs, error);
  }

  private synchronized void write(JsonObject line) {
    protocol.println(GSON.toJson(line));
    protocol.flush();
  }

  private int fatal(String message) {
    write(WorkerProtocol.fatal(message));
    return 2;
  }
}
