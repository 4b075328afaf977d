package vaecourse.engine;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * What the stop checks cost (a benchmark that prints figures, not a test): the rewrite of a class
 * file, and a tight numeric loop run as a cell (rewritten) against the same loop compiled by javac
 * (not rewritten). Run with {@code mvn -q -B -pl kernel test-compile} then {@code java -cp
 * kernel/target/classes:kernel/target/test-classes:$(ASM jar) vaecourse.engine.StopCheckBench}.
 */
final class StopCheckBench {
  private static final long TURNS = 300_000_000L;
  private static final int REPEATS = 5;
  private static final int REWRITES = 2000;

  private StopCheckBench() {}

  /** The loop the cell runs, compiled by javac and never rewritten. */
  static double plainLoop(long turns) {
    double s = 0;
    for (long i = 0; i < turns; i++) {
      s += Math.sqrt(i);
    }
    return s;
  }

  public static void main(String[] args) throws IOException {
    byte[] classFile;
    try (InputStream in = Engine.class.getResourceAsStream("Engine.class")) {
      classFile = in.readAllBytes();
    }
    for (int i = 0; i < REWRITES; i++) {
      SnippetInstrumenter.instrument(classFile); // warm-up
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < REWRITES; i++) {
      SnippetInstrumenter.instrument(classFile);
    }
    double rewriteMicros = (System.nanoTime() - t0) / 1e3 / REWRITES;
    System.out.printf(
        "rewrite of Engine.class (%d bytes, larger than a cell's classes): %.1f us%n",
        classFile.length, rewriteMicros);

    // The engine takes over System.out for the cells: report on the stream it replaced.
    java.io.PrintStream out = System.out;
    try (Engine engine = Engine.create(EngineConfig.defaults().withCellTimeout(Duration.ZERO))) {
      String cell =
          "double s = 0;\nfor (long i = 0; i < " + TURNS + "L; i++) s += Math.sqrt(i);\ns";
      for (int r = 0; r < REPEATS; r++) {
        long a = System.nanoTime();
        double plain = plainLoop(TURNS);
        double plainMs = (System.nanoTime() - a) / 1e6;
        long b = System.nanoTime();
        CellResult res = engine.eval(cell);
        double cellMs = (System.nanoTime() - b) / 1e6;
        out.printf(
            "run %d: %d turns of s += sqrt(i): javac-compiled %.0f ms, as a cell (with checks,"
                + " compile included) %.0f ms; %s, sums %s / %.6e%n",
            r,
            TURNS,
            plainMs,
            cellMs,
            res.status(),
            res.value().map(v -> v.data().get("text/plain")).orElse("?"),
            plain);
      }
      long c = System.nanoTime();
      engine.eval("int x = 1;");
      out.printf("a one-line cell: %.1f ms%n", (System.nanoTime() - c) / 1e6);
    }
  }
}
