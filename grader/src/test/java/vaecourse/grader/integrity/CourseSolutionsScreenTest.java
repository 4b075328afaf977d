package vaecourse.grader.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import vaecourse.grader.notebook.Cell;
import vaecourse.grader.notebook.CellRole;
import vaecourse.grader.notebook.Notebook;
import vaecourse.grader.notebook.NotebookIo;
import vaecourse.grader.pipeline.AssignmentSource;
import vaecourse.grader.pipeline.Generator;
import vaecourse.grader.pipeline.Releases;

/**
 * The course's own reference answers pass the screen (so the rules refuse no honest answer the
 * notebooks ask for), and the library calls the "from tensor ops" tasks forbid are refused.
 */
class CourseSolutionsScreenTest {
  private static final Path SOLUTIONS = Path.of("..", "solutions");
  private static final Path LIB_CLASSES = Path.of("..", "lib", "target", "classes");

  private static List<Path> notebooks() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(SOLUTIONS), "no solutions folder");
    return Generator.sources(SOLUTIONS);
  }

  private static ClassIndex index() {
    return ClassIndex.ofClassPath(List.of(LIB_CLASSES.toString()));
  }

  @Test
  void everyReferenceAnswerPasses() throws Exception {
    int screened = 0;
    for (Path p : notebooks()) {
      Notebook solution = NotebookIo.read(p);
      AssignmentSource source = Releases.fromSolution(p.getFileName().toString(), solution);
      NotebookRules rules = NotebookRules.of(source.gradingRelease(), index());
      Set<String> helpers = new HashSet<>();
      for (Cell c : solution.cells()) {
        if (c.role() != CellRole.ANSWER || c.type() != Cell.Type.CODE) {
          continue;
        }
        String gid = c.gradeId().orElseThrow();
        String answer = c.source();
        List<Violation> v = AnswerScreen.screen(answer, rules.forAnswer(gid), helpers);
        assertEquals(List.of(), v, p.getFileName() + " " + gid);
        assertFalse(rules.forAnswer(gid).forbid().isEmpty(), gid + " has task rules");
        screened++;
      }
    }
    assertTrue(screened >= 8, "screened " + screened + " answers");
  }

  @Test
  void theLibrarysReferenceAnswersAreForbidden() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(LIB_CLASSES), "library not compiled");
    List<String> messages = new ArrayList<>();
    for (Path p : notebooks()) {
      AssignmentSource source =
          Releases.fromSolution(p.getFileName().toString(), NotebookIo.read(p));
      NotebookRules rules = NotebookRules.of(source.gradingRelease(), index());
      CellRules kl = rules.forAnswer("kl_standard_normal");
      if (kl != null) {
        List<Violation> v =
            AnswerScreen.screen(
                "NDArray klStandardNormal(NDArray mu, NDArray logVar) {\n"
                    + "  return KlDivergence.diagonalToStandardNormal(mu, logVar);\n}",
                kl,
                new HashSet<>());
        assertTrue(v.stream().anyMatch(x -> x.kind() == Violation.Kind.FORBIDDEN), v.toString());
        v.forEach(x -> messages.add(x.message()));
      }
      CellRules lp = rules.forAnswer("log_normal_diag");
      if (lp != null) {
        List<Violation> v =
            AnswerScreen.screen(
                "NDArray logNormalDiag(NDArray z, NDArray mu, NDArray logVar) {\n"
                    + "  return vaecourse.distributions.LogDensities.normalDiag(z, mu, logVar);\n}",
                lp,
                new HashSet<>());
        assertTrue(v.stream().anyMatch(x -> x.kind() == Violation.Kind.FORBIDDEN), v.toString());
        v.forEach(x -> messages.add(x.message()));
      }
      CellRules lb = rules.forAnswer("log_bernoulli");
      if (lb != null) {
        List<Violation> v =
            AnswerScreen.screen(
                "NDArray logBernoulli(NDArray x, NDArray logits) {\n"
                    + "  return LogDensities.bernoulliLogits(x, logits);\n}",
                lb,
                new HashSet<>());
        assertTrue(v.stream().anyMatch(x -> x.kind() == Violation.Kind.FORBIDDEN), v.toString());
        v.forEach(x -> messages.add(x.message()));
      }
    }
    assertTrue(
        String.join("\n", messages).contains("KlDivergence")
            && String.join("\n", messages).contains("LogDensities"),
        String.join("\n", messages));
  }
}
