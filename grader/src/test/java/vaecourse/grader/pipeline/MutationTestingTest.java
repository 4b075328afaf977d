package vaecourse.grader.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaecourse.grader.notebook.Cell;
import vaecourse.grader.testing.Fixtures;

class MutationTestingTest {

  @Test
  void readsTheAgreedFormat(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("01-x.json");
    Files.writeString(
        f,
        "{\"notebook\": \"01-x\", \"mutants\": [{\"task\": \"add-impl\", \"name\": \"minus\","
            + " \"source\": \"int add(int a, int b) { return a - b; }\"}]}");
    Map.Entry<String, List<MutationTesting.Mutant>> m = MutationTesting.read(f);
    assertEquals("01-x", m.getKey());
    assertEquals(
        List.of(
            new MutationTesting.Mutant(
                "add-impl", "minus", "int add(int a, int b) { return a - b; }")),
        m.getValue());
  }

  @Test
  void aMutantWithoutSourceIsNamedInTheError(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bad.json");
    Files.writeString(
        f, "{\"notebook\": \"01-x\", \"mutants\": [{\"task\": \"t\", \"name\": \"n\"}]}");
    IOException e = assertThrows(IOException.class, () -> MutationTesting.read(f));
    assertTrue(
        e.getMessage().contains("mutant 1") && e.getMessage().contains("source"), e.getMessage());
  }

  @Test
  void aTasksTestsRunToTheNextAnswerCell() {
    List<Cell> cells = Fixtures.solution().cells();
    int add = -1;
    for (int i = 0; i < cells.size(); i++) {
      if (cells.get(i).gradeId().orElse("").equals("add-impl")) {
        add = i;
      }
    }
    List<Integer> tests = MutationTesting.testsOf(cells, add);
    assertEquals(1, tests.size());
    assertEquals("add-test", cells.get(tests.get(0)).gradeId().orElseThrow());
  }
}
