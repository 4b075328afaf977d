package vaecourse.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stopping cells on the JDK running the test (17, 21 or 25: no {@code Thread.stop}, no security
 * manager): interrupts and timeouts end runaway loops within {@link #STOP_WITHIN_MILLIS}, exit
 * calls are reported, and the notebook's variables survive each of them.
 */
class StopTest {
  /** How soon a stop must take effect, as the kernel promises its users. */
  private static final long STOP_WITHIN_MILLIS = 2000;

  /** How long a runaway cell runs before the test interrupts it. */
  private static final long RUN_BEFORE_INTERRUPT_MILLIS = 500;

  /** Guards the test against a hang; a working stop never comes near it. */
  private static final Duration GUARD_TIMEOUT = Duration.ofSeconds(60);

  /**
   * Cells that never end on their own: an empty loop and a tight numeric loop. Each says "started"
   * once its loop runs (not while it compiles), so that the interrupt finds it looping.
   */
  private static final String EMPTY_LOOP =
      "{\n  System.out.println(\"started\");\n  while (true) {}\n}";

  private static final String NUMERIC_LOOP =
      "double s = 0;\n"
          + "for (long i = 0; ; i++) {\n"
          + "  s += Math.sqrt(i);\n"
          + "  turns = i;\n"
          + "  if (i == 0) System.out.println(\"started\");\n"
          + "}";

  private static Engine engine;

  @BeforeAll
  static void start() {
    engine = Engine.create(EngineConfig.defaults().withCellTimeout(GUARD_TIMEOUT));
    ok("int kept = 41;");
    ok("long turns = 0;");
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  private static String ok(String cell) {
    CellResult r = engine.eval(cell);
    assertEquals(CellStatus.OK, r.status(), r::toString);
    return r.value().map(v -> (String) v.data().get("text/plain")).orElse("");
  }

  /**
   * Runs a cell on another thread, interrupts it once it has printed (its loop runs) and run a
   * little, and returns it; {@code stopMillis[0]} gets the time from interrupt to result.
   */
  private static CellResult interruptAfterStart(String cell, long[] stopMillis) throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    OutputSink sink =
        new OutputSink() {
          @Override
          public void stdout(String text) {
            started.countDown();
          }
        };
    CompletableFuture<CellResult> running =
        CompletableFuture.supplyAsync(() -> engine.eval(cell, sink, GUARD_TIMEOUT));
    assertTrue(started.await(GUARD_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the cell never ran");
    Thread.sleep(RUN_BEFORE_INTERRUPT_MILLIS);
    long start = System.nanoTime();
    engine.interruptCurrentOrNext();
    CellResult r = running.get(GUARD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    stopMillis[0] = (System.nanoTime() - start) / 1_000_000;
    return r;
  }

  @Test
  void interruptStopsAnEmptyLoopAndKeepsTheVariables() throws Exception {
    long[] millis = new long[1];
    CellResult r = interruptAfterStart(EMPTY_LOOP, millis);
    assertEquals(CellStatus.INTERRUPTED, r.status(), r::toString);
    assertTrue(millis[0] < STOP_WITHIN_MILLIS, "the interrupt took " + millis[0] + " ms");
    assertEquals("42", ok("kept + 1"));
  }

  @Test
  void interruptStopsATightNumericLoopAndKeepsWhatItComputed() throws Exception {
    ok("turns = 0;");
    long[] millis = new long[1];
    CellResult r = interruptAfterStart(NUMERIC_LOOP, millis);
    assertEquals(CellStatus.INTERRUPTED, r.status(), r::toString);
    assertTrue(millis[0] < STOP_WITHIN_MILLIS, "the interrupt took " + millis[0] + " ms");
    // The loop's progress stays visible: the state is the one it left, not a fresh one.
    assertEquals("true", ok("turns > 1000"));
    assertEquals("true", ok("s > 0"));
    assertEquals("42", ok("kept + 1"));
  }

  @Test
  void aCellThatCatchesTheStopAndLoopsOnStillStops() throws Exception {
    long[] millis = new long[1];
    CellResult r =
        interruptAfterStart(
            "{ System.out.println(\"started\");\n"
                + "  while (true) { try { while (true) {} } catch (Throwable t) { turns++; } } }",
            millis);
    assertEquals(CellStatus.INTERRUPTED, r.status(), r::toString);
    assertTrue(millis[0] < STOP_WITHIN_MILLIS, "the interrupt took " + millis[0] + " ms");
    assertEquals("42", ok("kept + 1"));
  }

  @Test
  void aLoopInAMethodDeclaredInAnEarlierCellStops() throws Exception {
    ok("long spin(long n) { long k = 0; while (k >= 0) { k += n; k %= 1_000_003; } return k; }");
    long[] millis = new long[1];
    CellResult r = interruptAfterStart("{ System.out.println(\"started\"); spin(7); }", millis);
    assertEquals(CellStatus.INTERRUPTED, r.status(), r::toString);
    assertTrue(millis[0] < STOP_WITHIN_MILLIS, "the interrupt took " + millis[0] + " ms");
  }

  @Test
  void aTimeoutStopsATightLoopAndTheNextCellRuns() {
    Duration limit = Duration.ofSeconds(1);
    long start = System.nanoTime();
    CellResult r = engine.eval(NUMERIC_LOOP, OutputSink.NONE, limit);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(CellStatus.TIMEOUT, r.status(), r::toString);
    assertTrue(r.error().orElseThrow().evalue().contains("1 s"), r::toString);
    assertTrue(
        millis < limit.toMillis() + STOP_WITHIN_MILLIS,
        "a 1 s limit took " + millis + " ms to stop the cell");
    assertEquals("42", ok("kept + 1"));
  }

  @Test
  void everyWayToExitIsReportedAndTheEngineGoesOn() {
    String[] exits = {
      "System.exit(3);",
      "Runtime.getRuntime().exit(4);",
      "Runtime.getRuntime().halt(5);",
      "java.util.function.IntConsumer quit = System::exit;\nquit.accept(6);",
      "void leave() { System.exit(7); }\nleave();",
      "new Thread(() -> System.exit(8)).run();",
    };
    int status = 3;
    for (String cell : exits) {
      CellResult r = engine.eval("System.out.println(\"before\");\n" + cell + "\nkept = 0;");
      assertEquals(CellStatus.EXIT, r.status(), () -> cell + ": " + r);
      assertEquals("before\n", r.stdout(), cell);
      String message = r.error().orElseThrow().evalue();
      assertTrue(message.contains("System.exit(" + status + ")"), cell + ": " + message);
      assertEquals("42", ok("kept + 1"), "the rest of the cell ran after " + cell);
      status++;
    }
  }

  @Test
  void instrumentedLoopsComputeWhatTheyDidBefore() {
    // Sum of 1..1000 = 500500 and of the squares 1000*1001*2001/6 = 333833500 (closed forms).
    assertEquals("500500", ok("long t = 0;\nfor (int i = 1; i <= 1000; i++) t += i;\nt"));
    assertEquals(
        "333833500",
        ok("long q = 0; int j = 0;\ndo { j++; q += (long) j * j; } while (j < 1000);\nq"));
  }
}
