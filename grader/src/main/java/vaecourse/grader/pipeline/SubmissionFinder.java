package vaecourse.grader.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns the paths given on the command line into submissions, one per student and notebook.
 *
 * <ul>
 *   <li>a file {@code alice.ipynb}: student {@code alice};
 *   <li>a file named after an assignment, {@code alice/01-reparameterization.ipynb}: student {@code
 *       alice}, the folder's name, and the folder is that student's own;
 *   <li>a folder: each notebook inside, and each notebook one level down, by the rules above.
 * </ul>
 *
 * <p>Student ids keep letters, digits, {@code . _ -} and {@code @}; other characters become {@code
 * _}.
 */
public final class SubmissionFinder {
  /**
   * One submitted notebook.
   *
   * @param student the student id
   * @param file the notebook file
   * @param ownFolder the student's own folder (its other files are copied for the run), or null
   */
  public record Submission(String student, Path file, Path ownFolder) {}

  private SubmissionFinder() {}

  /**
   * Finds the submissions.
   *
   * @param paths files and folders from the command line
   * @param assignments the assignment names known from the sources
   * @throws IOException when a path cannot be listed
   * @throws IllegalArgumentException when a path does not exist
   */
  public static List<Submission> find(List<Path> paths, Set<String> assignments)
      throws IOException {
    Map<String, Submission> found = new LinkedHashMap<>();
    for (Path p : paths) {
      if (Files.isRegularFile(p)) {
        add(found, p, assignments);
      } else if (Files.isDirectory(p)) {
        List<Path> entries;
        try (Stream<Path> s = Files.list(p)) {
          entries = s.sorted().toList();
        }
        for (Path e : entries) {
          if (Files.isRegularFile(e) && isNotebook(e)) {
            add(found, e, assignments);
          } else if (Files.isDirectory(e) && !e.getFileName().toString().startsWith(".")) {
            try (Stream<Path> s = Files.list(e)) {
              for (Path f : s.sorted().toList()) {
                if (Files.isRegularFile(f) && isNotebook(f)) {
                  add(found, f, assignments);
                }
              }
            }
          }
        }
      } else {
        throw new IllegalArgumentException("submission path " + p + " does not exist");
      }
    }
    return new ArrayList<>(found.values());
  }

  private static boolean isNotebook(Path p) {
    String n = p.getFileName().toString();
    return n.endsWith(".ipynb") && !n.startsWith(".");
  }

  private static void add(Map<String, Submission> found, Path file, Set<String> assignments) {
    String stem = stem(file);
    Path parent = file.toAbsolutePath().getParent();
    boolean named = assignments.contains(stem) && parent != null && parent.getFileName() != null;
    String student = safeId(named ? parent.getFileName().toString() : stem);
    Submission s = new Submission(student, file, named ? parent : null);
    found.putIfAbsent(student + "\u0000" + file.toAbsolutePath().normalize(), s);
  }

  /** The file name without {@code .ipynb}. */
  public static String stem(Path file) {
    String n = file.getFileName().toString();
    return n.endsWith(".ipynb") ? n.substring(0, n.length() - 6) : n;
  }

  /** A student id safe as a folder name and a CSV cell. */
  public static String safeId(String raw) {
    String s = raw.replaceAll("[^A-Za-z0-9._@-]", "_");
    if (s.isEmpty() || s.equals(".") || s.equals("..")) {
      return "_" + s;
    }
    return s;
  }
}
