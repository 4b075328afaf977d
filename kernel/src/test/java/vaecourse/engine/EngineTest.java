package vaecourse.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine in this JVM: output kept apart, errors as the user wrote them, limits that hold. */
class EngineTest {
  /** Per-cell limit of the engine under test: only a guard against a hanging test. */
  private static final Duration CELL_TIMEOUT = Duration.ofSeconds(30);

  /** The limit given to the cells that test timeouts. */
  private static final Duration SHORT_TIMEOUT = Duration.ofMillis(1000);

  /** A stopped runaway cell must come back within this (timeout plus the stop). */
  private static final long STOP_WITHIN_MILLIS = 2000;

  /** Output cap of the engine under test, in characters. */
  private static final long MAX_OUTPUT = 10_000;

  private static Engine engine;

  @BeforeAll
  static void start() {
    // %maven must never reach the network in tests: an unreachable "remote".
    System.setProperty("vaecourse.maven.remote", "http://127.0.0.1:9/maven2/");
    engine =
        Engine.create(
            EngineConfig.defaults().withCellTimeout(CELL_TIMEOUT).withMaxOutputBytes(MAX_OUTPUT));
  }

  @AfterAll
  static void stop() {
    engine.close();
    System.clearProperty("vaecourse.maven.remote");
  }

  private static void assertStillWorks() {
    CellResult r = engine.eval("21 * 2");
    assertEquals(CellStatus.OK, r.status(), () -> r.error().toString());
    assertEquals("42", r.value().orElseThrow().data().get("text/plain"));
  }

  @Test
  void outputsOfEachKindAreKeptApart() {
    CellResult r =
        engine.eval(
            "System.out.println(\"to out\");\n"
                + "System.err.println(\"to err\");\n"
                + "display(\"shown\");\n"
                + "String s = \"val\";\n"
                + "s + \"ue\"");
    assertEquals(CellStatus.OK, r.status());
    assertEquals("to out\n", r.stdout());
    assertEquals("to err\n", r.stderr());
    assertEquals(2, r.outputs().size());
    assertEquals(DisplayOutput.DISPLAY_DATA, r.outputs().get(0).outputType());
    assertEquals("shown", r.outputs().get(0).data().get("text/plain"));
    assertEquals("value", r.value().orElseThrow().data().get("text/plain"));
    List<SnippetResult> snippets = r.snippets();
    assertEquals(5, snippets.size());
    assertEquals("to out\n", snippets.get(0).stdout());
    assertEquals("", snippets.get(0).stderr());
    assertEquals("to err\n", snippets.get(1).stderr());
    assertEquals(1, snippets.get(2).outputs().size());
    assertEquals(5, snippets.get(4).line());
  }

  @Test
  void aTrailingSemicolonHidesTheValue() {
    assertTrue(engine.eval("21 * 2;").outputs().isEmpty());
    assertTrue(engine.eval("display(\"x\");").value().isEmpty());
  }

  @Test
  void aDeclarationShowsNoValueButItsStateStays() {
    CellResult r = engine.eval("int kept = 7;");
    assertEquals(CellStatus.OK, r.status());
    assertTrue(r.outputs().isEmpty());
    assertEquals("8", engine.eval("kept + 1").value().orElseThrow().data().get("text/plain"));
  }

  @Test
  void compileErrorNamesTheCellLine() {
    CellResult r = engine.eval("int a = 1;\n\nint b = undefinedName + 1;");
    assertEquals(CellStatus.ERROR, r.status());
    CellError e = r.error().orElseThrow();
    assertEquals("CompileError", e.ename());
    assertTrue(e.evalue().startsWith("line 3: cannot find symbol"), e.evalue());
    assertTrue(e.evalue().contains("undefinedName"), e.evalue());
    assertTrue(e.traceback().stream().anyMatch(l -> l.contains("int b = undefinedName + 1;")));
    assertStillWorks();
  }

  @Test
  void unfinishedCellIsACompileError() {
    CellResult r = engine.eval("for (int i = 0; i < 3; i++) {\n  System.out.println(i);\n");
    assertEquals(CellStatus.ERROR, r.status());
    assertTrue(r.error().orElseThrow().evalue().startsWith("line 1:"));
  }

  @Test
  void runtimeErrorShowsOnlyUserFrames() {
    CellResult r =
        engine.eval(
            "int half(int d) {\n  return 1 / d;\n}\nSystem.out.println(\"before\");\nhalf(0);");
    assertEquals(CellStatus.ERROR, r.status());
    CellError e = r.error().orElseThrow();
    assertEquals("java.lang.ArithmeticException", e.ename());
    assertEquals("/ by zero", e.evalue());
    assertEquals("before\n", r.stdout());
    assertEquals(
        List.of(
            "java.lang.ArithmeticException: / by zero",
            "    at half (line 2)",
            "    at cell (line 5)"),
        e.traceback());
    CellResult later = engine.eval("half(0);");
    assertTrue(
        later
            .error()
            .orElseThrow()
            .traceback()
            .contains("    at half (cell " + (cellNumberOf(later) - 1) + ", line 2)"),
        later.error().toString());
    assertStillWorks();
  }

