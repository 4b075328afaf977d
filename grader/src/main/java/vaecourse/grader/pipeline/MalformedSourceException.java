package vaecourse.grader.pipeline;

import java.util.List;
import java.util.stream.Collectors;

/** An instructor notebook that cannot be turned into a student notebook; lists every problem. */
public final class MalformedSourceException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<SourceProblem> problems;

  /** The problems found, at least one. */
  public MalformedSourceException(List<SourceProblem> problems) {
    super(problems.stream().map(SourceProblem::toString).collect(Collectors.joining("\n")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("problems must not be empty");
    }
    this.problems = List.copyOf(problems);
  }

  /** The problems, in cell order. */
  public List<SourceProblem> problems() {
    return problems;
  }
}
