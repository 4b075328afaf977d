package vaecourse.grader.pipeline;

import java.util.List;

/**
 * Steps applied in order to one context.
 *
 * @param <C> the context type
 * @param steps the steps, in order
 */
public record Pipeline<C>(List<Step<C>> steps) {

  /** Copies the list. */
  public Pipeline {
    steps = List.copyOf(steps);
  }

  /** A pipeline of the given steps. */
  @SafeVarargs
  public static <C> Pipeline<C> of(Step<C>... steps) {
    List<Step<C>> list = new java.util.ArrayList<>(steps.length);
    for (Step<C> step : steps) {
      list.add(step);
    }
    return new Pipeline<>(list);
  }

  /** Runs every step on the context, stopping at the first exception. */
  public C run(C context) throws MalformedSourceException {
    for (Step<C> step : steps) {
      step.apply(context);
    }
    return context;
  }

  /** The step names, for {@code --help} texts and logs. */
  public List<String> names() {
    return steps.stream().map(Step::name).toList();
  }
}
