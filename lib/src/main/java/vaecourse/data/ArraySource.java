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
}
