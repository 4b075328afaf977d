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
import java.util.ArrayList;
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
 * <p>Reads {@code {"cells":[{"id":..,"source":..},...]}} from stdin, then writes one JSON line per
 * cell to stdout as each finishes ({@code {"type":"cell","id":..,"status":..,"stdout":..,
 * "stderr":..,"outputs":[..],"error":{..}}}) and {@code {"type":"done"}} at the end. The cells' own
 * printing never reaches stdout. A bad request gets {@code {"type":"fatal","message":..}} and exit
 * status 2. Cells that time out, exit, run out of memory or print too much are reported and the
 * worker goes on; the engine's class path is this process's class path.
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
        switch (args[i]) {
          case "--cell-timeout":
            timeout = Duration.ofMillis(Math.round(Double.parseDouble(args[++i]) * 1000));
            break;
          case "--max-output":
            maxOutput = Long.parseLong(args[++i]);
            break;
          default:
            return fatal(
                "unknown argument "
                    + args[i]
                    + "; usage: Worker [--cell-timeout SECONDS] [--max-output CHARS]");
        }
      }
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      return fatal("bad arguments " + Arrays.toString(args) + ": " + e.getMessage());
    }
    String input = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    List<String[]> cells = new ArrayList<>();
    try {
      JsonObject request = JsonParser.parseString(input).getAsJsonObject();
      for (JsonElement c : request.getAsJsonArray("cells")) {
        JsonObject cell = c.getAsJsonObject();
        cells.add(new String[] {cell.get("id").getAsString(), cell.get("source").getAsString()});
      }
    } catch (JsonParseException
        | IllegalStateException
        | NullPointerException
        | UnsupportedOperationException e) {
      return fatal("stdin must be {\"cells\":[{\"id\":...,\"source\":...}]}: " + e.getMessage());
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
      for (String[] cell : cells) {
        runningCell = cell[0];
        CellResult result = engine.eval(cell[1]);
        write(cellLine(cell[0], result));
        runningCell = null;
      }
    }
    done = true;
    JsonObject end = new JsonObject();
    end.addProperty("type", "done");
    write(end);
    return 0;
  }

  /**
   * An exit the engine cannot trap (by reflection or from a library, see {@link
   * SnippetInstrumenter}) ends the process: say so for the cell.
   */
  private void reportUntrappedExit() {
    String id = runningCell;
    if (!done && id != null) {
      JsonObject line = new JsonObject();
      line.addProperty("type", "cell");
      line.addProperty("id", id);
      line.addProperty("status", CellStatus.EXIT.wireName());
      line.addProperty("stdout", "");
      line.addProperty("stderr", "");
      line.add("outputs", new JsonArray());
      line.add(
          "error",
          error(
              new CellError(
                  "SystemExit",
                  "the process exited during this cell (System.exit called by reflection or a library)",
                  List.of())));
      write(line);
    }
  }

  static JsonObject cellLine(String id, CellResult result) {
    JsonObject line = new JsonObject();
    line.addProperty("type", "cell");
    line.addProperty("id", id);
    line.addProperty("status", result.status().wireName());
    line.addProperty("stdout", result.stdout());
    line.addProperty("stderr", result.stderr());
    JsonArray outputs = new JsonArray();
    for (DisplayOutput o : result.outputs()) {
      JsonObject out = new JsonObject();
      out.addProperty("output_type", o.outputType());
      JsonObject data = new JsonObject();
      for (Map.Entry<String, Object> e : o.data().entrySet()) {
        Object v = e.getValue();
        data.add(
            e.getKey(),
            v instanceof JsonElement
                ? (JsonElement) v
                : GSON.toJsonTree(v instanceof CharSequence ? v.toString() : v));
      }
      out.add("data", data);
      outputs.add(out);
    }
    line.add("outputs", outputs);
    result.error().ifPresent(e -> line.add("error", error(e)));
    return line;
  }

  private static JsonObject error(CellError e) {
    JsonObject err = new JsonObject();
    err.addProperty("ename", e.ename());
    err.addProperty("evalue", e.evalue());
    JsonArray tb = new JsonArray();
    e.traceback().forEach(tb::add);
    err.add("traceback", tb);
    return err;
  }

  private synchronized void write(JsonObject line) {
    protocol.println(GSON.toJson(line));
    protocol.flush();
  }

  private int fatal(String message) {
    JsonObject line = new JsonObject();
    line.addProperty("type", "fatal");
    line.addProperty("message", message);
    write(line);
    return 2;
  }
}
