package vaecourse.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import vaecourse.engine.magics.CpuTimes;
import vaecourse.engine.magics.LoadSources;
import vaecourse.engine.magics.MagicException;
import vaecourse.engine.magics.MavenDependencies;
import vaecourse.engine.magics.PartialPom;

/**
 * IJava's magics, by IJava's names and arguments, plus JJava's {@code %time}:
 *
 * <ul>
 *   <li>{@code %jars GLOB...}, {@code %classpath GLOB...}: add jars (or folders) to the class path;
 *   <li>{@code %maven COORDS... [--from REPO]} (also {@code %addMavenDependency} and {@code
 *       %addMavenDependencies}): resolve artifacts with their dependencies, local repository first;
 *   <li>{@code %mavenRepo ID URL} (also {@code %addMavenRepo}): one more repository to search;
 *   <li>{@code %loadFromPOM FILE [SCOPE...]} and the cell {@code %%loadFromPOM [SCOPE...]} holding
 *       a POM or loose {@code <dependency>} and {@code <repository>} elements;
 *   <li>{@code %load NAME}: run a script or every code cell of a notebook, magics included (see
 *       {@link LoadSources} for how a name is found);
 *   <li>{@code %time CODE} and {@code %%time}: run code, then show CPU and wall time.
 * </ul>
 *
 * Relative paths start in the working directory, which Jupyter sets to the notebook's folder.
 */
final class Magics {
  /** A notebook that loads notebooks that load notebooks this deep is surely a cycle. */
  private static final int MAX_LOAD_DEPTH = 16;

  private final Engine engine;
  private final Deque<Path> loading = new ArrayDeque<>();
  private MavenDependencies maven;

  Magics(Engine engine) {
    this.engine = engine;
  }

  CellError lineMagic(Engine.CellRun run, String name, List<String> args) {
    try {
      switch (name) {
        case "jars":
        case "classpath":
          for (String pattern : args) {
            for (Path p : glob(pattern, name.equals("jars"))) {
              engine.addToClasspath(p.toString());
            }
          }
          return null;
        case "maven":
        case "addMavenDependency":
        case "addMavenDependencies":
          return addMaven(args);
        case "mavenRepo":
        case "addMavenRepo":
          if (args.size() != 2) {
            throw new MagicException(
                "needs a repository id and its URL, e.g. %mavenRepo mine"
                    + " https://repo.example.org/maven2/ (got "
                    + args.size()
                    + " arguments)");
          }
          maven().addRepository(args.get(0), args.get(1), workingDirectory());
          return null;
        case "loadFromPOM":
          if (args.isEmpty()) {
            throw new MagicException("needs the path of a POM file, e.g. %loadFromPOM pom.xml");
          }
          addJars(
              maven()
                  .resolvePom(
                      workingDirectory().resolve(args.get(0)), args.subList(1, args.size())));
          return null;
        case "load":
          return load(run, args);
        case "time":
          return time(run, String.join(" ", args));
        default:
          throw new MagicException(
              "unknown line magic %"
                  + name
                  + "; this kernel knows %jars, %classpath, %maven (%addMavenDependency),"
                  + " %mavenRepo, %loadFromPOM, %load and %time");
      }
    } catch (MagicException e) {
      return error(name, e.getMessage());
    }
  }

  CellError cellMagic(Engine.CellRun run, String name, String text) {
    int newline = text.indexOf('\n');
    String argLine = newline < 0 ? text : text.substring(0, newline);
    String body = newline < 0 ? "" : text.substring(newline + 1);
    List<String> args = Segment.arguments(argLine);
    try {
      switch (name) {
        case "loadFromPOM":
          return loadFromPomCell(body, args);
        case "time":
          return time(run, body);
        default:
          throw new MagicException(
              "unknown cell magic %%" + name + "; this kernel knows %%loadFromPOM and %%time");
      }
    } catch (MagicException e) {
      return error(name, e.getMessage());
    }
  }

