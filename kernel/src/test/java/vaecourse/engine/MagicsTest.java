package vaecourse.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaecourse.engine.magics.TestRepository;

/** The magics run by the engine: %load of notebooks, %time, %mavenRepo and %%loadFromPOM. */
class MagicsTest {
  private static final Pattern CPU =
      Pattern.compile(
          "CPU times: user \\d+\\.\\d{3} s, sys \\d+\\.\\d{3} s, total \\d+\\.\\d{3} s");
  private static final Pattern WALL = Pattern.compile("Wall time: (\\d+\\.\\d{3}) s");

  @TempDir static Path dir;
  private static Engine engine;
  private static TestRepository repo;

  @BeforeAll
  static void start() throws Exception {
    repo = new TestRepository(dir.resolve("repo"));
    repo.artifactWithClass(
        "com.example:greeter:1.0",
        "",
        "com.example.Greeter",
        "package com.example; public class Greeter {"
            + " public static String hi(String n) { return \"hi \" + n; } }");
    // Nothing reaches the network or the user's ~/.m2.
    System.setProperty("vaecourse.maven.remote", "http://127.0.0.1:9/maven2/");
    System.setProperty("maven.repo.local", dir.resolve("m2").toString());
    engine = Engine.create(EngineConfig.defaults().withCellTimeout(Duration.ofSeconds(60)));
  }

  @AfterAll
  static void stop() {
    engine.close();
    System.clearProperty("vaecourse.maven.remote");
    System.clearProperty("maven.repo.local");
  }

  private static CellResult ok(String cell) {
    CellResult r = engine.eval(cell);
    assertEquals(CellStatus.OK, r.status(), () -> cell + "\n" + r.error());
    return r;
  }

  private static String value(CellResult r) {
    return (String) r.value().orElseThrow().data().get("text/plain");
  }

  private static String notebook(String... codeCells) {
    StringBuilder sb = new StringBuilder("{\"cells\": [");
    sb.append("{\"cell_type\": \"markdown\", \"metadata\": {}, \"source\": [\"# helpers\"]}");
    for (String c : codeCells) {
      sb.append(", {\"cell_type\": \"code\", \"metadata\": {}, \"outputs\": [], \"source\": ")
          .append(com.google.gson.JsonParser.parseString(new com.google.gson.Gson().toJson(c)))
          .append("}");
    }
    return sb.append("], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}").toString();
  }

  @Test
  void aNotebookNamedWithoutExtensionRunsItsCodeCellsInOrderWithTheirMagics() throws Exception {
    Path utils = Files.createDirectories(dir.resolve("utils"));
    Files.writeString(utils.resolve("shapes.jsh"), "int square(int x) { return x * x; }\n");
    Files.writeString(
        utils.resolve("imports.ipynb"),
        notebook(
            "%load " + utils.resolve("shapes"),
            "int base = square(3);",
            "int twice = 2 * base;\ntwice"));
    CellResult r = ok("%load " + utils.resolve("imports") + "\nbase + twice");
    assertEquals("27", value(r));
    assertEquals(1, r.outputs().size(), "a loaded notebook shows no values of its own");
  }

  @Test
  void anErrorInALoadedNotebookNamesItsCell() throws Exception {
    Path nb = dir.resolve("broken.ipynb");
    Files.writeString(nb, notebook("int fine = 1;", "int broken = missingName;"));
    CellResult r = engine.eval("%load " + nb);
    CellError e = r.error().orElseThrow();
    assertEquals("CompileError", e.ename());
    assertTrue(e.evalue().startsWith(nb + ", code cell 2: line 1: cannot find symbol"), e.evalue());
  }

  @Test
  void aNotebookThatLoadsItselfIsStopped() throws Exception {
    Path nb = dir.resolve("loop.ipynb");
    Files.writeString(nb, notebook("%load " + nb));
    CellError e = engine.eval("%load " + nb).error().orElseThrow();
    assertTrue(e.evalue().contains("would load " + nb + " again"), e.evalue());
    assertEquals("3", value(ok("1 + 2")));
  }

  @Test
  void timeRunsTheCodeShowsItsValueThenCpuAndWallTime() {
    CellResult r = ok("%time Thread.sleep(200); 6 * 7");
    assertEquals("42", value(r));
    List<DisplayOutput> shown =
        r.outputs().stream()
            .filter(o -> o.outputType().equals(DisplayOutput.DISPLAY_DATA))
            .toList();
    assertEquals(2, shown.size(), r.outputs().toString());
    assertTrue(CPU.matcher((String) shown.get(0).data().get("text/plain")).matches());
    var wall = WALL.matcher((String) shown.get(1).data().get("text/plain"));
    assertTrue(wall.matches(), shown.get(1).data().toString());
    // It slept 200 ms: the wall clock cannot read less, and a busy machine adds little.
    double seconds = Double.parseDouble(wall.group(1));
    assertTrue(seconds >= 0.2 && seconds < 10, "wall " + seconds);
  }

  @Test
  void timeAsACellMagicRunsMagicsInItsBody() throws Exception {
    Path helper = dir.resolve("inc.jsh");
    Files.writeString(helper, "int inc(int x) { return x + 1; }\n");
    CellResult r = ok("%%time\n%load " + helper + "\ninc(41)");
    assertEquals("42", value(r));
  }

  @Test
  void aRepositoryFolderThenADependencyFromIt() {
    ok("%mavenRepo course " + repo.root() + "\n%addMavenDependency com.example:greeter:1.0");
    assertEquals("hi there", value(ok("com.example.Greeter.hi(\"there\")")));
    assertTrue(
        Files.isRegularFile(
            dir.resolve("m2").resolve(TestRepository.path("com.example:greeter:1.0", "jar"))));
  }

  @Test
  void loadFromPomAsACellTakesLooseRepositoryAndDependencyElements() throws Exception {
    TestRepository other = new TestRepository(dir.resolve("other"));
    other.artifactWithClass(
        "org.other:adder:2",
        "",
        "org.other.Adder",
        "package org.other; public class Adder { public static int add(int a, int b) {"
            + " return a + b; } }");
    ok(
        "%%loadFromPOM\n<repository><id>other</id><url>"
            + other.url()
            + "</url></repository>\n<dependency><groupId>org.other</groupId>"
            + "<artifactId>adder</artifactId><version>2</version></dependency>");
    assertEquals("5", value(ok("org.other.Adder.add(2, 3)")));
  }

  @Test
  void unknownMagicsListTheKnownOnes() {
    CellError e = engine.eval("%nosuch x").error().orElseThrow();
    assertEquals("MagicError", e.ename());
    assertTrue(e.evalue().contains("%mavenRepo, %loadFromPOM, %load and %time"), e.evalue());
    CellError c = engine.eval("%%nosuch\nx").error().orElseThrow();
    assertTrue(c.evalue().contains("%%loadFromPOM and %%time"), c.evalue());
  }
}
