package vaecourse.grader.pipeline;

import vaecourse.grader.notebook.Notebook;

/** The step lists that turn an instructor notebook into the student and grading versions. */
public final class Releases {
  private Releases() {}

  /** Solutions to student notebook, in nbgrader's order. */
  public static Pipeline<SourceContext> studentPipeline() {
    return Pipeline.of(
        new ValidateMetadata(),
        new ClearSolutions(),
        new RemoveHiddenTests(),
        new ClearOutputs(),
        new LockCells(),
        new ComputeChecksums(),
        new StampAssignment());
  }

  /** Solutions to the notebook grading runs: like the student one, hidden tests kept. */
  public static Pipeline<SourceContext> gradingPipeline() {
    return Pipeline.of(
        new ValidateMetadata(),
        new ClearSolutions(),
        new ClearOutputs(),
        new LockCells(),
        new StampAssignment());
  }

  /**
   * Both versions of an instructor notebook.
   *
   * @throws MalformedSourceException when it breaks a rule
   */
  public static AssignmentSource fromSolution(String fileName, Notebook solution)
      throws MalformedSourceException {
    SourceContext student = new SourceContext(fileName, solution.copy());
    studentPipeline().run(student);
    SourceContext grading = new SourceContext(fileName, solution.copy());
    gradingPipeline().run(grading);
    String name = student.notebook().assignment().orElse(student.assignmentName());
    return new AssignmentSource(name, student.notebook(), grading.notebook());
  }

  /**
   * A student notebook used as its own source (validate without {@code --source}): its own cells
   * and stored checksums, outputs cleared, no hidden tests.
   */
  public static AssignmentSource fromStudentNotebook(String fileName, Notebook notebook) {
    SourceContext context = new SourceContext(fileName, notebook.copy());
    new ClearOutputs().apply(context);
    new StampAssignment().apply(context);
    Notebook own = context.notebook();
    String name = own.assignment().orElse(context.assignmentName());
    return new AssignmentSource(name, own, own.copy());
  }
}
