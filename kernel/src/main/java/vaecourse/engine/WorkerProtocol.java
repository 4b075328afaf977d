package vaecourse.engine;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The line protocol between the grader and the engine {@link Worker}, written once for both ends.
 *
 * <p>The grader starts {@code Worker [--cell-timeout SECONDS] [--max-output CHARS]} and writes one
 * {@linkplain #request request} to its stdin: {@code {"cells":[{"id":..,"source":..},...]}}. The
 * worker answers on stdout with one JSON object per line: a {@linkplain #cellLine cell line} as
 * each cell finishes, {@code {"type":"done"}} after the last, or {@code
 * {"type":"fatal","message":..}} for a request it cannot read. A cell line's {@code status} is a
 * {@link CellStatus#wireName()}.
 */
public final class WorkerProtocol {
  /** Worker argument: per-cell wall-clock limit in seconds (fractions allowed; 0 for none). */
  public static final String CELL_TIMEOUT_ARG = "--cell-timeout";

  /** Worker argument: per-cell output cap in characters (0 for none). */
  public static final String MAX_OUTPUT_ARG = "--max-output";

  /** Request member: the array of cells. */
  public static final String CELLS = "cells";

  /** Cell member of the request and of a cell line: the cell's id. */
  public static final String ID = "id";

  /** Cell member of the request: the Java source. */
  public static final String SOURCE = "source";

  /** Member of every answer line: its {@link LineType}. */
  public static final String TYPE = "type";

  /** Cell line member: the {@link CellStatus#wireName()}. */
  public static final String STATUS = "status";

  /** Cell line member: what the cell printed to {@code System.out}. */
  public static final String STDOUT = "stdout";

  /** Cell line member: what the cell printed to {@code System.err}. */
  public static final String STDERR = "stderr";

  /** Cell line member: the rich outputs, Jupyter-style ({@code output_type}, {@code data}). */
  public static final String OUTPUTS = "outputs";

  /** Member of an output: {@code display_data} or {@code execute_result}. */
  public static final String OUTPUT_TYPE = "output_type";

  /** Member of an output: MIME type to content. */
  public static final String DATA = "data";

  /**
   * Cell line member, only when the cell failed: {@code ename}, {@code evalue}, {@code traceback}.
   */
  public static final String ERROR = "error";

  /** Error member: the error's name. */
  public static final String ENAME = "ename";

  /** Error member: the error's message. */
  public static final String EVALUE = "evalue";

  /** Error member: the traceback lines. */
  public static final String TRACEBACK = "traceback";

  /** Fatal line member: why the request was refused. */
  public static final String MESSAGE = "message";

  private WorkerProtocol() {}

  /** The kinds of answer line. */
  public enum LineType {
    /** One finished cell. */
    CELL,
    /** Every cell ran. */
    DONE,
    /** The request was refused. */
    FATAL;

    /** The word on the wire, e.g. {@code "cell"}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The type of an answer line, empty for a line that is not one. */
    public static Optional<LineType> of(JsonObject line) {
      String type = string(line, TYPE);
      for (LineType t : values()) {
        if (t.wireName().equals(type)) {
          return Optional.of(t);
        }
      }
      return Optional.empty();
    }
  }

  /** The optional field of a request's cell: that cell's own time limit in seconds. */
  public static final String TIMEOUT_S = "timeout_s";

  /**
   * One cell of a request.
   *
   * @param timeout the cell's own time limit; zero means the worker's {@link #CELL_TIMEOUT_ARG}
   */
  public record Cell(String id, String source, java.time.Duration timeout) {
    public Cell {
      if (timeout == null || timeout.isNegative()) {
        throw new IllegalArgumentException("cell " + id + ": timeout must be >= 0, got " + timeout);
      }
    }

    /** A cell under the worker's default limit. */
    public Cell(String id, String source) {
      this(id, source, java.time.Duration.ZERO);
    }
  }

  /** The request for some cells, in order. */
  public static JsonObject request(List<Cell> cells) {
    JsonArray array = new JsonArray();
    for (Cell c : cells) {
      JsonObject o = new JsonObject();
      o.addProperty(ID, c.id());
      o.addProperty(SOURCE, c.source());
      if (!c.timeout().isZero()) {
        o.addProperty(TIMEOUT_S, c.timeout().toMillis() / 1e3);
      }
      array.add(o);
    }
    JsonObject request = new JsonObject();
    request.add(CELLS, array);
    return request;
  }

  /**
   * The cells of a request.
   *
   * @throws IllegalArgumentException naming what is missing when it is not {@code
   *     {"cells":[{"id":..,"source":..}]}}
   */
  public static List<Cell> cells(JsonElement request) {
    try {
      JsonArray array = request.getAsJsonObject().getAsJsonArray(CELLS);
      List<Cell> out = new java.util.ArrayList<>();
      for (JsonElement e : array) {
        JsonObject cell = e.getAsJsonObject();
        java.time.Duration timeout =
            cell.has(TIMEOUT_S)
                ? java.time.Duration.ofMillis(Math.round(cell.get(TIMEOUT_S).getAsDouble() * 1000))
                : java.time.Duration.ZERO;
        out.add(new Cell(cell.get(ID).getAsString(), cell.get(SOURCE).getAsString(), timeout));
      }
      return out;
    } catch (IllegalStateException | NullPointerException | UnsupportedOperationException e) {
      throw new IllegalArgumentException(
          "the request must be {\"" + CELLS + "\":[{\"" + ID + "\":...,\"" + SOURCE + "\":...}]}",
          e);
    }
  }

  /**
   * A cell line.
   *
   * @param status a {@link CellStatus#wireName()} (a test worker may send others)
   * @param outputs Jupyter-style outputs
   * @param error the error, or null for a cell that did not fail
   */
  public static JsonObject cellLine(
      String id, String status, String stdout, String stderr, JsonArray outputs, JsonObject error) {
    JsonObject line = new JsonObject();
    line.addProperty(TYPE, LineType.CELL.wireName());
    line.addProperty(ID, id);
    line.addProperty(STATUS, status);
    line.addProperty(STDOUT, stdout);
    line.addProperty(STDERR, stderr);
    line.add(OUTPUTS, outputs);
    if (error != null) {
      line.add(ERROR, error);
    }
    return line;
  }

  /** The error member of a cell line. */
  public static JsonObject error(String ename, String evalue, List<String> traceback) {
    JsonObject err = new JsonObject();
    err.addProperty(ENAME, ename);
    err.addProperty(EVALUE, evalue);
    JsonArray tb = new JsonArray();
    traceback.forEach(tb::add);
    err.add(TRACEBACK, tb);
    return err;
  }

  /** The line that ends a run. */
  public static JsonObject done() {
    JsonObject line = new JsonObject();
    line.addProperty(TYPE, LineType.DONE.wireName());
    return line;
  }

  /** The line that refuses a request. */
  public static JsonObject fatal(String message) {
    JsonObject line = new JsonObject();
    line.addProperty(TYPE, LineType.FATAL.wireName());
    line.addProperty(MESSAGE, message);
    return line;
  }

  /** A string member, or {@code ""} when it is missing or not a string. */
  public static String string(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
  }
}