  private static int cellNumberOf(CellResult r) {
    String frame = r.error().orElseThrow().traceback().get(1);
    return Integer.parseInt(frame.replaceAll(".*cell (\\d+),.*", "$1")) + 1;
  }

  @Test
  void exceptionCausesAreShown() {
    CellResult r =
        engine.eval("throw new RuntimeException(\"outer\", new IllegalStateException(\"inner\"));");
    List<String> tb = r.error().orElseThrow().traceback();
    assertTrue(tb.contains("Caused by: java.lang.IllegalStateException: inner"), tb.toString());
    assertFalse(tb.stream().anyMatch(l -> l.contains("vaecourse.engine")), tb.toString());
  }

  @Test
  void exceptionsDeclaredInACellGoByTheirOwnName() {
    CellResult r = engine.eval("class Boom extends RuntimeException {}\nthrow new Boom();");
    assertEquals("Boom", r.error().orElseThrow().ename());
    assertEquals("Boom", r.error().orElseThrow().traceback().get(0));
  }

  @Test
  void aPercentLineInsideATextBlockIsNotAMagic() {
    CellResult r = engine.eval("String block = \"\"\"\n  %jars nothing\n  \"\"\";\nblock.strip()");
    assertEquals(CellStatus.OK, r.status(), () -> r.error().toString());
    assertEquals("%jars nothing", r.value().orElseThrow().data().get("text/plain"));
  }

  @Test
  void timeoutStopsAnInfiniteLoop() {
    long start = System.nanoTime();
    CellResult r =
        engine.eval(
            "System.out.println(\"spinning\");\nwhile (true) {}", OutputSink.NONE, SHORT_TIMEOUT);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(CellStatus.TIMEOUT, r.status());
    assertEquals("spinning\n", r.stdout());
    assertTrue(millis < STOP_WITHIN_MILLIS, "took " + millis + " ms");
    assertStillWorks();
  }

  @Test
  void timeoutStopsSleepAndSkipsTheRestOfTheCell() {
    CellResult r =
        engine.eval(
            "Thread.sleep(60_000);\nSystem.out.println(\"never\");",
            OutputSink.NONE,
            SHORT_TIMEOUT);
    assertEquals(CellStatus.TIMEOUT, r.status());
    assertEquals("", r.stdout());
    assertStillWorks();
  }

  @Test
  void interruptStopsARunningCell() throws Exception {
    CompletableFuture<CellResult> running =
        CompletableFuture.supplyAsync(() -> engine.eval("long n = 0;\nwhile (true) { n++; }"));
    Thread.sleep(300);
    long start = System.nanoTime();
    engine.interrupt();
    CellResult r = running.get(STOP_WITHIN_MILLIS, TimeUnit.MILLISECONDS);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(CellStatus.INTERRUPTED, r.status());
    assertTrue(millis < STOP_WITHIN_MILLIS, "interrupt took " + millis + " ms");
    assertStillWorks();
  }

  @Test
  void anInterruptForACellNotYetStartedStopsItWhenItStarts() {
    engine.interruptCurrentOrNext();
    assertEquals(CellStatus.INTERRUPTED, engine.eval("while (true) {}").status());
    engine.interruptCurrentOrNext();
    engine.clearPendingInterrupt();
    assertStillWorks();
  }

  @Test
  void interruptWhileIdleIsHarmless() {
    engine.interrupt();
    engine.interrupt();
    assertStillWorks();
  }

  @Test
  void systemExitIsTrappedAndReported() {
    engine.eval("int beforeExit = 5;");
    CellResult r =
        engine.eval("System.out.println(\"a\");\nSystem.exit(3);\nSystem.out.println(\"b\");");
    assertEquals(CellStatus.EXIT, r.status(), r::toString);
    assertEquals("a\n", r.stdout());
    assertTrue(r.error().orElseThrow().evalue().contains("System.exit(3)"));
    assertEquals("6", engine.eval("beforeExit + 1").value().orElseThrow().data().get("text/plain"));
  }

  @Test
  void exitIsReportedEvenWhenTheCellCatchesIt() {
    // The exit must end the loop: the engine's own 30 s limit only keeps a failure from hanging.
    CellResult r = engine.eval("try { System.exit(1); } catch (Exception e) { }\nwhile (true) {}");
    assertEquals(CellStatus.EXIT, r.status(), r::toString);
    assertStillWorks();
  }

