package vaecourse.training;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;

/**
 * Anything the training loop can optimize: parameters held by one DJL {@link Block} and a scalar
 * loss for a mini-batch.
 */
public interface Objective {

  /** The block that owns every trainable parameter (initialized before training starts). */
  Block block();

  /**
   * The loss to minimize for one mini-batch, averaged over the batch.
   *
   * @param x the batch, shape {@code [batch, ...]}
   * @param training whether this call is a training step (dropout, batch norm statistics)
   * @return a scalar array
   */
  NDArray loss(NDArray x, boolean training);
}
