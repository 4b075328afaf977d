package vaecourse.flows;

import ai.djl.ndarray.NDArray;
import java.util.Objects;

/**
 * The result of pushing a batch through a flow layer: the transformed points and the log absolute
 * Jacobian determinant of that direction of the map, per example.
 *
 * @param value transformed points, shape {@code [batch, dim]}
 * @param logDet \( \log|\det \partial\,\mathrm{value} / \partial\,\mathrm{input}| \), shape {@code
 *     [batch]}
 */
public record FlowStep(NDArray value, NDArray logDet) {

  /**
   * Checks that {@code logDet} has one entry per row of {@code value}.
   *
   * @throws IllegalArgumentException if it does not
   */
  public FlowStep {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(logDet, "logDet");
    if (value.getShape().dimension() != 2
        || logDet.getShape().dimension() != 1
        || logDet.getShape().get(0) != value.getShape().get(0)) {
      throw new IllegalArgumentException(
          "logDet shape " + logDet.getShape() + " must be [batch] for value shape "
              + value.getShape() + " = [batch, dim]");
    }
  }
}
