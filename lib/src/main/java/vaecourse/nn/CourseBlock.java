package vaecourse.nn;

import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

/**
 * The base of the course's blocks: a DJL {@link AbstractBlock} that answers {@link
 * #isInitialized()} without building lists.
 *
 * <p>DJL's {@code forward} asks {@code isInitialized()} on every call in training mode, and DJL's
 * answer collects every parameter of the block's subtree under its prefixed name: a new list and a
 * new string per parameter and level, for every block, on every step. On the MLP VAE that method
 * was also the largest one the JIT compiler compiled during training (0.8 s of compiler time, while
 * PyTorch wanted both cores of a 2-core machine). Here the block checks its own parameters and asks
 * its children, which for DJL's leaf layers is a list of one or two.
 */
public abstract class CourseBlock extends AbstractBlock {

  /** A block without a version of its own. */
  protected CourseBlock() {}

  /**
   * A block whose saved parameters carry {@code version}.
   *
   * @param version written with the parameters by {@code saveParameters}
   */
  protected CourseBlock(byte version) {
    super(version);
  }

  @Override
  public boolean isInitialized() {
    for (Parameter p : parameters.values()) {
      if (!p.isInitialized()) {
        return false;
      }
    }
    for (Block child : children.values()) {
      if (!child.isInitialized()) {
        return false;
      }
    }
    return true;
  }
}
