package vaecourse.flows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import vaecourse.Constants;

/**
 * NICE's diagonal scaling layer \( y = x \odot e^{s} \) with a learned \(s \in \mathbb{R}^D\)
 * (initially 0): \( \log|\det J| = \sum_d s_d \), inverse \( x = y \odot e^{-s} \).
 */
public final class Scaling extends Flow {

  private final Parameter logScale;

  private Scaling(int dim) {
    super(dim);
    logScale =
        addParameter(
            Parameter.builder()
                .setName("logScale")
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(dim))
                .optInitializer(new ConstantInitializer(0f))
                .build());
  }

  /**
   * A scaling layer on {@code dim} coordinates.
   *
   * @throws IllegalArgumentException if {@code dim < 1}
   */
  public static Scaling of(int dim) {
    return new Scaling(dim);
  }

  /** The learned \(s\), shape {@code [dim]}. */
  public Parameter logScaleParameter() {
    return logScale;
  }

  private FlowStep apply(ParameterStore ps, NDArray v, boolean training, double sign) {
    NDArray s = Constants.times(ps.getValue(logScale, v.getDevice(), training), sign);
    NDArray out = v.mul(s.exp());
    NDArray logDet =
        v.getManager().zeros(new Shape(v.getShape().get(0)), v.getDataType()).add(s.sum());
    return new FlowStep(out, logDet);
  }

  @Override
  public FlowStep forward(ParameterStore ps, NDArray x, boolean training) {
    checkInput("x", x);
    return apply(ps, x, training, 1);
  }

  @Override
  public FlowStep inverse(ParameterStore ps, NDArray y, boolean training) {
    checkInput("y", y);
    return apply(ps, y, training, -1);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {}
}
