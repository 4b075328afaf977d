package vaecourse.training;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line text progress bar that redraws itself in place with a carriage return: epoch, step,
 * running mean loss and the time left in the epoch. Redraws are throttled so that a notebook's
 * captured output stays small.
 */
final class ProgressBar {

  private static final int WIDTH = 24;

  private final PrintStream out;
  private final int epochs;
  private final long intervalNanos;
  private long epochStart;
  private long lastDraw;
  private int lastLength;

  ProgressBar(PrintStream out, int epochs, long intervalMillis) {
    this.out = out;
    this.epochs = epochs;
    this.intervalNanos = intervalMillis * 1_000_000L;
  }

  void startEpoch() {
    epochStart = System.nanoTime();
    lastDraw = 0;
  }

  /** Redraws the bar when enough time has passed since the last redraw, or on the last step. */
  void step(int epoch, int step, int steps, double meanLoss) {
    long now = System.nanoTime();
    if (step != steps && now - lastDraw < intervalNanos) {
      return;
    }
    lastDraw = now;
    double elapsed = (now - epochStart) / 1e9;
    double eta = step == 0 ? 0 : elapsed / step * (steps - step);
    int filled = (int) ((long) WIDTH * step / steps);
    StringBuilder bar = new StringBuilder(WIDTH);
    for (int i = 0; i < WIDTH; i++) {
      bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
    }
    draw(
        String.format(
            Locale.ROOT,
            "epoch %d/%d [%s] %d/%d loss %.4f ETA %s",
            epoch,
            epochs,
            bar,
            step,
            steps,
            meanLoss,
            duration(eta)));
  }

  /** Replaces the bar with a permanent summary line. */
  void endEpoch(String summary) {
    draw(summary);
    out.println();
    out.flush();
    lastLength = 0;
  }

  private void draw(String line) {
    StringBuilder text = new StringBuilder("\r").append(line);
    for (int i = line.length(); i < lastLength; i++) {
      text.append(' ');
    }
    lastLength = line.length();
    out.print(text);
    out.flush();
  }

  static String duration(double seconds) {
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.1fs", seconds);
    }
    long s = Math.round(seconds);
    return s < 3600
        ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60)
        : String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
  }
}
