package vaecourse.flows;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The composition \( f = f_K \circ \dots \circ f_1 \): forward applies the layers in order and sums
 * their log-determinants, \( \log|\det J_f| = \sum_k \log|\det J_{f_k}| \); inverse applies the
 * inverses in reverse order.
 */
public final class FlowSequence extends Flow {

  private final List<Flow> layers;

  private FlowSequence(int dim, List<Flow> layers) {
    super(dim);
    List<Flow> list = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      list.add(addChildBlock("layer" + i, layers.get(i)));
    }
    this.layers = Collections.unmodifiableList(list);
  }

  /**
   * Composes layers, first applied first.
   *
   * @throws IllegalArgumentException if there are none or their dimensions differ
   */
  public static FlowSequence of(List<? extends Flow> layers) {
    if (layers == null || layers.isEmpty()) {
      throw new IllegalArgumentException("layers must hold at least one flow");
    }
    int dim = layers.get(0).dim();
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i).dim() != dim) {
        throw new IllegalArgumentException(
            "layer " + i + " has dim " + layers.get(i).dim() + ", but layer 0 has dim " + dim);
      }
    }
    return new FlowSequence(dim, new ArrayList<>(layers));
  }

  /** Varargs form of {@link #of(List)}. */
  public static FlowSequence of(Flow... layers) {
    return of(List.of(layers));
  }

  /**
   * {@code layers} RealNVP coupling layers with alternating masks.
   *
   * @throws IllegalArgumentException if a size is invalid
   */
  public static FlowSequence realNvp(int dim, int layers, int hidden) {
    List<Flow> list = new ArrayList<>();
    for (int i = 0; i < positive("layers", layers); i++) {
      list.add(AffineCoupling.of(dim, hidden, i % 2 == 0));
    }
    return of(list);
  }

  /**
   * {@code layers} NICE additive coupling layers with alternating masks, then a {@link Scaling}.
   *
   * @throws IllegalArgumentException if a size is invalid
   */
  public static FlowSequence nice(int dim, int layers, int hidden) {
    List<Flow> list = new ArrayList<>();
    for (int i = 0; i < positive("layers", layers); i++) {
      list.add(AdditiveCoupling.of(dim, hidden, i % 2 == 0));
    }
    list.add(Scaling.of(dim));
    return of(list);
  }

  /**
   * {@code layers} planar layers (forward only).
   *
   * @throws IllegalArgumentException if a size is invalid
   */
  public static FlowSequence planar(int dim, int layers) {
    List<Flow> list = new ArrayList<>();
    for (int i = 0; i < positive("layers", layers); i++) {
      list.add(PlanarFlow.of(dim));
    }
    return of(list);
  }

  private static int positive(String name, int v) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, but was " + v);
    }
    return v;
  }

  /** The layers, first applied first. */
  public List<Flow> layers() {
    return layers;
  }

  @Override
  public boolean isInvertible() {
    for (Flow f : layers) {
      if (!f.isInvertible()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public FlowStep forward(ParameterStore ps, NDArray x, boolean training) {
    checkInput("x", x);
    NDArray v = x;
    NDArray logDet = null;
    for (Flow f : layers) {
      FlowStep s = f.forward(ps, v, training);
      v = s.value();
      logDet = logDet == null ? s.logDet() : logDet.add(s.logDet());
    }
    return new FlowStep(v, logDet);
  }

  @Override
  public FlowStep inverse(ParameterStore ps, NDArray y, boolean training) {
    checkInput("y", y);
    if (!isInvertible()) {
      throw new UnsupportedOperationException(
          "this FlowSequence contains a forward-only layer (PlanarFlow), so it has no inverse");
    }
    NDArray v = y;
    NDArray logDet = null;
    for (int i = layers.size() - 1; i >= 0; i--) {
      FlowStep s = layers.get(i).inverse(ps, v, training);
      v = s.value();
      logDet = logDet == null ? s.logDet() : logDet.add(s.logDet());
    }
    return new FlowStep(v, logDet);
  }
}