  private CellError addMaven(List<String> args) throws MagicException {
    List<String> coordinates = new ArrayList<>();
    List<String> from = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--from")) {
        if (i + 1 == args.size()) {
          throw new MagicException("--from needs a repository id or URL after it");
        }
        from.add(args.get(++i));
      } else if (a.startsWith("--from=")) {
        from.add(a.substring("--from=".length()));
      } else if (a.equals("-v") || a.equals("--verbose")) {
        System.out.println("searching " + maven().repositories());
      } else if (a.startsWith("-")) {
        throw new MagicException("unknown option " + a + "; the options are --from REPO and -v");
      } else {
        coordinates.add(a);
      }
    }
    addJars(maven().resolve(coordinates, from));
    return null;
  }

  private CellError loadFromPomCell(String body, List<String> scopes) throws MagicException {
    String pom = PartialPom.complete(body);
    Path file;
    try {
      file = Files.createTempFile("notebook-", ".pom");
      Files.writeString(file, pom);
    } catch (IOException e) {
      throw new MagicException("cannot write a temporary POM: " + e.getMessage(), e);
    }
    try {
      addJars(maven().resolvePom(file, scopes));
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // a temporary file left behind is harmless
      }
    }
    return null;
  }

  private CellError load(Engine.CellRun run, List<String> args) throws MagicException {
    if (args.isEmpty()) {
      throw new MagicException(
          "needs a file, e.g. %load helpers.jsh or %load ../utils/imports (a notebook)");
    }
    for (String arg : args) {
      Path file = LoadSources.find(arg, workingDirectory());
      if (loading.contains(file) || loading.size() >= MAX_LOAD_DEPTH) {
        throw new MagicException(
            "%load " + arg + " would load " + file + " again while loading it (" + loading + ")");
      }
      loading.push(file);
      try {
        for (LoadSources.Piece piece : LoadSources.read(file)) {
          if (run.halted()) {
            return null;
          }
          CellError error = run(run, piece.code(), false);
          if (error != null) {
            String where = arg + (piece.cell() > 0 ? ", code cell " + piece.cell() : "");
            List<String> tb = new ArrayList<>();
            tb.add("in " + where + " (" + file + "):");
            tb.addAll(error.traceback());
            return new CellError(error.ename(), where + ": " + error.evalue(), tb);
          }
        }
      } finally {
        loading.pop();
      }
    }
    return null;
  }

  /** JJava's {@code %time}: runs the code (value shown), then displays CPU and wall time. */
  private CellError time(Engine.CellRun run, String code) {
    CpuTimes cpuStart = CpuTimes.now();
    long wallStart = System.nanoTime();
    CellError error = run(run, code, true);
    long wall = System.nanoTime() - wallStart;
    CpuTimes cpu = CpuTimes.now().since(cpuStart);
    if (cpu.userNanos() >= 0 && cpu.systemNanos() >= 0) {
      engine.display(
          String.format(
              Locale.ROOT,
              "CPU times: user %.3f s, sys %.3f s, total %.3f s",
              cpu.userNanos() / 1e9,
              cpu.systemNanos() / 1e9,
              cpu.totalNanos() / 1e9));
    } else if (cpu.totalNanos() >= 0) {
      engine.display(String.format(Locale.ROOT, "CPU times: total %.3f s", cpu.totalNanos() / 1e9));
    }
    engine.display(String.format(Locale.ROOT, "Wall time: %.3f s", wall / 1e9));
    return error;
  }

  /**
   * Runs code that may hold magics, as a cell runs it: split into line magics, cell magics and
   * Java, each run in order until one fails. The engine runs every cell through here.
   *
   * @param showValue whether the last expression's value is shown (not for {@code %load}, as in
   *     IJava)
   */
  CellError run(Engine.CellRun run, String code, boolean showValue) {
    List<Segment> segments = Segment.split(code, c -> engine.completeness(c).equals("incomplete"));
    for (int i = 0; i < segments.size(); i++) {
      if (run.halted()) {
        return null;
      }
      Segment seg = segments.get(i);
      boolean last = i == segments.size() - 1;
      CellError error;
      switch (seg.kind()) {
        case CODE:
          error = engine.runCode(run, code, seg.text(), seg.offset(), showValue && last);
          break;
        case LINE_MAGIC:
          run.out.beginSnippet(seg.line(), "%" + seg.name() + " " + seg.text());
          error = lineMagic(run, seg.name(), Segment.arguments(seg.text()));
          break;
        default:
          run.out.beginSnippet(seg.line(), "%%" + seg.name());
          error = cellMagic(run, seg.name(), seg.text());
          break;
      }
      if (error != null) {
        return error;
      }
    }
    return null;
  }

  private void addJars(List<Path> jars) {
    for (Path p : jars) {
      engine.addToClasspath(p.toString());
    }
  }

  private MavenDependencies maven() {
    if (maven == null) {
      maven = MavenDependencies.standard(line -> System.out.println(line));
    }
    return maven;
  }

  /** Where relative paths start: the kernel's working directory, the notebook's folder. */
  private static Path workingDirectory() {
    return Path.of("").toAbsolutePath();
  }

  private static List<Path> glob(String pattern, boolean jarsOnly) throws MagicException {
    try {
      return Globs.expand(pattern, jarsOnly);
    } catch (IllegalArgumentException e) {
      throw new MagicException(e.getMessage());
    }
  }

  private static CellError error(String name, String message) {
    return new CellError(
        "MagicError", "%" + name + ": " + message, List.of("%" + name + ": " + message));
  }
}
