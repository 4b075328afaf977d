package vaecourse.grader.pipeline;

import java.util.function.LongSupplier;

/**
 * The first report step: turns the scores, flags and run into the submission's result, the one
 * thing every report is written from. A context that already has a result (a submission whose
 * assignment cannot be told) keeps it.
 */
public final class Summarize implements Step<GradingContext> {
  private final LongSupplier clock;

  /** A step that times the submission with {@code clock} (nanoseconds). */
  public Summarize(LongSupplier clock) {
    this.clock = clock;
  }

  @Override
  public void apply(GradingContext context) {
    if (context.result() == null) {
      double seconds = (clock.getAsLong() - context.startedNanos()) / 1e9;
      context.setResult(Grader.toResult(context, context.submissionSha256(), seconds));
    }
  }
}
