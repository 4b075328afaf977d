package vaecourse.grader.integrity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The top-level classes on the worker's class path by fully qualified name, so that a task rule
 * naming a package ({@code vaecourse.distributions}) also catches the simple names the notebook's
 * wildcard imports make visible ({@code LogDensities}).
 */
public final class ClassIndex {
  private static final Map<List<String>, ClassIndex> CACHE = new ConcurrentHashMap<>();

  private final Set<String> classes;

  private ClassIndex(Set<String> classes) {
    this.classes = Set.copyOf(classes);
  }

  /** An index of the given fully qualified class names. */
  public static ClassIndex of(Collection<String> qualifiedNames) {
    return new ClassIndex(new TreeSet<>(qualifiedNames));
  }

  /**
   * The classes of the jars and class folders on a class path (cached; unreadable parts skipped).
   */
  public static ClassIndex ofClassPath(List<String> classPath) {
    return CACHE.computeIfAbsent(List.copyOf(classPath), ClassIndex::scan);
  }

  private static ClassIndex scan(List<String> classPath) {
    Set<String> names = new TreeSet<>();
    for (String entry : classPath) {
      Path p = Path.of(entry);
      try {
        if (Files.isRegularFile(p)) {
          try (ZipFile zip = new ZipFile(p.toFile())) {
            zip.stream().map(ZipEntry::getName).forEach(n -> add(names, n));
          }
        } else if (Files.isDirectory(p)) {
          try (var files = Files.walk(p)) {
            files.forEach(f -> add(names, p.relativize(f).toString().replace('\\', '/')));
          }
        }
      } catch (IOException | RuntimeException e) {
        // a part of the class path that cannot be read adds no names
      }
    }
    return new ClassIndex(names);
  }

  private static void add(Set<String> names, String entry) {
    if (entry.endsWith(".class") && !entry.contains("$") && !entry.startsWith("META-INF")) {
      names.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
    }
  }

  /** Simple name to fully qualified name of every class in a package or its subpackages. */
  public Map<String, String> simpleNamesIn(String packageName) {
    Map<String, String> out = new HashMap<>();
    String prefix = packageName + ".";
    for (String c : classes) {
      if (c.startsWith(prefix)) {
        out.putIfAbsent(c.substring(c.lastIndexOf('.') + 1), c);
      }
    }
    return out;
  }
}
