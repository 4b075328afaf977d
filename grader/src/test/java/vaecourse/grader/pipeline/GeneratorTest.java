package vaecourse.grader.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaecourse.grader.notebook.Notebook;
import vaecourse.grader.notebook.NotebookIo;
import vaecourse.grader.testing.Fixtures;

class GeneratorTest {
  @TempDir Path dir;

  @Test
  void generatesDeterministicallyAndChecks() throws Exception {
    Path solutions = Fixtures.writeSolution(dir.resolve("solutions"));
    Path out = dir.resolve("notebooks");
    Generator.Outcome first = Generator.run(solutions, out, false);
    assertTrue(first.ok());
    assertEquals(1, first.written().size());
    byte[] bytes = Files.readAllBytes(out.resolve("adder.ipynb"));
    Generator.Outcome second = Generator.run(solutions, out, false);
    assertEquals(0, second.written().size(), "an unchanged file is not rewritten");
    assertTrue(Generator.run(solutions, out, true).ok());
    assertEquals(new String(bytes), Files.readString(out.resolve("adder.ipynb")));

    String text = Files.readString(out.resolve("adder.ipynb"));
    assertFalse(text.contains("return a + b"), "solution removed");
    assertFalse(text.contains("add(-1, 1)"), "hidden test removed");
    assertFalse(text.contains("integer addition commutes"), "written solution removed");
    assertTrue(text.contains("YOUR ANSWER HERE"));
    Notebook nb = NotebookIo.read(out.resolve("adder.ipynb"));
    assertEquals("adder", nb.assignment().orElseThrow());

    Files.writeString(out.resolve("adder.ipynb"), text.replace("Fill in", "Fill  in"));
    Files.writeString(out.resolve("stray.ipynb"), "{}");
    Generator.Outcome check = Generator.run(solutions, out, true);
    assertEquals(2, check.differing().size(), check.differing().toString());
  }

  @Test
  void malformedSourceWritesNothing() throws Exception {
    Path solutions = dir.resolve("solutions");
    Notebook bad = Fixtures.solution();
    bad.add(Fixtures.test("add-test", 1, "again();"));
    Files.createDirectories(solutions);
    NotebookIo.write(bad, solutions.resolve("bad.ipynb"));
    Generator.Outcome o = Generator.run(solutions, dir.resolve("out"), false);
    assertFalse(o.ok());
    assertTrue(
        o.problems().get(0).toString().startsWith("bad.ipynb: cell 9 (add-test):"),
        o.problems().toString());
    assertFalse(Files.exists(dir.resolve("out")));
  }
}
