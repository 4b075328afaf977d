package vaecourse.distributions;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.function.Supplier;

/**
 * Runs a computation inside an {@link NDScope} and keeps only its result, which then belongs to the
 * enclosing scope if there is one (so training steps still free it) and to a given manager. The
 * PyTorch engine attaches every result to the manager of its first operand, so expressions that
 * start from a parameter (\(\log\pi\), \(\hat u\), \(e^{-\log b}\)) would otherwise leave small
 * arrays on the model's long-lived manager at every call. Autograd is unaffected: the graph keeps
 * what backward needs even after the intermediate handles are closed, as long as the engine owns
 * that memory; arrays built from Java values inside the body must be {@link vaecourse.Constants}
 * copies.
 */
public final class Scopes {

  private Scopes() {}

  /**
   * Evaluates {@code body}, closes every intermediate array, and attaches the result to {@code
   * owner}.
   *
   * @param owner the manager that will own the result
   * @param body the computation
   * @return the result, owned by {@code owner}
   */
  public static NDArray keep(NDManager owner, Supplier<NDArray> body) {
    NDArray out;
    try (NDScope scope = new NDScope()) {
      out = detachFromScope(owner, body.get());
    }
    // An enclosing scope (a training step) now owns the result, as if no inner scope existed.
    NDScope.register(out);
    return out;
  }

  /** Like {@link #keep} for a computation with several results. */
  public static NDList keepAll(NDManager owner, Supplier<NDList> body) {
    NDList out;
    try (NDScope scope = new NDScope()) {
      out = body.get();
      for (NDArray a : out) {
        detachFromScope(owner, a);
      }
    }
    for (NDArray a : out) {
      NDScope.register(a);
    }
    return out;
  }

  private static NDArray detachFromScope(NDManager owner, NDArray a) {
    NDScope.unregister(a);
    a.attach(owner);
    return a;
  }
}
