package vaecourse.plot;

import java.awt.Color;

/** Ten distinguishable colours for classes and series (the common "tab10" set). */
public final class Palette {

  private static final Color[] TEN = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
    new Color(0xbcbd22), new Color(0x17becf)
  };

  private Palette() {}

  /** The colour of class or series {@code i} (cycling after ten). */
  public static Color color(int i) {
    return TEN[Math.floorMod(i, TEN.length)];
  }
}
