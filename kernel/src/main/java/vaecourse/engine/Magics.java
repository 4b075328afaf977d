package vaecourse.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
            List<Path> jars = glob(pattern, true);
            for (Path p : jars) {
              engine.addToClasspath(p.toString());
            }
          }
          return null;
        case "classpath":
          for (String pattern : args) {
            for (Path p : glob(pattern, false)) {
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
              "unknown line magic %"
                  + name
                  + "; this kernel knows %jars, %classpath, %maven and"
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

  /** A magic that cannot do what it was asked; the message says why. */
  static final class MagicException extends Exception {
    private static final long serialVersionUID = 1L;

    MagicException(String message) {
      super(message);
    }
  }
}
