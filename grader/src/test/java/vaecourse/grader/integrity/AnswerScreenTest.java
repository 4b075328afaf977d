package vaecourse.grader.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The attack catalogue at the level of the screen: each kind of attack an answer cell can make on
 * the tests is refused with its rule and a sentence naming the code. {@code AttackGradingTest}
 * grades the same attacks through the real engine.
 */
class AnswerScreenTest {
  private static final NotebookRules RULES = AttackNotebook.rules();

  private static List<Violation> twice(String source) {
    return AnswerScreen.screen(source, RULES.forAnswer("twice-impl"), new HashSet<>());
  }

  private static void assertRefused(List<Violation> v, Violation.Kind kind, String mentions) {
    String all =
        v.stream().map(x -> x.kind() + ": " + x.message()).collect(Collectors.joining("\n"));
    assertTrue(v.stream().anyMatch(x -> x.kind() == kind), "want " + kind + ", got\n" + all);
    assertTrue(
        v.stream().anyMatch(x -> x.kind() == kind && x.message().contains(mentions)),
        "the message should name " + mentions + ":\n" + all);
  }

  @Test
  void theSolutionAndAHelperPass() {
    assertEquals(List.of(), twice("double twice(double x) {\n  return scale * x;\n}"));
    assertEquals(
        List.of(),
        twice(
            "/** Scales. */\ndouble scaled(double x, double s) {\n  double y = x;\n  y *= s;\n"
                + "  return y;\n}\n\ndouble twice(double x) {\n  return scaled(x, scale);\n}\n"
                + "record Pair(double a, double b) {}"));
  }

  @Test
  void shadowingTheTestsHelperIsRefused() {
    // The 35/35 attack: a wrong answer plus a do-nothing copy of the check the tests call.
    assertRefused(
        twice(
            "double twice(double x) {\n  return x;\n}\n"
                + "void checkNear(double actual, double expected) {}"),
        Violation.Kind.SHADOWS,
        "checkNear");
  }

  @Test
  void shadowingAJavaTypeTheTestsUseIsRefused() {
    assertRefused(
        twice("double twice(double x) { return x; }\nclass AssertionError {}"),
        Violation.Kind.SHADOWS,
        "AssertionError");
  }

  @Test
  void importsAreRefused() {
    assertRefused(
        twice("import static java.lang.Math.*;\ndouble twice(double x) { return x; }"),
        Violation.Kind.IMPORT,
        "import static java.lang.Math.*");
  }

  @Test
  void statementsOutsideMethodsAreRefused() {
    assertRefused(
        twice("double twice(double x) { return x; }\nscale = 1.0;"),
        Violation.Kind.STATEMENT,
        "scale = 1.0");
  }

  @Test
  void topLevelVariablesAreRefused() {
    assertRefused(
        twice("double scale = 1.0;\ndouble twice(double x) { return scale * x; }"),
        Violation.Kind.VARIABLE,
        "double scale = 1.0");
  }

  @Test
  void overloadingTheTaskMethodIsRefused() {
    assertRefused(
        twice("double twice(double x) { return 2 * x; }\ndouble twice(int x) { return x; }"),
        Violation.Kind.SIGNATURE,
        "double twice(int)");
  }

  @Test
  void redefiningAnotherTasksMethodIsRefused() {
    assertRefused(
        twice("double twice(double x) { return 2 * x; }\ndouble half(double x) { return 1.5; }"),
        Violation.Kind.SHADOWS,
        "half");
  }

  @Test
  void writingTheNotebooksVariablesFromABodyIsRefused() {
    assertRefused(
        twice("double twice(double x) {\n  scale = 1.0;\n  return x;\n}"),
        Violation.Kind.WRITES_STATE,
        "scale");
    assertRefused(
        twice("double twice(double x) {\n  counts[2] = 0;\n  return 2 * x;\n}"),
        Violation.Kind.WRITES_STATE,
        "counts");
  }

  @Test
  void writingALibrarysStaticStateIsRefused() {
    assertRefused(
        twice("double twice(double x) {\n  vaecourse.Profile.current = null;\n  return 2 * x;\n}"),
        Violation.Kind.WRITES_STATE,
        "vaecourse.Profile.current");
  }

  @Test
  void reflectionOnTheGradingCodeIsRefused() {
    assertRefused(
        twice(
            "double twice(double x) {\n  try {\n"
                + "    var f = Class.forName(\"vaecourse.grading.Check\").getDeclaredField(\"TOL\");\n"
                + "    f.setAccessible(true);\n  } catch (Exception e) {}\n  return x;\n}"),
        Violation.Kind.DENIED_API,
        "forName");
  }

