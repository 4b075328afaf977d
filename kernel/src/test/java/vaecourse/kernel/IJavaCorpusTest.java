package vaecourse.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaecourse.engine.magics.TestRepository;
import vaecourse.kernel.JupyterRun.Result;

/**
 * Notebooks written for IJava (src/test/resources/ijava-corpus, one per behaviour), each run by the
 * real Jupyter client in its own folder, as Jupyter runs a notebook: {@code chapter/} loads from
 * {@code ../utils}, adds jars from {@code ../lib}, classes from {@code ../classes} and Maven
 * artifacts from the file repository {@code ../repo} that this test writes.
 */
class IJavaCorpusTest {
  private static final String KERNEL = "vae-java-corpus";
  private static final String FRESH = "vae-java-corpus-fresh";
  private static final Pattern WALL = Pattern.compile("Wall time: (\\d+\\.\\d{3}) s");

  @TempDir static Path work;
  private static JupyterRun jupyter;
  private static Path chapter;

  @BeforeAll
  static void corpus() throws Exception {
    assumeTrue(
        JupyterRun.jupyterAvailable(),
        "Jupyter (python3-nbclient, python3-nbformat) is not installed for /usr/bin/python3:"
            + " skipping the IJava notebook corpus");
    Path corpus = work.resolve("corpus");
    TestRepository repo = new TestRepository(corpus.resolve("repo"));
    repo.artifactWithClass(
        "com.example:words:1.0",
        "",
        "com.example.Words",
        "package com.example; public class Words {"
            + " public static String first() { return \"alpha\"; } }");
    repo.artifactWithClass(
        "com.example:greeter:1.0",
        "<dependencies><dependency><groupId>com.example</groupId><artifactId>words</artifactId>"
            + "<version>1.0</version></dependency></dependencies>",
        "com.example.Greeter",
        "package com.example; public class Greeter {"
            + " public static String hi(String n) { return \"hi \" + n; } }");
    copyCorpus(Path.of("src/test/resources/ijava-corpus"), corpus, repo.url());
    writeJar(
        corpus.resolve("lib/greeter.jar"),
        "com.example.Greeter",
        "package com.example; public class Greeter {"
            + " public static String hi(String n) { return \"jar says hi \" + n; } }");
    Path shout = corpus.resolve("classes/corpus/Shout.class");
    Files.createDirectories(shout.getParent());
    Files.write(
        shout,
        TestRepository.compile(
            "corpus.Shout",
            "package corpus; public class Shout {"
                + " public static String up(String s) { return s.toUpperCase() + \"!\"; } }"));
    chapter = corpus.resolve("chapter");
    jupyter = new JupyterRun(work.resolve("jupyter"));
    // A local repository of its own: nothing from ~/.m2 answers, nothing is written there.
    jupyter.writeKernelspec(
        KERNEL,
        Map.of(),
        List.of(
            "-Dmaven.repo.local=" + work.resolve("m2"),
            "-Dvaecourse.maven.remote=http://127.0.0.1:9/maven2/"));
    jupyter.writeKernelspec(
        FRESH,
        Map.of(),
        List.of(
            "-Dmaven.repo.local=" + work.resolve("m2-fresh"),
            "-Dvaecourse.maven.remote=http://127.0.0.1:9/maven2/"));
  }

