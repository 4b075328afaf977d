package vaecourse.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaecourse.kernel.JupyterRun.Result;

/** The kernel driven by the real Jupyter client (nbclient) on fixture notebooks. */
class KernelClientTest {
  /** IJAVA_TIMEOUT of the kernelspec with a timeout, in milliseconds. */
  private static final String CELL_TIMEOUT_MILLIS = "3000";

  private static final String WITH_TIMEOUT = "vae-java-test";
  private static final String PLAIN = "vae-java-test-plain";

  @TempDir static Path work;
  private static JupyterRun jupyter;
  private static Path notebooks;

  @BeforeAll
  static void kernelspecs() throws Exception {
    assumeTrue(
        JupyterRun.jupyterAvailable(),
        "Jupyter (python3-nbclient, python3-nbformat) is not installed for /usr/bin/python3:"
            + " skipping the tests that drive the kernel through the Jupyter client");
    jupyter = new JupyterRun(work.resolve("jupyter"));
    jupyter.writeKernelspec(WITH_TIMEOUT, Map.of("IJAVA_TIMEOUT", CELL_TIMEOUT_MILLIS));
    jupyter.writeKernelspec(PLAIN, Map.of());
    notebooks = JupyterRun.fixtures(work);
  }

  @Test
  void outputsOfEachKindArriveAndErrorsBehave() throws Exception {
    Result r = jupyter.run(WITH_TIMEOUT, notebooks.resolve("kernel_outputs.ipynb"), work);
    assertFalse(r.outputs(0, "execute_result").isEmpty(), "no value; errors:\n" + r.allErrors());
    List<JsonObject> streams = r.outputs(0, "stream");
    assertEquals("stdout", streams.get(0).get("name").getAsString());
    assertEquals("to stdout\n", Result.text(streams.get(0)));
    assertEquals("stderr", streams.get(1).get("name").getAsString());
    assertEquals("to stderr\n", Result.text(streams.get(1)));
    assertEquals("42", Result.data(r.outputs(0, "execute_result").get(0), "text/plain"));

    String png = Result.data(r.outputs(1, "display_data").get(0), "image/png");
    assertNotNull(png, "no image/png");
    assertTrue(png.startsWith("iVBORw0KGgo"), "not a PNG: " + png.substring(0, 12));

    assertTrue(Result.data(r.outputs(3, "display_data").get(0), "text/html").contains("shown"));
    assertTrue(Result.data(r.outputs(3, "execute_result").get(0), "text/html").contains("valued"));

    JsonObject compile = r.outputs(4, "error").get(0);
    assertEquals("CompileError", compile.get("ename").getAsString());
    assertTrue(compile.get("evalue").getAsString().startsWith("line 1: cannot find symbol"));

    JsonObject runtime = r.outputs(5, "error").get(0);
    assertEquals("EvalException", runtime.get("ename").getAsString());
    assertEquals(
        "java.lang.IllegalArgumentException: bad input 3", runtime.get("evalue").getAsString());
    String tb = runtime.getAsJsonArray("traceback").toString();
    assertTrue(tb.contains("at check (line 2)"), tb);
    assertFalse(tb.contains("vaecourse.engine"), tb);

    assertEquals("exiting\n", Result.text(r.outputs(6, "stream").get(0)));
    assertEquals("SystemExit", r.outputs(6, "error").get(0).get("ename").getAsString());
    assertEquals("TimeoutError", r.outputs(7, "error").get(0).get("ename").getAsString());
    assertEquals("still alive", Result.data(r.outputs(8, "execute_result").get(0), "text/plain"));
    assertEquals("", r.stderr(), "a normal run writes nothing to stderr");
  }

  @Test
  void interruptFromTheClientStopsARunawayCell() throws Exception {
    Result r =
        jupyter.run(
            PLAIN,
            notebooks.resolve("interrupt.ipynb"),
            work,
            "--timeout",
            "2",
            "--interrupt-on-timeout");
    assertEquals("Interrupted", r.outputs(0, "error").get(0).get("ename").getAsString());
    assertTrue(r.outputs(0, "stream").isEmpty(), "no log lines in the notebook");
    assertEquals(
        "after interrupt", Result.data(r.outputs(1, "execute_result").get(0), "text/plain"));
    assertFalse(r.stderr().contains("INFO"), r.stderr());
  }

  @Test
  void aNotebookWrittenForIJavaRunsUnchanged() throws Exception {
    Result r = jupyter.run(PLAIN, notebooks.resolve("ijava_api.ipynb"), work);
    assertEquals("", r.allErrors());
    assertEquals("{\"a\":1}", Result.data(r.outputs(1, "execute_result").get(0), "text/plain"));
    assertEquals("hello, IJava", Result.data(r.outputs(3, "execute_result").get(0), "text/plain"));
    assertEquals("<b>second</b>", Result.data(r.outputs(4, "display_data").get(0), "text/html"));
    assertNotNull(Result.data(r.outputs(5, "display_data").get(0), "image/png"));
    assertEquals(
        "<i>rendered</i>", Result.data(r.outputs(6, "execute_result").get(0), "text/html"));
    assertEquals("[1, 4, 9, 16]", Result.data(r.outputs(7, "execute_result").get(0), "text/plain"));
    assertEquals("", r.stderr());
  }
}
