package vaecourse.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * IJava's line magics: {@code %jars}, {@code %classpath}, {@code %maven} and {@code %load}.
 * Relative paths are resolved against the working directory (the notebook's folder).
 */
final class Magics {
  private final Engine engine;
  private final MavenResolver maven = MavenResolver.standard();

  Magics(Engine engine) {
    this.engine = engine;
  }

  CellError lineMagic(Engine.CellRun run, String name, List<String> args) {
    try {
      switch (name) {
        case "jars":
          for (String pattern : args) {
            List<Path> jars = expand(pattern, true);
            for (Path p : jars) {
              engine.addToClasspath(p.toString());
            }
          }
          return null;
        case "classpath":
          for (String pattern : args) {
            for (Path p : expand(pattern, false)) {
              engine.addToClasspath(p.toString());
            }
          }
          return null;
        case "maven":
        case "addMavenDependency":
        case "addMavenDependencies":
          for (String coords : args) {
            for (Path p : maven.resolve(coords)) {
              engine.addToClasspath(p.toString());
            }
          }
          return null;
        case "load":
          return load(run, args);
        default:
          throw new MagicException(
              "unknown line magic %" + name + "; this kernel knows %jars, %classpath, %maven and"
                  + " %load");
      }
    } catch (MagicException e) {
      return error(name, e.getMessage());
    }
  }

  CellError cellMagic(Engine.CellRun run, String name, String text) {
    return error(name, "unknown cell magic %%" + name + "; this kernel has no cell magics");
  }

  private CellError load(Engine.CellRun run, List<String> args) throws MagicException {
    if (args.isEmpty()) {
      throw new MagicException("%load needs a file, e.g. %load helpers.jsh");
    }
    for (String arg : args) {
      Path file = Path.of(arg);
      String code;
      try {
        code = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new MagicException("cannot read " + file.toAbsolutePath() + ": " + e);
      }
      CellError error = engine.runCode(run, code, code, 0, false);
      if (error != null) {
        List<String> tb = new ArrayList<>();
        tb.add("in " + arg + ":");
        tb.addAll(error.traceback());
        return new CellError(error.ename(), arg + ", " + error.evalue(), tb);
      }
    }
    return null;
  }

  private static CellError error(String name, String message) {
    return new CellError("MagicError", "%" + name + ": " + message, List.of("%" + name + ": "
        + message));
  }

  /**
   * Files matching a path or glob ({@code lib/*.jar}, {@code libs/**.jar}), sorted.
   *
   * @param jarsOnly whether only {@code .jar} files count (folders otherwise allowed)
   */
  static List<Path> expand(String pattern, boolean jarsOnly) throws MagicException {
    String p = pattern.startsWith("~/") ? System.getProperty("user.home") + pattern.substring(1)
        : pattern;
    boolean glob = p.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    if (!glob) {
      Path path = Path.of(p).toAbsolutePath().normalize();
      if (!Files.exists(path)) {
        throw new MagicException(path + " does not exist");
      }
      if (Files.isDirectory(path) && jarsOnly) {
        return jarsIn(path);
      }
      return List.of(path);
    }
    Path abs = Path.of(p).isAbsolute() ? Path.of(p) : Path.of("").toAbsolutePath().resolve(p);
    String absText = abs.normalize().toString();
    int firstGlob = indexOfGlob(absText);
    int cut = absText.lastIndexOf('/', firstGlob);
    Path base = Path.of(cut <= 0 ? "/" : absText.substring(0, cut));
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + absText);
    int depth = absText.contains("**") ? Integer.MAX_VALUE
        : (int) absText.substring(cut).chars().filter(c -> c == '/').count();
    if (!Files.isDirectory(base)) {
      throw new MagicException(base + " is not a folder (in pattern " + pattern + ")");
    }
    try (Stream<Path> walk = Files.walk(base, depth)) {
      List<Path> found =
          walk.filter(matcher::matches)
              .filter(f -> !jarsOnly || f.toString().endsWith(".jar"))
              .sorted()
              .collect(Collectors.toList());
      if (found.isEmpty()) {
        throw new MagicException("no files match " + pattern);
      }
      return found;
    } catch (IOException e) {
      throw new MagicException("cannot list " + base + ": " + e);
    }
  }

  private static List<Path> jarsIn(Path dir) throws MagicException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(f -> f.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new MagicException("cannot list " + dir + ": " + e);
    }
  }

  private static int indexOfGlob(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '{') {
        return i;
      }
    }
    return s.length();
  }

  /** A magic that cannot do what it was asked; the message says why. */
  static final class MagicException extends Exception {
    private static final long serialVersionUID = 1L;

    MagicException(String message) {
      super(message);
    }
  }
}
