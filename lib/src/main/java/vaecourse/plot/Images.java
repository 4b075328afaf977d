package vaecourse.plot;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Copies NDArray contents to Java arrays without leaving temporaries attached to a manager. */
final class Images {

  private Images() {}

  static float[] toFloats(NDArray array) {
    if (array.getDataType() == DataType.FLOAT32) {
      return array.toFloatArray();
    }
    try (NDArray converted = array.toType(DataType.FLOAT32, true)) {
      return converted.toFloatArray();
    }
  }

  static double[] toDoubles(NDArray array) {
    if (array.getDataType() == DataType.FLOAT64) {
      return array.toDoubleArray();
    }
    try (NDArray converted = array.toType(DataType.FLOAT64, true)) {
      return converted.toDoubleArray();
    }
  }

  /**
   * The {rows, cols} of the images in an array of shape {@code [n, h*w]} (square images), {@code
   * [n, h, w]} or {@code [n, 1, h, w]}.
   *
   * @throws IllegalArgumentException for any other shape
   */
  static int[] imageSize(Shape shape) {
    int dims = shape.dimension();
    if (dims == 2) {
      long pixels = shape.get(1);
      long side = Math.round(Math.sqrt(pixels));
      if (side * side != pixels) {
        throw new IllegalArgumentException(
            "images of shape " + shape + " are not square: pass [n, rows, cols] instead");
      }
      return new int[] {(int) side, (int) side};
    }
    if (dims == 3) {
      return new int[] {(int) shape.get(1), (int) shape.get(2)};
    }
    if (dims == 4 && shape.get(1) == 1) {
      return new int[] {(int) shape.get(2), (int) shape.get(3)};
    }
    throw new IllegalArgumentException(
        "images must have shape [n, h*w], [n, h, w] or [n, 1, h, w] but had " + shape);
  }
}
