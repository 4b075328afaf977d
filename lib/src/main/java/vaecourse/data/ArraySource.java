package vaecourse.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** Anything that can hand out rows of a data set as an NDArray: images, points, vectors. */
public interface ArraySource {

  /** The number of rows (examples). */
  int size();

  /**
   * The rows at these indices, created in the caller's manager (the caller closes it).
   *
   * @param manager where the array is created
   * @param indices row indices in {@code [0, size())}
   * @return shape {@code [indices.length, ...]}, float32
   */
  NDArray rows(NDManager manager, int[] indices);

  /**
   * Rows of equal length held in memory, e.g. 2-D points.
   *
   * @throws IllegalArgumentException if the rows differ in length or there are none
   */
  static ArraySource of(float[][] rows) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("rows must not be empty");
    }
    int width = rows[0].length;
    float[] flat = new float[rows.length * width];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != width) {
        throw new IllegalArgumentException(
            "row " + i + " has " + rows[i].length + " values but row 0 has " + width);
      }
      System.arraycopy(rows[i], 0, flat, i * width, width);
    }
    return new ArraySource() {
      @Override
      public int size() {
        return rows.length;
      }

      @Override
      public NDArray rows(NDManager manager, int[] indices) {
        int count = Math.multiplyExact(indices.length, width);
        float[] out = Staging.scratch(count);
        for (int k = 0; k < indices.length; k++) {
          System.arraycopy(flat, indices[k] * width, out, k * width, width);
        }
        return Staging.floats(
            manager, out, count, new ai.djl.ndarray.types.Shape(indices.length, width));
      }
    };
  }
}