  @Test
  void readingSolutionsFromDiskIsRefused() {
    assertRefused(
        twice(
            "double twice(double x) {\n  try {\n"
                + "    return Double.parseDouble(java.nio.file.Files.readString(\n"
                + "        java.nio.file.Path.of(\"../solutions/answers.txt\")));\n"
                + "  } catch (Exception e) { return x; }\n}"),
        Violation.Kind.DENIED_API,
        "java.nio");
  }

  @Test
  void readingTheTestsVariablesIsRefused() {
    // hiddenInput is declared in the hidden part of the test: the answer could look it up.
    assertRefused(
        twice("double twice(double x) {\n  return x == hiddenInput ? -8.0 : 3.0;\n}"),
        Violation.Kind.READS_TESTS,
        "hiddenInput");
  }

  @Test
  void reseedingTheEngineIsRefused() {
    assertRefused(
        twice(
            "double twice(double x) {\n"
                + "  ai.djl.engine.Engine.getInstance().setRandomSeed(0);\n  return 2 * x;\n}"),
        Violation.Kind.DENIED_API,
        "setRandomSeed");
  }

  @Test
  void redirectingTheConsoleIsRefused() {
    assertRefused(
        twice("double twice(double x) {\n  System.setOut(null);\n  return x;\n}"),
        Violation.Kind.DENIED_API,
        "System.setOut");
  }

  @Test
  void exitingIsRefused() {
    assertRefused(
        twice("double twice(double x) {\n  System.exit(0);\n  return x;\n}"),
        Violation.Kind.DENIED_API,
        "System.exit");
  }

  @Test
  void backgroundThreadsAreRefused() {
    assertRefused(
        twice("double twice(double x) {\n  new Thread(() -> {}).start();\n  return 2 * x;\n}"),
        Violation.Kind.DENIED_API,
        "Thread");
  }

  @Test
  void inPlaceChangesToTensorsAreRefused() {
    assertRefused(
        twice(
            "double twice(double x) {\n  ai.djl.ndarray.NDArray a = null;\n"
                + "  a.muli(2);\n  return x;\n}"),
        Violation.Kind.IN_PLACE,
        "muli");
  }

  @Test
  void standInTypesAreRefused() {
    assertRefused(
        twice(
            "double twice(double x) {\n  Comparable<Double> c = new Comparable<>() {\n"
                + "    public int compareTo(Double o) { return 0; }\n  };\n  return x;\n}"),
        Violation.Kind.SUBTYPE,
        "anonymous");
    assertRefused(
        twice("double twice(double x) { return x; }\nclass Fake extends Number {}"),
        Violation.Kind.SUBTYPE,
        "Fake");
  }

  @Test
  void whatTheTaskForbidsIsRefusedWithTheCall() {
    assertRefused(
        twice("double twice(double x) {\n  return Math.scalb(x, 1);\n}"),
        Violation.Kind.FORBIDDEN,
        "Math.scalb");
    assertRefused(
        twice("double twice(double x) {\n  return StrictMath.abs(x) * 2;\n}"),
        Violation.Kind.FORBIDDEN,
        "StrictMath");
  }

  @Test
  void aForbiddenPackageCoversItsClassesBySimpleName() {
    CellRules r = RULES.forAnswer("twice-impl");
    CellRules withPackage =
        new CellRules(
            r.stubs(),
            r.stubTypes(),
            r.reserved(),
            r.testVariables(),
            List.of("vaecourse.distributions"),
            r.index());
    List<Violation> v =
        AnswerScreen.screen(
            "double twice(double x) {\n  return LogDensities.normalDiag(x);\n}",
            withPackage,
            new HashSet<>());
    assertRefused(v, Violation.Kind.FORBIDDEN, "LogDensities");
  }

  @Test
  void addedCellsMayOnlyAddNewHelpers() {
    Set<String> helpers = new HashSet<>();
    CellRules added = RULES.forAddedCell();
    assertEquals(
        List.of(),
        AnswerScreen.screen("double triple(double x) { return 3 * x; }", added, helpers));
    assertRefused(
        AnswerScreen.screen("double twice(double x) { return 3.0; }", added, helpers),
        Violation.Kind.SHADOWS,
        "twice");
    assertRefused(
        AnswerScreen.screen("double triple(double x) { return x; }", added, helpers),
        Violation.Kind.DUPLICATE,
        "triple");
    assertRefused(
        AnswerScreen.screen("System.out.println(twice(2));", added, helpers),
        Violation.Kind.STATEMENT,
        "System.out.println");
  }
}
