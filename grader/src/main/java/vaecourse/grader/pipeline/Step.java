package vaecourse.grader.pipeline;

/**
 * One step of a {@link Pipeline}: it reads and changes the context it is given.
 *
 * @param <C> the context type: {@link SourceContext} to make notebooks, {@link GradingContext} to
 *     grade one
 */
public interface Step<C> {
  /**
   * Applies the step.
   *
   * @throws MalformedSourceException when an instructor notebook breaks a rule (making notebooks)
   */
  void apply(C context) throws MalformedSourceException;

  /** A short name for logs: the class's simple name. */
  default String name() {
    return getClass().getSimpleName();
  }
}
