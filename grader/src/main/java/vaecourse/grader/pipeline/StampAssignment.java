package vaecourse.grader.pipeline;

/**
 * Writes the assignment name ({@code metadata.course.assignment}, the source file name without
 * {@code .ipynb}) into the notebook unless the author set one, so grading can tell a notebook for
 * another assignment.
 */
public final class StampAssignment implements Step<SourceContext> {

  @Override
  public void apply(SourceContext context) {
    if (context.notebook().assignment().isEmpty()) {
      context.notebook().setAssignment(context.assignmentName());
    }
  }
}
