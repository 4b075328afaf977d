package vaecourse.grader.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vaecourse.engine.CellStatus;
import vaecourse.engine.WorkerProtocol;

/**
 * A stand-in for the engine worker that speaks its protocol without running Java: a cell holding
 * the stub fails, and so does any later cell calling a function the stub was in; {@code //fake:}
 * comments choose the rest: {@code stdout TEXT}, {@code stderr TEXT}, {@code error NAME MESSAGE},
 * {@code hang}, {@code die CODE}, {@code native MB}, {@code status STATUS}, {@code png W H}, {@code
 * env}. Common hostile code is recognised as the engine would treat it: {@code while (true) {}}
 * hangs, {@code System.exit} gives status exit.
 */
public final class FakeWorker {
  private static final Pattern DIRECTIVE = Pattern.compile("//fake:(\\w+) ?(.*)");
  private static final Pattern DEFINES =
      Pattern.compile("\\b(?:int|long|double|float|boolean|void|String)\\s+(\\w+)\\s*\\(");

  private static final String OK = CellStatus.OK.wireName();
  private static final String ERROR = CellStatus.ERROR.wireName();

  private FakeWorker() {}

  /** Reads the request from stdin and answers on stdout. */
  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    JsonObject request =
        JsonParser.parseReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
            .getAsJsonObject();
    Set<String> broken = new HashSet<>();
    for (WorkerProtocol.Cell cell : WorkerProtocol.cells(request)) {
      String source = cell.source();
      String status = OK;
      StringBuilder stdout = new StringBuilder();
      StringBuilder stderr = new StringBuilder();
      JsonArray outputs = new JsonArray();
      String ename = "";
      String evalue = "";
      Set<String> defined = new HashSet<>();
      Matcher d = DEFINES.matcher(source);
      while (d.find()) {
        defined.add(d.group(1));
      }
      if (source.contains(Fixtures.STUB)) {
        status = ERROR;
        ename = "java.lang.UnsupportedOperationException";
        evalue = "your code here";
        broken.addAll(defined);
      } else {
        broken.removeAll(defined);
        for (String b : broken) {
          if (Pattern.compile("\\b" + b + "\\s*\\(").matcher(source).find()) {
            status = ERROR;
            ename = "java.lang.UnsupportedOperationException";
            evalue = "your code here";
          }
        }
      }
      if (source.contains("while (true) {}")) {
        Thread.sleep(Long.MAX_VALUE);
      }
      if (source.contains("System.exit(")) {
        status = CellStatus.EXIT.wireName();
        ename = "SystemExit";
        evalue = "System.exit was called";
      }
      Matcher m = DIRECTIVE.matcher(source);
      while (m.find() && OK.equals(status)) {
        String arg = m.group(2).strip();
        switch (m.group(1)) {
          case "stdout" -> stdout.append(arg).append('\n');
          case "stderr" -> stderr.append(arg).append('\n');
          case "error" -> {
            status = ERROR;
            ename = arg.contains(" ") ? arg.substring(0, arg.indexOf(' ')) : arg;
            evalue = arg.contains(" ") ? arg.substring(arg.indexOf(' ') + 1) : "";
          }
          case "status" -> {
            status = arg;
            ename = arg;
          }
          case "hang" -> Thread.sleep(Long.MAX_VALUE);
          case "die" -> {
            out.flush();
            System.exit(Integer.parseInt(arg));
          }
          case "png" -> outputs.add(png(arg));
          case "native" -> touchNative(Long.parseLong(arg) << 20);
          case "env" ->
              stdout
                  .append("cwd=")
                  .append(System.getProperty("user.dir"))
                  .append(" profile=")
                  .append(System.getenv("COURSE_PROFILE"))
                  .append(" spin=")
                  .append(System.getenv("GOMP_SPINCOUNT"))
                  .append(" args=")
                  .append(String.join(" ", args))
                  .append('\n');
          default -> {}
        }
      }
      JsonObject error = OK.equals(status) ? null : WorkerProtocol.error(ename, evalue, List.of());
      out.println(
          WorkerProtocol.cellLine(
              cell.id(), status, stdout.toString(), stderr.toString(), outputs, error));
    }
    out.println(WorkerProtocol.done());
  }

  /** Allocates and touches off-heap memory, as a native library would, then waits. */
  private static void touchNative(long bytes) throws Exception {
    // Reflection keeps the internal API out of the compiler's sight (no warnings).
    Class<?> type = Class.forName("sun.misc.Unsafe");
    java.lang.reflect.Field f = type.getDeclaredField("theUnsafe");
    f.setAccessible(true);
    Object unsafe = f.get(null);
    java.lang.reflect.Method allocate = type.getMethod("allocateMemory", long.class);
    java.lang.reflect.Method put = type.getMethod("putByte", long.class, byte.class);
    long address = (Long) allocate.invoke(unsafe, bytes);
    for (long i = 0; i < bytes; i += 4096) {
      put.invoke(unsafe, address + i, (byte) 1);
    }
    Thread.sleep(Long.MAX_VALUE);
  }

  private static JsonObject png(String size) {
    String[] wh = size.split(" ");
    byte[] b = new byte[33];
    byte[] sig = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    System.arraycopy(sig, 0, b, 0, sig.length);
    int w = Integer.parseInt(wh[0]);
    int h = Integer.parseInt(wh[1]);
    for (int i = 0; i < 4; i++) {
      b[16 + i] = (byte) (w >>> (24 - 8 * i));
      b[20 + i] = (byte) (h >>> (24 - 8 * i));
    }
    JsonObject o = new JsonObject();
    o.addProperty("output_type", "display_data");
    JsonObject data = new JsonObject();
    data.addProperty("image/png", Base64.getEncoder().encodeToString(b));
    data.addProperty("text/plain", "<image>");
    o.add("data", data);
    o.add("metadata", new JsonObject());
    return o;
  }
}