  @Test
  void outputBeyondTheCapIsDroppedWithANote() {
    CellResult r = engine.eval("for (int i = 0; i < 100_000; i++) System.out.println(i);");
    assertEquals(CellStatus.OUTPUT_LIMIT, r.status());
    assertTrue(r.stdout().length() <= MAX_OUTPUT + 200, "kept " + r.stdout().length());
    assertTrue(r.stdout().contains("[output truncated"), "no note");
    assertTrue(r.stdout().startsWith("0\n1\n2\n"));
    assertStillWorks();
  }

  @Test
  void objectsWithAMimeBundleDisplayRichly() {
    engine.eval(
        "record Table(String html) {\n"
            + "  public Map<String, String> toMimeBundle() {\n"
            + "    return Map.of(\"text/html\", html, \"text/plain\", \"a table\");\n"
            + "  }\n"
            + "}");
    CellResult r = engine.eval("new Table(\"<table><tr><td>x</td></tr></table>\")");
    assertEquals(CellStatus.OK, r.status());
    DisplayOutput v = r.value().orElseThrow();
    assertEquals("<table><tr><td>x</td></tr></table>", v.data().get("text/html"));
    assertEquals("a table", v.data().get("text/plain"));
    CellResult shown = engine.eval("display(new Table(\"<b>y</b>\"), \"text/html\");");
    assertEquals(java.util.Map.of("text/html", "<b>y</b>"), shown.outputs().get(0).data());
  }

  @Test
  void imagesDisplayAsPng() {
    CellResult r =
        engine.eval(
            "var img = new java.awt.image.BufferedImage(4, 3,"
                + " java.awt.image.BufferedImage.TYPE_INT_RGB);\nimg");
    String png = (String) r.value().orElseThrow().data().get("image/png");
    byte[] bytes = java.util.Base64.getDecoder().decode(png);
    assertEquals((byte) 0x89, bytes[0]);
    assertEquals('P', bytes[1]);
  }

  @Test
  void updateDisplayReplacesAnEarlierOutputOfTheCell() {
    CellResult r = engine.eval("String id = display(\"old\");\nupdateDisplay(id, \"new\");");
    assertEquals("new", r.outputs().get(0).data().get("text/plain"));
  }

  @Test
  void renderGivesDisplayDataThatShowsAsTheValue() {
    CellResult r = engine.eval("render(\"<i>r</i>\", \"text/html\")");
    assertEquals("<i>r</i>", r.value().orElseThrow().data().get("text/html"));
  }

  @Test
  void loadRunsAFileOfSnippets(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("helpers.jsh");
    Files.writeString(file, "int triple(int x) {\n  return 3 * x;\n}\n");
    CellResult r = engine.eval("%load " + file + "\ntriple(5)");
    assertEquals(CellStatus.OK, r.status(), () -> r.error().toString());
    assertEquals("15", r.value().orElseThrow().data().get("text/plain"));
  }

  @Test
  void mavenResolvesFromTheLocalRepository() {
    CellResult r =
        engine.eval(
            "%maven com.google.code.gson:gson:2.11.0\nnew com.google.gson.Gson().toJson(1)");
    assertEquals(CellStatus.OK, r.status(), () -> r.error().toString());
    assertEquals("1", r.value().orElseThrow().data().get("text/plain"));
  }

  @Test
  void mavenOfflineFailsWithAClearMessage() {
    CellResult r = engine.eval("%maven org.example.absent:nothing:0.0.1");
    assertEquals(CellStatus.ERROR, r.status());
    CellError e = r.error().orElseThrow();
    assertEquals("MagicError", e.ename());
    assertTrue(e.evalue().contains("org.example.absent:nothing:0.0.1"), e.evalue());
    assertTrue(e.evalue().contains("offline"), e.evalue());
    assertStillWorks();
  }

  @Test
  void jarsAddsMatchingJars(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("none");
    CellResult r = engine.eval("%jars " + missing + "/*.jar");
    assertEquals("MagicError", r.error().orElseThrow().ename());
    assertTrue(r.error().orElseThrow().evalue().contains("is not a folder"));
  }

  @Test
  void completionAndDocumentationComeFromJShell() {
    String code = "String s2 = \"\"; s2.toUpperC";
    Engine.Completion c = engine.complete(code, code.length());
    assertTrue(c.options().contains("toUpperCase("), c.options().toString());
    assertEquals(code.indexOf("toUpperC"), c.start());
    assertEquals("complete", engine.completeness("int x = 1;"));
    assertEquals("incomplete", engine.completeness("for (int i = 0; i < 2; i++) {"));
  }
}