  private static void copyCorpus(Path from, Path to, String repoUrl) throws Exception {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          String text = Files.readString(f, StandardCharsets.UTF_8);
          Files.writeString(target, text.replace("@REPO_URL@", repoUrl), StandardCharsets.UTF_8);
        }
      }
    }
  }

  private static void writeJar(Path jar, String className, String source) throws Exception {
    Files.createDirectories(jar.getParent());
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry(className.replace('.', '/') + ".class"));
      out.write(TestRepository.compile(className, source));
      out.closeEntry();
    }
  }

  /** Runs a chapter notebook and checks that it ran cleanly (no errors, nothing on stderr). */
  private static Result run(String notebook) throws Exception {
    return run(KERNEL, notebook);
  }

  private static Result run(String kernel, String notebook) throws Exception {
    Result r = jupyter.run(kernel, chapter.resolve(notebook), work);
    assertEquals("", r.allErrors(), notebook + " has errors");
    assertEquals("", r.stderr(), notebook + " wrote to stderr");
    return r;
  }

  private static String value(Result r, int cell) {
    List<JsonObject> results = r.outputs(cell, "execute_result");
    assertEquals(1, results.size(), "cell " + cell + " outputs " + r.outputs(cell));
    return Result.data(results.get(0), "text/plain");
  }

  @Test
  void aNotebookLoadedWithoutItsExtensionFromASiblingFolder() throws Exception {
    Result r = run("load_notebook.ipynb");
    assertEquals(0, r.outputs(0).size(), "%load shows nothing: " + r.outputs(0));
    assertEquals("imports loaded", value(r, 1));
    // square comes from ../utils/helpers.jsh, which the loaded notebook itself loads.
    assertEquals("49", value(r, 2));
  }

  @Test
  void aJshScriptWithAndWithoutItsExtension() throws Exception {
    Result r = run("load_jsh.ipynb");
    assertEquals("144", value(r, 1));
    assertEquals("25", value(r, 2));
  }

  @Test
  void aJavaFileByItsBaseName() throws Exception {
    assertEquals("7", value(run("load_java.ipynb"), 1));
  }

  @Test
  void aFileWithoutAnyExtensionRunsAsItIs() throws Exception {
    assertEquals("5", value(run("load_plain.ipynb"), 1));
  }

  @Test
  void jarsAddsTheJarsAGlobMatches() throws Exception {
    assertEquals("jar says hi jars", value(run("jars.ipynb"), 1));
  }

  @Test
  void classpathAddsAFolderOfClasses() throws Exception {
    assertEquals("QUIET!", value(run("classpath.ipynb"), 1));
  }

  @Test
  void addMavenDependencyFromALocalFileRepositoryBringsItsDependencies() throws Exception {
    // A kernel with an empty local repository of its own, so both jars are downloaded here.
    Result r = run(FRESH, "maven.ipynb");
    // Words comes only as greeter's dependency in the repository's POM.
    assertEquals("hi maven alpha", value(r, 1));
    String log = r.outputs(0, "stream").stream().map(Result::text).reduce("", String::concat);
    assertTrue(log.contains("downloaded greeter-1.0.jar"), log);
    assertTrue(log.contains("downloaded words-1.0.jar"), log);
  }

  @Test
  void loadFromPomAsACellWithARepositoryAndADependency() throws Exception {
    assertEquals("hi pom", value(run("load_from_pom_cell.ipynb"), 1));
  }

  @Test
  void loadFromPomWithAFileNextToTheNotebook() throws Exception {
    assertEquals("alpha", value(run("load_from_pom_file.ipynb"), 1));
  }

  @Test
  void timeShowsCpuAndWallTimeAndTheValue() throws Exception {
    Result r = run("time.ipynb");
    List<JsonObject> shown = r.outputs(0, "display_data");
    assertEquals(2, shown.size(), r.outputs(0).toString());
    assertTrue(Result.data(shown.get(0), "text/plain").startsWith("CPU times: user "));
    Matcher wall = WALL.matcher(Result.data(shown.get(1), "text/plain"));
    assertTrue(wall.matches(), Result.data(shown.get(1), "text/plain"));
    double seconds = Double.parseDouble(wall.group(1));
    assertTrue(seconds >= 0.3 && seconds < 30, "slept 0.3 s, wall clock read " + seconds);
    assertEquals("499500", value(r, 1)); // 0 + 1 + ... + 999
    assertEquals(2, r.outputs(1, "display_data").size());
  }

  @Test
  void displayUpdateDisplayAndRender() throws Exception {
    Result r = run("display.ipynb");
    assertEquals("<b>shown</b>", Result.data(r.outputs(0, "display_data").get(0), "text/html"));
    assertEquals("second", Result.data(r.outputs(1, "display_data").get(0), "text/plain"));
    assertEquals(
        "<i>rendered</i>", Result.data(r.outputs(2, "execute_result").get(0), "text/html"));
  }
}
