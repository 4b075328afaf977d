package vaecourse.engine;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Expands class path globs such as {@code lib/*.jar} or {@code libs/**.jar}. */
public final class Globs {
  private Globs() {}

  /**
   * Files matching a path or glob ({@code lib/*.jar}, {@code libs/**.jar}), sorted.
   *
   * @throws IllegalArgumentException when nothing matches or a folder cannot be read
   * @param jarsOnly whether only {@code .jar} files count (folders otherwise allowed)
   */
  public static List<Path> expand(String pattern, boolean jarsOnly) {
    String p =
        pattern.startsWith("~/") ? System.getProperty("user.home") + pattern.substring(1) : pattern;
    boolean glob = p.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    if (!glob) {
      Path path = Path.of(p).toAbsolutePath().normalize();
      if (!Files.exists(path)) {
        throw new IllegalArgumentException(path + " does not exist");
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
    int depth =
        absText.contains("**")
            ? Integer.MAX_VALUE
            : (int) absText.substring(cut).chars().filter(c -> c == '/').count();
    if (!Files.isDirectory(base)) {
      throw new IllegalArgumentException(base + " is not a folder (in pattern " + pattern + ")");
    }
    try (Stream<Path> walk = Files.walk(base, depth)) {
      List<Path> found =
          walk.filter(matcher::matches)
              .filter(f -> !jarsOnly || f.toString().endsWith(".jar"))
              .sorted()
              .collect(Collectors.toList());
      if (found.isEmpty()) {
        throw new IllegalArgumentException("no files match " + pattern);
      }
      return found;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot list " + base + ": " + e);
    }
  }

  private static List<Path> jarsIn(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(f -> f.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot list " + dir + ": " + e);
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
}
