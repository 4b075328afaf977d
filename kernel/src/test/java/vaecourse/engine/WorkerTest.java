package vaecourse.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The worker as the grader runs it: a child JVM with a small heap, JSON in, JSON lines out. */
class WorkerTest {
  /** Heap of the child: small so that the out-of-memory cell fails fast. */
  private static final String HEAP = "-Xmx96m";

  private static final long PROCESS_LIMIT_SECONDS = 60;

  private static List<JsonObject> lines;
  private static String stderr;

  @BeforeAll
  static void runWorker() throws Exception {
    JsonArray cells = new JsonArray();
    String[][] sources = {
      {"ok", "int x = 5;\nSystem.out.println(\"hi \" + x);\nSystem.err.println(\"warn\");\nx * 2"},
      {"compile", "int y = missing + 1;"},
      {"runtime", "Object o = null;\no.toString();"},
      {"loop", "while (true) {}"},
      {"exit", "System.out.println(\"bye\");\nSystem.exit(7);"},
      {
        "oom",
        // A block: the arrays are garbage once the cell fails. A variable of the notebook would
        // keep them reachable and leave later cells without heap, as it would for a student.
        "{\n  long[][] hog = new long[1000][];\n"
            + "  for (int i = 0; i < hog.length; i++) hog[i] = new long[1_000_000];\n}"
      },
      {"flood", "for (int i = 0; i < 50_000; i++) System.out.println(\"line \" + i);"},
      {"after", "x + 1"},
    };
    for (String[] s : sources) {
      JsonObject c = new JsonObject();
      c.addProperty("id", s[0]);
      c.addProperty("source", s[1]);
      cells.add(c);
    }
    JsonObject request = new JsonObject();
    request.add("cells", cells);
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb =
        new ProcessBuilder(
            java.toString(),
            HEAP,
            "-cp",
            classPath,
            "vaecourse.engine.Worker",
            "--cell-timeout",
            "4",
            "--max-output",
            "5000");
    pb.redirectError(ProcessBuilder.Redirect.PIPE);
    Process p = pb.start();
    p.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(PROCESS_LIMIT_SECONDS, TimeUnit.SECONDS), "worker did not finish");
    assertEquals(0, p.exitValue(), "worker exit status; stderr: " + stderr);
    lines = new ArrayList<>();
    for (String line : out.split("\n")) {
      lines.add(JsonParser.parseString(line).getAsJsonObject()); // every stdout line is JSON
    }
  }

  private static JsonObject cell(String id) {
    return lines.stream()
        .filter(l -> id.equals(l.has("id") ? l.get("id").getAsString() : null))
        .findFirst()
        .orElseThrow();
  }

  private static String status(String id) {
    return cell(id).get("status").getAsString();
  }

  @Test
  void oneLinePerCellThenDoneAndNothingOnStderr() {
    assertEquals(9, lines.size());
    assertEquals("done", lines.get(8).get("type").getAsString());
    assertEquals("", stderr);
  }

  @Test
  void okCellKeepsStreamsAndValueApart() {
    JsonObject c = cell("ok");
    assertEquals("ok", status("ok"));
    assertEquals("hi 5\n", c.get("stdout").getAsString());
    assertEquals("warn\n", c.get("stderr").getAsString());
    JsonObject out = c.getAsJsonArray("outputs").get(0).getAsJsonObject();
    assertEquals("execute_result", out.get("output_type").getAsString());
    assertEquals("10", out.getAsJsonObject("data").get("text/plain").getAsString());
    assertTrue(!c.has("error"));
  }

  @Test
  void errorsNameTheUserProblem() {
    assertEquals("error", status("compile"));
    JsonObject ce = cell("compile").getAsJsonObject("error");
    assertEquals("CompileError", ce.get("ename").getAsString());
    assertTrue(ce.get("evalue").getAsString().startsWith("line 1: cannot find symbol"));
    JsonObject re = cell("runtime").getAsJsonObject("error");
    assertEquals("java.lang.NullPointerException", re.get("ename").getAsString());
    assertTrue(re.get("traceback").toString().contains("at cell (line 2)"), re.toString());
  }

  @Test
  void limitsAreReportedAndTheWorkerGoesOn() {
    assertEquals("timeout", status("loop"));
    assertEquals("exit", status("exit"));
    assertEquals("bye\n", cell("exit").get("stdout").getAsString());
    assertEquals("oom", status("oom"));
    assertTrue(
        cell("oom").getAsJsonObject("error").get("evalue").getAsString().contains("out of memory"));
    assertEquals("output_limit", status("flood"));
    assertTrue(cell("flood").get("stdout").getAsString().length() < 5200);
    assertEquals("ok", status("after"));
    assertEquals(
        "6",
        cell("after")
            .getAsJsonArray("outputs")
            .get(0)
            .getAsJsonObject()
            .getAsJsonObject("data")
            .get("text/plain")
            .getAsString());
  }

  @Test
  void badInputIsAFatalLine() throws Exception {
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classPath,
                "vaecourse.engine.Worker")
            .start();
    p.getOutputStream().write("not json".getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(p.waitFor(PROCESS_LIMIT_SECONDS, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue());
    assertEquals("fatal", JsonParser.parseString(out).getAsJsonObject().get("type").getAsString());
  }
}
