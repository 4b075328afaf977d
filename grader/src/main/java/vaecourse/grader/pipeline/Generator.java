package vaecourse.grader.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import vaecourse.grader.notebook.Notebook;
import vaecourse.grader.notebook.NotebookFormatException;
import vaecourse.grader.notebook.NotebookIo;

/**
 * Makes student notebooks from every {@code *.ipynb} in a solutions folder, or checks that a folder
 * already holds exactly what it would make. Nothing is written unless every source is valid.
 */
public final class Generator {
  /**
   * What a run did.
   *
   * @param problems rule violations (nothing was written when there are any)
   * @param written files written
   * @param differing files that differ from what would be made, are missing or are extra (check)
   */
  public record Outcome(List<SourceProblem> problems, List<Path> written, List<String> differing) {
    /** Copies the lists. */
    public Outcome {
      problems = List.copyOf(problems);
      written = List.copyOf(written);
      differing = List.copyOf(differing);
    }

    /** Whether the command succeeded. */
    public boolean ok() {
      return problems.isEmpty() && differing.isEmpty();
    }
  }

  private Generator() {}

  /** The solution notebooks of a folder, sorted by name (a single file stands for itself). */
  public static List<Path> sources(Path solutions) throws IOException {
    if (Files.isRegularFile(solutions)) {
      return List.of(solutions);
    }
    try (Stream<Path> s = Files.list(solutions)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".ipynb"))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    }
  }

  /** The student notebook texts by file name, or the problems found. */
  public static Map<String, String> make(Path solutions, List<SourceProblem> problems)
      throws IOException {
    Map<String, String> made = new LinkedHashMap<>();
    for (Path source : sources(solutions)) {
      String name = source.getFileName().toString();
      try {
        Notebook nb = NotebookIo.read(source);
        SourceContext context = new SourceContext(name, nb);
        Releases.studentPipeline().run(context);
        made.put(name, context.notebook().toJsonText());
      } catch (NotebookFormatException e) {
        problems.add(new SourceProblem(name, 0, "", 0, e.getMessage()));
      } catch (MalformedSourceException e) {
        problems.addAll(e.problems());
      }
    }
    return made;
  }

  /**
   * Generates (or with {@code check}, compares) student notebooks.
   *
   * @param solutions the instructor folder (or one file)
   * @param out the student folder
   * @param check compare instead of writing
   */
  public static Outcome run(Path solutions, Path out, boolean check) throws IOException {
    List<SourceProblem> problems = new ArrayList<>();
    Map<String, String> made = make(solutions, problems);
    if (!problems.isEmpty()) {
      return new Outcome(problems, List.of(), List.of());
    }
    List<Path> written = new ArrayList<>();
    List<String> differing = new ArrayList<>();
    for (Map.Entry<String, String> e : made.entrySet()) {
      Path target = out.resolve(e.getKey());
      byte[] want = e.getValue().getBytes(StandardCharsets.UTF_8);
      boolean same = Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), want);
      if (check) {
        if (!same) {
          differing.add(
              target
                  + (Files.exists(target) ? " differs from" : " is missing;")
                  + " what generate makes from "
                  + solutions.resolve(e.getKey()));
        }
      } else if (!same) {
        NotebookIo.AtomicWrite.writeString(target, e.getValue());
        written.add(target);
      }
    }
    if (check && Files.isDirectory(out) && Files.isDirectory(solutions)) {
      try (Stream<Path> s = Files.list(out)) {
        s.filter(p -> p.getFileName().toString().endsWith(".ipynb"))
            .filter(p -> !made.containsKey(p.getFileName().toString()))
            .sorted()
            .forEach(p -> differing.add(p + " has no source in " + solutions));
      }
    }
    return new Outcome(problems, written, differing);
  }
}
